// @ts-check
// external-chat's relay: the plugin adds this file (from its own branding folder)
// to Web App 3's document, then posts its envelopes through a function of this
// document. By HTML's incumbent rule a message posted by a function of this
// document arrives at the top window with event.source = Web App 3's window,
// which is what the original host snippet checks for.
//
// The function is handed out once: the plugin calls `init(prefix, targets)` on
// this <script> element as soon as config.json names them, and only it holds
// the relay. The relay posts only envelopes of that plugin (its `action` starts
// with `prefix`), only to the top window and only to `targets` (config.json's
// allowedOrigins, or ["*"]): it is no postMessage for whoever can reach it.
// Once its element leaves the document it posts nothing. No globals.
(() => {
  const script = document.currentScript;
  // Run once per element: a browser never runs an element's script twice, but a DOM that re-runs one put back must not throw.
  if (!(script instanceof HTMLScriptElement) || 'init' in script) return;
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
   * @param {string} prefix
   */
  const isEnvelope = (envelope, prefix) => {
    if (!isPlainObject(envelope)) return false;
    const action = Object.getOwnPropertyDescriptor(envelope, 'action');
    return action !== undefined && 'value' in action && typeof action.value === 'string' && action.value.startsWith(prefix);
  };

  let taken = false;
  /**
   * The relay, for the first caller with a prefix and targets; nothing for anyone after.
   * @param {unknown} prefix
   * @param {unknown} targets
   * @returns {((envelope: unknown) => boolean) | undefined} posts `envelope` from Web App 3's window; whether it did
   */
  const init = (prefix, targets) => {
    if (taken || typeof prefix !== 'string' || prefix === '') return undefined;
    if (!Array.isArray(targets) || targets.length === 0 || !targets.every((target) => typeof target === 'string')) return undefined;
    taken = true;
    const origins = Object.freeze([...targets]);
    return (envelope) => {
      if (!script.isConnected || !isEnvelope(envelope, prefix)) return false;
      for (const origin of origins) top.postMessage(envelope, origin);
      return true;
    };
  };
  Object.defineProperty(script, 'init', { value: init, enumerable: false, writable: false, configurable: false });
})();
