#!/usr/bin/env node
// `make package`: warns when the config.json being shipped lets any page drive
// the plugin. No gating is the documented default (it keeps the demo working
// out of the box), so this warns and never fails the build.
// Usage: node scripts/config-warning.mjs <deployed config.json> <its source>
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export const ALLOWED_ORIGINS_LINE = '"allowedOrigins": ["https://portal.example.com"]';

/**
 * The one-line warning for the deployed config.json's text (undefined: no file), or undefined when
 * it names allowedOrigins. `source` is the file a rebuild copies it from: where the fix belongs.
 */
export function configWarning(path, source, text) {
  const fix = `add ${ALLOWED_ORIGINS_LINE} to ${source} and run make again`;
  const open = `any page that frames Web App 3 can drive the plugin and dial out from the meeting. To allow only your page, ${fix}.`;
  if (text === undefined) return `warning: ${path} is missing: ${open}`;
  let data;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return `warning: ${path} is not valid JSON (${error.message}): the plugin will keep the chat bridge off. Fix ${source} and run make again.`;
  }
  if (data !== null && typeof data === 'object' && !Array.isArray(data) && 'allowedOrigins' in data) return undefined;
  return `warning: ${path} has no allowedOrigins: ${open}`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [path, source] = process.argv.slice(2);
  if (!path || !source) {
    console.error('usage: node scripts/config-warning.mjs <deployed config.json> <its source>');
    process.exit(2);
  }
  let text;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
  }
  const warning = configWarning(path, source, text);
  if (warning) console.error(warning);
}
