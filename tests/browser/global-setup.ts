import { assertBuilt, CHROMIUM_PATH } from './harness';
import { existsSync } from 'node:fs';

// Fail the whole run up front, loudly, rather than skipping anything.
export default function setup(): void {
  assertBuilt();
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. Install Debian's package (sudo apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
  }
}
