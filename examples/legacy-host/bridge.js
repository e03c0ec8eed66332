// external-chat without a library: the raw envelopes, as the README documents them.
// This file is the README's "raw envelopes" snippet, verbatim (a test keeps them equal).
const PREFIX = 'pexip:plugin:external-chat/';
const webapp = document.getElementById('webapp3'); // the <iframe> of Web App 3
const WEBAPP_ORIGIN = new URL(webapp.src).origin; // where the branding bundle (and the plugin) is served
let plugin = null; // the window the plugin posts from, learnt from its `ready`

// Served with Web App 3, the plugin posts from Web App 3's window (through its
// relay.js); otherwise (another origin, a strict CSP, or config.json's "postFrom":
// "plugin") from its own frame nested inside it. Accept both.
function isFromWebApp(source) {
  for (let w = source; w; w = w === w.parent ? null : w.parent) {
    if (w === webapp.contentWindow) return true;
  }
  return false;
}

export function onPluginMessage(handle) {
  window.addEventListener('message', (event) => {
    const data = event.data;
    if (event.origin !== WEBAPP_ORIGIN || !data || typeof data.action !== 'string') return;
    if (!data.action.startsWith(PREFIX) || !isFromWebApp(event.source)) return;
    const name = data.action.slice(PREFIX.length);
    if (name === 'ready') plugin = event.source;
    else if (event.source !== plugin) return;
    handle(name, data);
  });
}

export function sendToPlugin(name, fields = {}) {
  // Straight to the plugin once it said `ready`; before that, to Web App 3's
  // window, where a plugin served from the branding bundle listens too.
  (plugin ?? webapp.contentWindow).postMessage({ action: PREFIX + name, ...fields }, WEBAPP_ORIGIN);
}
