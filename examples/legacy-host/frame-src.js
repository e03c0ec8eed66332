// Points iframe#webapp3 at Web App 3 from the page's query string:
//   ?webapp=<url>          (default: the simulator on origin B)
//   ?sim.<name>=<value>    passed on to that URL as ?<name>=<value>
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
document.getElementById('webapp3').src = url.href;
