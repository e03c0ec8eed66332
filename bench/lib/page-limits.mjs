import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from './root.mjs';

/**
 * The contract's allowance for a page's controls ({ burst, perSecond }), as the plugin was
 * built with it (the host-bridge build `make bench` makes).
 * @returns {Promise<{ burst: number, perSecond: number }>}
 */
export async function pageLimits() {
  const { PAGE_LIMITS } = await import(pathToFileURL(join(root, 'host-bridge/dist/contract/index.js')).href);
  return PAGE_LIMITS;
}
