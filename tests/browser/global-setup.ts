import { existsSync } from 'node:fs';
import { CHROMIUM_PATH } from './chromium.mjs';
import { assertBuilt } from './harness';

const MKCERT_PATH = process.env.MKCERT_PATH ?? '/usr/bin/mkcert';

// Fail the whole run up front, loudly, rather than skipping anything.
export default function setup(): void {
  assertBuilt();
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. Install Debian's package (sudo apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
  }
  if (!existsSync(MKCERT_PATH)) {
    throw new Error(
      `mkcert not found at ${MKCERT_PATH}; the dev-server test serves the plugin over https with it. ` +
        "Install Debian's package (sudo apt-get install -y mkcert) or set MKCERT_PATH.",
    );
  }
}
