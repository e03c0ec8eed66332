import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root (this file is in bench/lib/). */
export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
