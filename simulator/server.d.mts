import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/** The built page, served at /webapp3/. */
export const SIMULATOR_DIST: string;
/** Infinity-like: scripts only from the origin itself. */
export const STRICT_CSP: string;

/**
 * `prefix`: a URL path prefix ending in '/'; the rest of the path is looked up under `dir`.
 * `csp`: true sends STRICT_CSP, a string sends that policy.
 */
export interface Mount {
  prefix: string;
  dir: string;
  csp?: boolean | string | undefined;
}

/** An answer from memory: a body (200), another status, or none at all (the request hangs until the server closes). `cors` adds `Access-Control-Allow-Origin: *`. */
export type FileAnswer = { status?: number; body?: string; cors?: boolean } | 'never-answer';

export function staticHandler(
  mounts: readonly Mount[],
  options?: { redirects?: Record<string, string>; files?: Record<string, FileAnswer> },
): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
export function listen(server: Server, port: number, hostname: string): Promise<number>;
export function closeServer(server: Server): Promise<void>;

export interface SimulatorServer {
  /** e.g. `http://127.0.0.1:5181`. */
  origin: string;
  /** The simulator's page: `<origin>/webapp3/`; add query parameters (README) to it. */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the simulator at `/webapp3/` and the branding folder `branding` (with its manifest.json) at
 * `/webapp3/branding/`, on one origin, as an Infinity does. `port` 0 (the default) picks a free one.
 * `csp` is the branding's Content-Security-Policy (true: STRICT_CSP), `simulatorCsp` the page's own.
 * `mounts` and `files` (answers from memory by path, read per request) come on top.
 */
export function serveSimulator(options: {
  branding: string;
  port?: number;
  hostname?: string;
  csp?: boolean | string;
  simulatorCsp?: string | undefined;
  mounts?: readonly Mount[];
  files?: Record<string, FileAnswer>;
}): Promise<SimulatorServer>;
