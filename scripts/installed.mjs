#!/usr/bin/env node
// Whether node_modules holds everything package-lock.json locks, read from the
// disk (no network, a few milliseconds). `npm install` run inside one workspace
// member installs only that member's dependencies and still writes npm's own
// marker (node_modules/.package-lock.json), so the marker cannot tell a partial
// install from a complete one; the Makefile runs `npm ci` whenever this fails.
// Usage: node scripts/installed.mjs [repository root]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** This machine as npm's os/cpu/libc fields name it. */
export function currentPlatform() {
  const glibc = process.platform === 'linux' && Boolean(process.report?.getReport().header.glibcVersionRuntime);
  return { os: process.platform, cpu: process.arch, libc: process.platform === 'linux' ? (glibc ? 'glibc' : 'musl') : undefined };
}

/** npm's rule for os/cpu/libc lists: "!x" excludes x; any positive entry must match. */
function allows(list, value) {
  if (!list || list.length === 0 || value === undefined) return true;
  if (list.includes(`!${value}`)) return false;
  const positive = list.filter((entry) => !entry.startsWith('!'));
  return positive.length === 0 || positive.includes(value);
}

/**
 * The lock's packages that are not installed at their locked version, as "name@version (why)".
 * `readManifest(path)` returns the package.json at that path under the root, or undefined.
 * Of the optional packages only the native bindings for this machine are expected: the others
 * are for other platforms, or dependencies of those (the wasm fallback's runtime), which npm skips.
 */
export function missingPackages(lock, readManifest, platform = currentPlatform()) {
  const missing = [];
  for (const [path, entry] of Object.entries(lock.packages ?? {})) {
    if (!path.startsWith('node_modules/')) continue;
    const forPlatform = Boolean(entry.os || entry.cpu || entry.libc);
    const forHere = allows(entry.os, platform.os) && allows(entry.cpu, platform.cpu) && allows(entry.libc, platform.libc);
    if (entry.optional && !(forPlatform && forHere)) continue;
    const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    const manifest = readManifest(path);
    if (!manifest) missing.push(`${name}${entry.version ? `@${entry.version}` : ''} (not installed)`);
    else if (!entry.link && manifest.version !== entry.version) missing.push(`${name}@${entry.version} (found ${manifest.version})`);
  }
  return missing;
}

const readJson = (file) => {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const root = process.argv[2] ?? '.';
  const lock = readJson(join(root, 'package-lock.json'));
  if (!lock) {
    console.error(`${join(root, 'package-lock.json')} is missing or not JSON`);
    process.exit(2);
  }
  const missing = missingPackages(lock, (path) => readJson(join(root, path, 'package.json')));
  if (missing.length > 0) {
    const shown = missing.slice(0, 5).join(', ') + (missing.length > 5 ? ` and ${missing.length - 5} more` : '');
    console.error(`node_modules does not match package-lock.json: ${shown}; running npm ci.`);
    process.exit(1);
  }
}
