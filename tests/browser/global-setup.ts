import { missingMessage, missingPrerequisites } from '../../scripts/prerequisites.mjs';
import { assertBuilt } from './harness';

// Fail the whole run up front, loudly and in one line, rather than skipping anything
// (the same check `make test` runs before npm ci and the builds).
export default function setup(): void {
  const missing = missingPrerequisites(['chromium', 'mkcert']);
  if (missing.length > 0) throw new Error(missingMessage(missing));
  assertBuilt();
}
