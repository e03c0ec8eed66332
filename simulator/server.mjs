// A zero-dependency static server for the simulator: its page at /webapp3/ and a branding folder at
// /webapp3/branding/, on one origin, as an Infinity serves Web App 3 and its branding. Tests may add
// mounts and answer files from memory (a plugin's config.json, say). Node only.
import { createServer } from 'node:http';
import { createReadStream, existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built page (`npm run build -w @external-chat/webapp3-simulator`). */
export const SIMULATOR_DIST = fileURLToPath(new URL('./dist', import.meta.url));

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

/** Infinity-like: scripts only from the origin itself. */
export const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
  "connect-src 'self'; img-src 'self' data:; frame-ancestors *";

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
 * A request handler serving `mounts` (the longest matching prefix wins), `files` from memory (read per
 * request, so a caller may add to the object later), and `redirects`. See server.d.mts.
 */
export function staticHandler(mounts, { redirects = {}, files = {} } = {}) {
  // Absolute and without a trailing slash, so safeJoin's containment check holds for any `dir` given.
  const sorted = mounts.map((m) => ({ ...m, dir: resolve(m.dir) })).sort((a, b) => b.prefix.length - a.prefix.length);
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

/** Listen on `port` (0 = any free port) at `hostname`; resolves with the actual port. */
export function listen(server, port, hostname) {
  return new Promise((resolvePort, reject) => {
    server.once('error', reject);
    server.listen(port, hostname, () => {
      server.off('error', reject);
      const addr = server.address();
      resolvePort(typeof addr === 'object' && addr ? addr.port : port);
    });
  });
}

/** Closes `server`, cutting its open connections (a hanging request must not keep it up). */
export function closeServer(server) {
  return new Promise((done) => {
    server.close(() => done());
    server.closeAllConnections?.();
  });
}

/**
 * Serves the simulator at `/webapp3/` and `branding` at `/webapp3/branding/`. See server.d.mts.
 */
export async function serveSimulator({ branding, port = 0, hostname = '127.0.0.1', csp = false, simulatorCsp, mounts = [], files = {} }) {
  if (!existsSync(resolve(SIMULATOR_DIST, 'index.html'))) {
    throw new Error(`the simulator is not built (${SIMULATOR_DIST}/index.html is missing): run \`npm run build -w @external-chat/webapp3-simulator\` (make demo and make test build it)`);
  }
  if (!existsSync(resolve(branding, 'manifest.json'))) {
    throw new Error(`${branding} holds no manifest.json: give serveSimulator a Web App 3 branding folder (such as webapp3/branding)`);
  }
  const handler = staticHandler(
    [{ prefix: '/webapp3/branding/', dir: resolve(branding), csp }, { prefix: '/webapp3/', dir: SIMULATOR_DIST, csp: simulatorCsp }, ...mounts],
    { redirects: { '/': '/webapp3/' }, files },
  );
  const server = createServer(handler);
  const actual = await listen(server, port, hostname);
  const origin = `http://${hostname}:${actual}`;
  return { origin, url: `${origin}/webapp3/`, close: () => closeServer(server) };
}
