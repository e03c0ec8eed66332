#!/usr/bin/env node
// What the browser tests and the bench need outside npm: Debian's Chromium and
// mkcert. Checked before anything slow, so a missing one costs seconds, not an
// npm ci and a build. Usage: node scripts/prerequisites.mjs chromium mkcert
import { accessSync, constants } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** Each prerequisite: where it is looked for (the override first) and the Debian package that installs it. */
export const PREREQUISITES = {
  chromium: { path: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', override: 'CHROMIUM_PATH', debian: 'chromium' },
  mkcert: { path: process.env.MKCERT_PATH ?? '/usr/bin/mkcert', override: 'MKCERT_PATH', debian: 'mkcert' },
};

const executable = (path) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** The names among `names` whose program is not an executable file. */
export function missingPrerequisites(names = Object.keys(PREREQUISITES), isExecutable = executable) {
  return names.filter((name) => !isExecutable(PREREQUISITES[name].path));
}

/** One line: every missing program, where it was looked for, and the one command that installs them all. */
export function missingMessage(missing) {
  const found = missing.map((name) => `${name} (${PREREQUISITES[name].path})`).join(', ');
  const packages = missing.map((name) => PREREQUISITES[name].debian).join(' ');
  const overrides = missing.map((name) => PREREQUISITES[name].override).join(' / ');
  return `missing: ${found} — install with: sudo apt-get install -y ${packages} (or set ${overrides})`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((name) => !(name in PREREQUISITES));
  if (unknown.length > 0) {
    console.error(`unknown prerequisite(s) ${unknown.join(', ')}; known: ${Object.keys(PREREQUISITES).join(', ')}`);
    process.exit(2);
  }
  const missing = missingPrerequisites(asked.length > 0 ? asked : undefined);
  if (missing.length > 0) {
    console.error(missingMessage(missing));
    process.exit(1);
  }
}
