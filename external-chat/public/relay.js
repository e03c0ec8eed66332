// @ts-check
// external-chat's relay: the plugin adds this file (from its own branding folder)
// to Web App 3's document, then posts its envelopes through the function this file
// leaves on its <script> element. By HTML's incumbent rule a message posted by a
// function of this document arrives at the top window with event.source = Web App
// 3's window, which is what the original host snippet checks for.
//
// It relays only envelopes of the plugin that installed it (the action prefix in
// data-prefix), only to the top window and only to the targets in data-targets
// (a JSON array: config.json's allowedOrigins, or ["*"]): it is not a postMessage
// for whoever can reach it. Once its element leaves the document it posts nothing.
// No globals: everything lives in this function's scope and on the element.
(() => {
  const script = document.currentScript;
  if (!(script instanceof HTMLScriptElement)) return;
  const prefix = script.dataset.prefix;
  /** @type {unknown} */
  let targets;
  try {
    targets = JSON.parse(script.dataset.targets ?? '');
  } catch {
    return;
  }
  // Left without a relay, the plugin says so and posts from its own frame.
  if (!prefix || !Array.isArray(targets) || targets.length === 0 || !targets.every((target) => typeof target === 'string')) return;
  const origins = Object.freeze([...targets]);
  const top = window.top;
  if (!top || top === window) return;

  /**
   * A plain object of another realm (the plugin's) has that realm's
   * Object.prototype, so `instanceof Object` would be wrong here.
   * @param {unknown} value
   * @returns {value is Record<string, unknown>}
   */
  const isPlainObject = (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    const proto = Object.getPrototypeOf(value);
    return proto === null || Object.getPrototypeOf(proto) === null;
  };

  /**
   * An own data property, read once: a getter could answer the check with one
   * action and the structured clone with another. (A Proxy cannot be cloned:
   * postMessage throws on it.)
   * @param {unknown} envelope
   */
  const isEnvelope = (envelope) => {
    if (!isPlainObject(envelope)) return false;
    const action = Object.getOwnPropertyDescriptor(envelope, 'action');
    return action !== undefined && 'value' in action && typeof action.value === 'string' && action.value.startsWith(prefix);
  };

  /**
   * Posts `envelope` from Web App 3's window to the top window.
   * @param {unknown} envelope
   * @returns {boolean} whether it was posted
   */
  const relay = (envelope) => {
    if (!script.isConnected || !isEnvelope(envelope)) return false;
    for (const origin of origins) top.postMessage(envelope, origin);
    return true;
  };
  Object.defineProperty(script, 'relay', { value: relay, enumerable: false, writable: false, configurable: false });
})();
