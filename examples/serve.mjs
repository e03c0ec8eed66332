#!/usr/bin/env node
// Zero-dependency static server for the demo and the browser tests.
//
// Two origins, deliberately cross-site (localhost vs 127.0.0.1), so every
// cross-origin rule in the browser is real:
//   host    http://localhost:<HOST_PORT=5180>    the page that embeds Web App 3
//   webapp3 http://127.0.0.1:<WEBAPP_PORT=5181>  the Web App 3 simulator + branding
// and, for the Rocket.Chat host page, the same branding at /webapp3/branding-rocketchat/
// with its manifest and the plugin's config.json rewritten in memory (rocketchatBranding below).
// The plugin's config.json is served from memory too, naming the host origin (configAnswer).
//
// Usage: node examples/serve.mjs [--host-port N] [--webapp-port N] [--csp strict]
//        (or HOST_PORT, WEBAPP_PORT, CSP=strict in the environment)
// In-process: import { startServers } from './examples/serve.mjs'

import { createServer } from 'node:http';
import { createReadStream, readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const examplesDir = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = resolve(examplesDir, '..');
const dist = resolve(examplesDir, 'dist');

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.ico': 'image/x-icon',
};

export const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
  "connect-src 'self'; img-src 'self' data:; frame-ancestors *";

/**
 * @typedef {{ prefix: string, dir: string, csp?: boolean | string }} Mount
 * `prefix` is a URL path prefix ending in '/'; the rest of the path is looked
 * up under `dir`. The first (longest) matching prefix wins. `csp`: true sends
 * STRICT_CSP, a string sends that policy.
 */

/** @returns {Mount[]} */
const hostMounts = () => [
  { prefix: '/host-bridge/', dir: resolve(repoRoot, 'host-bridge/dist') },
  { prefix: '/legacy-host/', dir: resolve(dist, 'legacy-host') },
  { prefix: '/rocketchat-host/', dir: resolve(dist, 'rocketchat-host') },
  { prefix: '/host/', dir: resolve(dist, 'host') },
  { prefix: '/assets/', dir: resolve(dist, 'assets') },
  // Host pages of the browser tests (the original host snippet, tests/browser/host-snippets.e2e.ts).
  { prefix: '/fixtures/', dir: resolve(repoRoot, 'tests/browser/fixtures') },
  // `make bench`'s top page (bench/run.mjs drives it).
  { prefix: '/bench/', dir: resolve(repoRoot, 'bench/pages') },
];

/** @param {boolean} csp @param {string | undefined} simulatorCsp @returns {Mount[]} */
const webappMounts = (csp, simulatorCsp) => [
  { prefix: '/webapp3/branding/', dir: resolve(repoRoot, 'webapp3/branding'), csp },
  { prefix: ROCKETCHAT_BRANDING, dir: resolve(repoRoot, 'webapp3/branding'), csp },
  { prefix: '/webapp3/', dir: resolve(dist, 'simulator'), csp: simulatorCsp },
  { prefix: '/assets/', dir: resolve(dist, 'assets') },
  { prefix: '/fixtures/', dir: resolve(repoRoot, 'tests/browser/fixtures') },
  // `make bench`'s manifests and logic-free plugin frames, loaded through the
  // simulator's ?manifest=/webapp3/bench/<subject>.json with the plugin's sandbox.
  { prefix: '/webapp3/bench/', dir: resolve(repoRoot, 'bench/webapp') },
  // The empty plugin (bench/empty-plugin/), built by bench/run.mjs.
  { prefix: '/webapp3/bench/empty/', dir: resolve(repoRoot, 'bench/dist/empty-plugin') },
];

/** Resolve `rest` inside `dir`; null when it would escape `dir`. */
function safeJoin(dir, rest) {
  let decoded;
  try {
    decoded = decodeURIComponent(rest);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const full = resolve(dir, '.' + sep + decoded);
  return full === dir || full.startsWith(dir + sep) ? full : null;
}

/**
 * An in-memory answer: a body (200), another status, or none at all (the
 * request hangs until the server closes), for the plugin's config.json in tests.
 * `cors` adds `Access-Control-Allow-Origin: *` to it alone.
 * @typedef {{ status?: number, body?: string, cors?: boolean } | 'never-answer'} FileAnswer
 */

/**
 * @param {Mount[]} mounts
 * @param {{ redirects?: Record<string, string>, files?: Record<string, FileAnswer> }} [opts]
 *   `files` are served from memory (tests use it for the plugin's config.json).
 */
function makeHandler(mounts, { redirects = {}, files = {} } = {}) {
  const sorted = [...mounts].sort((a, b) => b.prefix.length - a.prefix.length);
  return async (req, res) => {
    const baseHeaders = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };
    const send = (status, body, headers = {}) => {
      res.writeHead(status, { ...baseHeaders, 'Content-Type': 'text/plain; charset=utf-8', ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return send(405, 'Method not allowed\n', { Allow: 'GET, HEAD' });
    }
    const { pathname, search } = new URL(req.url ?? '/', 'http://x');
    if (redirects[pathname]) return send(302, '', { Location: redirects[pathname] });

    // "/webapp3" → "/webapp3/" so relative URLs in the page resolve.
    const bare = sorted.find((m) => pathname + '/' === m.prefix);
    if (bare) return send(301, '', { Location: bare.prefix + search });

    const mount = sorted.find((m) => pathname.startsWith(m.prefix));
    if (!mount) return send(404, `Not found: ${pathname}\n`);
    const headers = mount.csp ? { 'Content-Security-Policy': mount.csp === true ? STRICT_CSP : mount.csp } : {};
    const answer = files[pathname];
    if (answer === 'never-answer') return;
    if (answer !== undefined) {
      const { status = 200, body = '', cors = false } = answer;
      const type = status === 200 ? CONTENT_TYPES[extname(pathname)] ?? 'text/plain' : 'text/plain; charset=utf-8';
      return send(status, body, { ...headers, 'Content-Type': type, ...(cors ? { 'Access-Control-Allow-Origin': '*' } : {}) });
    }

    let file = safeJoin(mount.dir, pathname.slice(mount.prefix.length));
    if (!file) return send(404, `Not found: ${pathname}\n`, headers);
    try {
      let info = await stat(file);
      if (info.isDirectory()) {
        if (!pathname.endsWith('/')) return send(301, '', { ...headers, Location: pathname + '/' + search });
        file = resolve(file, 'index.html');
        info = await stat(file);
      }
      if (!info.isFile()) throw new Error('not a file');
      res.writeHead(200, {
        ...baseHeaders,
        ...headers,
        'Content-Type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Length': info.size,
      });
      if (req.method === 'HEAD') return res.end();
      createReadStream(file)
        .on('error', () => res.destroy())
        .pipe(res);
    } catch {
      send(404, `Not found: ${pathname}\n`, headers);
    }
  };
}

/**
 * The deployed config.json (what `make package` would ship): its text, and its keys when it holds a JSON
 * object; `namesPage` when they say who may use the meeting (allowedOrigins, or openMeetingToAnyPage).
 * @returns {{ text: string, keys?: Record<string, unknown>, namesPage: boolean }}
 */
function deployedConfig() {
  const text = readFileSync(resolve(repoRoot, 'webapp3/branding/plugins/external-chat/config.json'), 'utf8');
  let keys;
  try {
    keys = JSON.parse(text);
  } catch {
    // Not valid JSON: served as it is, so the plugin says what is wrong with it.
  }
  if (keys === null || typeof keys !== 'object' || Array.isArray(keys)) return { text, namesPage: false };
  return { text, keys, namesPage: 'allowedOrigins' in keys || 'openMeetingToAnyPage' in keys };
}

/**
 * The plugin's config.json as the demo serves it (read from memory, so the deployed folder stays what `make
 * package` zips): `config`'s text, status or hang when given; otherwise the deployed keys, with the demo's host
 * origin in allowedOrigins when they name no page (the meeting's data and host powers go only to a named page),
 * then `keys` over them.
 * @param {string} path @param {string} hostOrigin @param {FileAnswer | { status: number } | string | undefined} config
 * @param {boolean} cors @param {Record<string, unknown>} [keys]
 * @returns {Record<string, FileAnswer>}
 */
function configAnswer(path, hostOrigin, config, cors, keys = {}) {
  if (config === 'never-answer') return { [path]: config };
  if (typeof config === 'string') return { [path]: { body: config, cors } };
  if (config !== undefined) return { [path]: { status: config.status, body: `HTTP ${config.status} for ${path}\n`, cors } };
  const deployed = deployedConfig();
  if (!deployed.keys) return { [path]: { body: deployed.text, cors } };
  const demo = { ...deployed.keys, ...(deployed.namesPage ? {} : { allowedOrigins: [hostOrigin] }), ...keys };
  return { [path]: { body: `${JSON.stringify(demo, null, 2)}\n`, cors } };
}

/** The deployed branding folder, served again here for the Rocket.Chat host page (examples/rocketchat-host/). */
const ROCKETCHAT_BRANDING = '/webapp3/branding-rocketchat/';

/**
 * The two files that differ from /webapp3/branding/, made in memory so the
 * deployed folder stays what `make package` zips: a manifest that also hides
 * Web App 3's own Participants button (the page has its own people panel), and
 * the plugin's config.json speaking Rocket.Chat's dialect. The plugin sends the
 * roster without being asked in that dialect, so it requires allowedOrigins:
 * the host origin, known only once the server listens.
 * @param {string} hostOrigin
 * @param {Record<string, unknown>} [overrides] keys of config.json replacing the defaults (tests: `features`, `allowedOrigins`)
 * @returns {Record<string, FileAnswer>}
 */
function rocketchatBranding(hostOrigin, overrides = {}) {
  const manifest = JSON.parse(readFileSync(resolve(repoRoot, 'webapp3/branding/manifest.json'), 'utf8'));
  const hidden = new Set([...(manifest.applicationConfig?.hiddenFunctionality ?? []), 'button-chat', 'button-participants']);
  manifest.applicationConfig = { ...manifest.applicationConfig, hiddenFunctionality: [...hidden] };
  manifest.meta = { ...manifest.meta, description: `${manifest.meta?.description ?? 'external-chat'} (Rocket.Chat dialect)` };
  const config = { dialect: 'rocketchat', allowedOrigins: [hostOrigin], ...overrides };
  return {
    [`${ROCKETCHAT_BRANDING}manifest.json`]: { body: `${JSON.stringify(manifest, null, 2)}\n` },
    [`${ROCKETCHAT_BRANDING}plugins/external-chat/config.json`]: { body: `${JSON.stringify(config, null, 2)}\n` },
  };
}

/** Listen on `port` (0 = any free port) at `hostname`; resolves with the actual port. */
function listen(server, port, hostname) {
  return new Promise((resolvePort, reject) => {
    server.once('error', reject);
    server.listen(port, hostname, () => {
      server.off('error', reject);
      const addr = server.address();
      resolvePort(typeof addr === 'object' && addr ? addr.port : port);
    });
  });
}

function closeServer(server) {
  return new Promise((done) => {
    server.close(() => done());
    server.closeAllConnections?.();
  });
}

/**
 * Start both origins.
 * @param {{ hostPort?: number, webappPort?: number, csp?: boolean | 'strict',
 *   pluginConfig?: string | { status: number } | 'never-answer', pluginConfigCors?: boolean,
 *   demoConfig?: Record<string, unknown>, rocketchatConfig?: Record<string, unknown>, simulatorCsp?: string }} [options]
 *   The plugin's config.json is served from memory: the deployed keys, naming the host origin in allowedOrigins
 *   when they name no page (configAnswer), with `demoConfig`'s keys over them (tests: `features`, `labels`, …).
 *   `pluginConfig`: the plugin's config.json instead: its text verbatim ('{}' is the shipped default), an HTTP
 *   status with no file (404: none deployed, 500: a broken server), or 'never-answer' (the request hangs).
 *   `pluginConfigCors`: send `Access-Control-Allow-Origin: *` with config.json (and nothing else), as a server must
 *   for a plugin frame without allow-same-origin. No other response carries CORS headers.
 *   `rocketchatConfig`: keys of the Rocket.Chat branding's config.json replacing its defaults
 *   ({"dialect": "rocketchat", "allowedOrigins": [hostOrigin]}); `pluginConfig` does not touch that branding.
 *   `simulatorCsp`: a Content-Security-Policy for the simulator's own document (Web App 3's), as a deployment's
 *   server might send (e.g. one whose script-src refuses the plugin's relay.js).
 * @returns {Promise<{ hostOrigin: string, webappOrigin: string, close(): Promise<void> }>}
 */
export async function startServers({ hostPort = 5180, webappPort = 5181, csp = false, pluginConfig, pluginConfigCors = false, demoConfig, rocketchatConfig, simulatorCsp } = {}) {
  const strict = csp === true || csp === 'strict';
  const hostHandler = makeHandler(hostMounts(), { redirects: { '/': '/host/' } });
  const configPath = '/webapp3/branding/plugins/external-chat/config.json';
  /** @type {Record<string, FileAnswer>} */
  const files = {};
  const webappHandler = makeHandler(webappMounts(strict, simulatorCsp), { redirects: { '/': '/webapp3/' }, files });
  /** @type {import('node:http').Server[]} */
  const servers = [];
  const closeAll = () => Promise.all(servers.map(closeServer)).then(() => undefined);
  try {
    // "localhost" may resolve to 127.0.0.1 or ::1 in the browser: listen on
    // both loopback addresses with the same port (::1 is best effort).
    const hostV4 = createServer(hostHandler);
    servers.push(hostV4);
    const actualHostPort = await listen(hostV4, hostPort, '127.0.0.1');
    const hostV6 = createServer(hostHandler);
    try {
      await listen(hostV6, actualHostPort, '::1');
      servers.push(hostV6);
    } catch {
      // no IPv6 loopback here; 127.0.0.1 is enough
    }
    const webapp = createServer(webappHandler);
    servers.push(webapp);
    const actualWebappPort = await listen(webapp, webappPort, '127.0.0.1');
    // The handler reads `files` per request: the config.json files join it once the host origin is known.
    const hostOrigin = `http://localhost:${actualHostPort}`;
    Object.assign(files, configAnswer(configPath, hostOrigin, pluginConfig, pluginConfigCors, demoConfig), rocketchatBranding(hostOrigin, rocketchatConfig));
    return {
      hostOrigin: `http://localhost:${actualHostPort}`,
      webappOrigin: `http://127.0.0.1:${actualWebappPort}`,
      close: closeAll,
    };
  } catch (err) {
    await closeAll();
    throw err;
  }
}

function parseArgs(argv, env) {
  const opts = {
    hostPort: Number(env.HOST_PORT ?? 5180),
    webappPort: Number(env.WEBAPP_PORT ?? 5181),
    csp: env.CSP === 'strict',
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    if (flag === '--host-port') opts.hostPort = Number(value());
    else if (flag === '--webapp-port') opts.webappPort = Number(value());
    else if (flag === '--csp') opts.csp = value() === 'strict';
    else if (flag === '--help' || flag === '-h') {
      console.log('node examples/serve.mjs [--host-port 5180] [--webapp-port 5181] [--csp strict]');
      process.exit(0);
    } else throw new Error(`Unknown argument: ${argv[i]}`);
  }
  for (const key of ['hostPort', 'webappPort']) {
    if (!Number.isInteger(opts[key]) || opts[key] < 0 || opts[key] > 65535) {
      throw new Error(`Invalid ${key}: ${opts[key]}`);
    }
  }
  return opts;
}

const isMain = process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  const opts = parseArgs(process.argv.slice(2), process.env);
  const servers = await startServers(opts);
  console.log(`host origin:    ${servers.hostOrigin}`);
  console.log(`webapp3 origin: ${servers.webappOrigin}${opts.csp ? '  (strict CSP on /webapp3/branding/)' : ''}`);
  const deployed = deployedConfig();
  if (deployed.keys && !deployed.namesPage) {
    console.log(`The plugin's config.json names ${servers.hostOrigin} in allowedOrigins (served from memory; the deployed file is what make package zips).`);
  }
  console.log(`\nOpen ${servers.hostOrigin}/host/`);
  console.log(`Rocket.Chat host: ${servers.hostOrigin}/rocketchat-host/  (the plugin in Rocket.Chat's dialect, ${ROCKETCHAT_BRANDING})`);
  console.log(`Simulator alone: ${servers.webappOrigin}/webapp3/\n`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await servers.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
