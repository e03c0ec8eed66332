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
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { closeServer, listen, serveSimulator, staticHandler } from '@external-chat/webapp3-simulator/server';

const examplesDir = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = resolve(examplesDir, '..');
const dist = resolve(examplesDir, 'dist');

/** @typedef {import('@external-chat/webapp3-simulator/server').Mount} Mount */
/** @typedef {import('@external-chat/webapp3-simulator/server').FileAnswer} FileAnswer */

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

/**
 * What the Web App 3 origin serves beside the simulator and the branding (serveSimulator's own mounts).
 * @param {boolean} csp @returns {Mount[]}
 */
const webappMounts = (csp) => [
  { prefix: ROCKETCHAT_BRANDING, dir: resolve(repoRoot, 'webapp3/branding'), csp },
  { prefix: '/assets/', dir: resolve(dist, 'assets') },
  { prefix: '/fixtures/', dir: resolve(repoRoot, 'tests/browser/fixtures') },
  // `make bench`'s manifests and logic-free plugin frames, loaded through the
  // simulator's ?manifest=/webapp3/bench/<subject>.json with the plugin's sandbox.
  { prefix: '/webapp3/bench/', dir: resolve(repoRoot, 'bench/webapp') },
  // The empty plugin (bench/empty-plugin/), built by bench/run.mjs.
  { prefix: '/webapp3/bench/empty/', dir: resolve(repoRoot, 'bench/dist/empty-plugin') },
];

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
  const hostHandler = staticHandler(hostMounts(), { redirects: { '/': '/host/' } });
  const configPath = '/webapp3/branding/plugins/external-chat/config.json';
  /** @type {Record<string, FileAnswer>} */
  const files = {};
  /** @type {{ close(): Promise<void> }[]} */
  const servers = [];
  const closeAll = () => Promise.all(servers.map((server) => server.close())).then(() => undefined);
  try {
    // "localhost" may resolve to 127.0.0.1 or ::1 in the browser: listen on
    // both loopback addresses with the same port (::1 is best effort).
    const hostV4 = createServer(hostHandler);
    servers.push({ close: () => closeServer(hostV4) });
    const actualHostPort = await listen(hostV4, hostPort, '127.0.0.1');
    const hostV6 = createServer(hostHandler);
    try {
      await listen(hostV6, actualHostPort, '::1');
      servers.push({ close: () => closeServer(hostV6) });
    } catch {
      // no IPv6 loopback here; 127.0.0.1 is enough
    }
    // Web App 3's origin: the simulator and the branding, as an Infinity serves them (simulator/server.mjs).
    const webapp = await serveSimulator({ branding: resolve(repoRoot, 'webapp3/branding'), port: webappPort, csp: strict, simulatorCsp, mounts: webappMounts(strict), files });
    servers.push(webapp);
    // The server reads `files` per request: the config.json files join it once the host origin is known.
    const hostOrigin = `http://localhost:${actualHostPort}`;
    Object.assign(files, configAnswer(configPath, hostOrigin, pluginConfig, pluginConfigCors, demoConfig), rocketchatBranding(hostOrigin, rocketchatConfig));
    return { hostOrigin, webappOrigin: webapp.origin, close: closeAll };
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
