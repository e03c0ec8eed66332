// Debian's Chromium, started the one way this project starts it: shared by
// the browser tests and the benchmark (plain JS so Node 20 can import it).
import { chromium } from 'playwright-core';
import { missingMessage, missingPrerequisites, PREREQUISITES } from '../../scripts/prerequisites.mjs';

export const CHROMIUM_PATH = PREREQUISITES.chromium.path;

export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The flags plus any extra; fails with what to install when Chromium is missing (nothing skips). */
export function launchChromium(extraArgs = []) {
  const missing = missingPrerequisites(['chromium']);
  if (missing.length > 0) throw new Error(missingMessage(missing));
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...extraArgs] });
}
