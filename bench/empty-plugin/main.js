// `make bench`'s empty plugin: the floor for plugin start and heap. It registers
// with @pexip/plugin-api and tells the top window, nothing else. bench/run.mjs
// builds it with Vite (same target and preload settings as external-chat) into
// bench/dist/empty-plugin/, served at /webapp3/bench/empty/ on the Web App 3 origin.
//
// It installs a logger like the plugin's quiet one (warnings and errors only):
// plugin-api's default logger writes a console.debug holding each MessageEvent,
// work and memory the plugin does not have, so the floor must not carry it.
import { registerPlugin, setLogger } from '@pexip/plugin-api';

const noop = () => undefined;
setLogger({
  fatal: console.error,
  error: console.error,
  warn: console.warn,
  info: noop,
  debug: noop,
  trace: noop,
  silent: noop,
  redact: (text) => text,
  addRedactPattern: noop,
});

await registerPlugin({ id: 'bench-empty', version: 0 });
window.top.postMessage({ action: 'pexip:plugin:bench-empty/ready' }, '*');
