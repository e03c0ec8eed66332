// external-chat without a library: the raw envelopes, as docs/other-hosts.md documents them.
// This file is that page's "raw envelopes" snippet, verbatim (a test keeps them equal).
const PREFIX = 'pexip:plugin:external-chat/';
const webapp = document.getElementById('webapp3'); // the <iframe> of Web App 3
const WEBAPP_ORIGIN = new URL(webapp.src).origin; // where the branding bundle (and the plugin) is served
// A plugin loaded from elsewhere (its dev server) speaks from there: name that origin in
// <iframe id="webapp3" data-plugin-origins="https://localhost:5173">.
const ORIGINS = [WEBAPP_ORIGIN, ...(webapp.dataset.pluginOrigins ?? '').split(' ').filter(Boolean)];
let plugin = null; // the window the plugin posts from, learnt from its `ready`
let pluginOrigin = WEBAPP_ORIGIN;

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
    if (!ORIGINS.includes(event.origin) || !data || typeof data.action !== 'string') return;
    if (!data.action.startsWith(PREFIX) || !isFromWebApp(event.source)) return;
    const name = data.action.slice(PREFIX.length);
    // Bound to the plugin once it spoke: another window inside Web App 3 (a sibling plugin, a frame it
    // hosts) cannot take over by saying ready. A restart is followed: the same window, Web App 3's
    // window (relay.js), or a new window once the old one is gone (a recreated frame).
    const restarted = !plugin || plugin.closed || event.source === plugin || event.source === webapp.contentWindow;
    if (name === 'ready' && restarted) [plugin, pluginOrigin] = [event.source, event.origin];
    else if (event.source !== plugin) return;
    handle(name, data);
  });
}

export function sendToPlugin(name, fields = {}) {
  // To the window the plugin said `ready` from; before that, to Web App 3's
  // window, where a plugin served from the branding bundle listens too.
  (plugin ?? webapp.contentWindow).postMessage({ action: PREFIX + name, ...fields }, plugin ? pluginOrigin : WEBAPP_ORIGIN);
}
