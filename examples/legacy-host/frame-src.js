// Points iframe#webapp3 at Web App 3 from the page's query string:
//   ?webapp=<url>          (default: the simulator on origin B)
//   ?sim.<name>=<value>    passed on to that URL as ?<name>=<value>
// A plugin the simulator loads from elsewhere (?sim.plugin=<url>, ?sim.plugin.<id>=<url>:
// its dev server) speaks from that origin: it goes into the iframe's data-plugin-origins.
// It must run BEFORE bridge.js, which reads the iframe's src when it loads.
// page.js imports this module first: ES modules run in import order, and
// module scripts run after the document is parsed, so the iframe exists.
// The iframe has no src in the HTML, so nothing loads twice.
const DEFAULT_WEBAPP_URL = 'http://127.0.0.1:5181/webapp3/';

const query = new URLSearchParams(location.search);
let url;
try {
  url = new URL(query.get('webapp') ?? DEFAULT_WEBAPP_URL, location.href);
} catch {
  url = new URL(DEFAULT_WEBAPP_URL);
}
for (const [name, value] of query) {
  if (name.startsWith('sim.') && name.length > 4) url.searchParams.set(name.slice(4), value);
}
const pluginOrigins = [];
for (const [name, value] of query) {
  if (name !== 'sim.plugin' && !name.startsWith('sim.plugin.')) continue;
  try {
    pluginOrigins.push(new URL(value, location.href).origin);
  } catch {
    // the simulator reports the bad URL on its page
  }
}
const webapp = document.getElementById('webapp3');
if (pluginOrigins.length > 0) webapp.dataset.pluginOrigins = pluginOrigins.join(' ');
webapp.src = url.href;
