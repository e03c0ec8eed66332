#!/usr/bin/env node
// `make package`: says what the config.json being shipped turns on, and for whom. Without
// allowedOrigins any page that frames Web App 3 gets the Chat button, its badge and dial-out, and
// nothing of the meeting; this says so and gives the line that names the page. It never fails the
// build: the plugin itself refuses a config.json it cannot use, and says why.
// Usage: node scripts/config-warning.mjs <deployed config.json> <its source>
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
// From the contract itself: host-bridge's build under Node (`make package` builds it), its sources under Vitest.
import { FEATURES, LEGACY_FEATURES as OPEN_FEATURES } from '@external-chat/host-bridge/contract';

export const ALLOWED_ORIGINS_LINE = '"allowedOrigins": ["https://portal.example.com"]';

/** Our dialect's features, in the contract's order, and what any page gets without allowedOrigins (the plugin's OPEN_FEATURES). */
export { FEATURES, OPEN_FEATURES };

/**
 * One line about the deployed config.json's text (undefined: no file): `warning: …` when any page that frames
 * Web App 3 may use it, or the meeting is off for want of a named page. `source` is the file a rebuild copies it
 * from: where the fix belongs.
 */
export function configReport(path, source, text) {
  let data = {};
  if (text !== undefined) {
    try {
      data = JSON.parse(text);
    } catch (error) {
      return `warning: ${path} is not valid JSON (${error.message}): the plugin will keep the chat bridge off. Fix ${source} and run make again.`;
    }
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return `warning: ${path} does not hold an object: the plugin will keep the chat bridge off. Fix ${source} and run make again.`;
  const dialect = data.dialect ?? 'external-chat';
  const listed = Array.isArray(data.features) ? data.features : FEATURES;
  const onOff = (open) => {
    const on = FEATURES.filter((feature) => listed.includes(feature) && (!open || OPEN_FEATURES.includes(feature)));
    const off = FEATURES.filter((feature) => !on.includes(feature));
    return `${on.join(', ') || 'nothing'}${off.length ? `; off: ${off.join(', ')}` : ''}`;
  };
  const what = text === undefined ? `${path} is missing` : path;
  if (dialect !== 'external-chat') return `${what}: the ${dialect} dialect; the plugin checks its features and allowedOrigins when it starts.`;
  // What the plugin itself refuses (config.ts parseConfig): say so here rather than describe what it will not do.
  const refused = (why) => `warning: the plugin will refuse ${path} and keep the chat bridge off: ${why}. Fix ${source} and run make again.`;
  if ('openMeetingToAnyPage' in data && 'allowedOrigins' in data) return refused('it sets both "openMeetingToAnyPage" and "allowedOrigins"; keep one');
  const locked = !('allowedOrigins' in data) && data.openMeetingToAnyPage !== true && listed !== FEATURES && listed.find((feature) => !OPEN_FEATURES.includes(feature));
  if (locked) return refused(`"features" lists '${locked}' but no "allowedOrigins" names the page it would go to; add ${ALLOWED_ORIGINS_LINE}`);
  if (Array.isArray(data.allowedOrigins)) return `${what}: on for ${data.allowedOrigins.join(', ')}: ${onOff(false)}.`;
  if (data.openMeetingToAnyPage === true) {
    return (
      `warning: ${what} sets "openMeetingToAnyPage": on for ANY page that frames Web App 3: ${onOff(false)}. Any such page can read the roster and ` +
      `the private meeting chat and act with the user's rights. To name your page instead, put ${ALLOWED_ORIGINS_LINE} in ${source} in its place and run make again.`
    );
  }
  return (
    `warning: ${what} names no allowedOrigins: on for any page that frames Web App 3: ${onOff(true)}. The meeting's data and host powers ` +
    `go only to a page config.json names: add ${ALLOWED_ORIGINS_LINE} to ${source} and run make again.`
  );
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
  const report = configReport(path, source, text);
  if (report.startsWith('warning: ')) console.error(report);
  else console.log(report);
}
