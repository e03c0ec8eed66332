// Simulator options, read once from the page's query string.
//   ?manifest=<url>        branding manifest (default ./branding/manifest.json)
//   ?plugin=<url>          replaces the src of the manifest's only plugin
//   ?plugin.<id>=<url>     replaces the src of plugin <id>
//   ?joinDelay=<ms>        between a dialOut reply and event:participantJoined
//   ?autoJoin=0            do not send event:connected once the plugins are ready
//   ?role=guest            the local user joins as a guest (default: host, role chair)
//   ?participants=<n>      people already in the meeting besides the user (default 3)
//   ?lobby=<k>             how many of them wait in the lobby (default 1 when n >= 3, else 0)
//   ?churn=<per second>    meeting changes per second while in the meeting (default 0)
//   ?seed=<n>              seed of churn's and chatter's choices (default 1)
//   ?chatter=<seconds>     someone in the room writes in the chat every that-many seconds (default 0 = off)
//   ?lang=<code>           the language Web App 3 tells the plugins (event:languageSelect; default en)
//   ?replay=1              replay event:me / event:participants to a plugin registering mid-meeting (default 0)
//   ?activities=type|activity|none   participantsActivities' shape, or none (before plugin-api 21.1)
//   ?deprecated=0          no participantJoined / participantLeft / participants (default 1)
//   ?meAtJoin=0            no event:me when the user joins: the next change to the user sends it (default 1)
//   ?silent=0              answer refusals Infinity's client does not type, and unknown RPCs (default 1: no reply)
//   ?guestsCanUnmute=0     a guest muted by someone else may not unmute themself (default 1)
//   ?echo=after|before|off a plugin's own chat message comes back as an event (default after)
// LEDGER.md gives the source of each default.
import type { EchoMode } from './chat';
import { languageCodeError } from './language';
import type { ActivitiesMode } from './roster';

export interface SimConfig {
  /** absolute URL of the branding manifest */
  manifestUrl: URL;
  overrides: PluginOverrides;
  /** ms between the dialOut reply and event:participantJoined */
  joinDelay: number;
  /** send event:connected once the plugins are ready */
  autoJoin: boolean;
  /** the local user's role */
  role: 'chair' | 'guest';
  /** people already in the meeting besides the user */
  participants: number;
  /** how many of them wait in the lobby */
  lobby: number;
  /** meeting changes per second */
  churn: number;
  /** seed of churn's and chatter's choices */
  seed: number;
  /** seconds between chat lines from the room; 0 = off */
  chatter: number;
  /** the language code given with ?lang=, null = none (the simulator then tells the plugins 'en') */
  lang: string | null;
  /** replay event:me / event:participants to a plugin that registers mid-meeting */
  replay: boolean;
  activities: ActivitiesMode;
  /** send the events plugin-api 21.1 deprecated */
  deprecated: boolean;
  /** send event:me when the user joins (else only when the user changes) */
  meAtJoin: boolean;
  /** no reply for refusals Infinity's client does not type, and for unknown RPC names */
  silent: boolean;
  /** Infinity's guests_can_unmute */
  guestsCanUnmute: boolean;
  echo: EchoMode;
}

/** The language Web App 3 tells a plugin when nothing else says (its i18next default). */
export const DEFAULT_LANGUAGE = 'en';

/** Plugin sources given on the query string instead of the manifest's. */
export interface PluginOverrides {
  /** ?plugin=<url>: for a manifest with exactly one plugin, whatever its id */
  only: URL | null;
  /** ?plugin.<id>=<url>, by plugin id */
  byId: Map<string, URL>;
}

export const DEFAULT_JOIN_DELAY_MS = 400;
export const DEFAULT_PARTICIPANTS = 3;
/** Beyond this a meeting is a typo, not a bench. */
export const MAX_PARTICIPANTS = 100_000;
const PLUGIN_ID_PARAM = 'plugin.';

const flag = (value: string | null, fallback: boolean): boolean =>
  value === null ? fallback : !['0', 'false', 'no', 'off'].includes(value.toLowerCase());

/** Pure: `where` is the page's location (only `search` and `href` are read). */
export function readConfig(where: Pick<Location, 'search' | 'href'>): { config: SimConfig; errors: string[] } {
  const q = new URLSearchParams(where.search);
  const errors: string[] = [];
  const url = (name: string, value: string): URL | null => {
    try {
      return new URL(value, where.href);
    } catch {
      errors.push(`?${name}=${value} is not a valid URL: give an absolute URL or one relative to this page`);
      return null;
    }
  };

  let joinDelay = DEFAULT_JOIN_DELAY_MS;
  const rawDelay = q.get('joinDelay');
  if (rawDelay !== null) {
    const n = Number(rawDelay);
    if (Number.isFinite(n) && n >= 0) joinDelay = n;
    else errors.push(`?joinDelay=${rawDelay} must be a number of milliseconds >= 0; using ${DEFAULT_JOIN_DELAY_MS}`);
  }

  const count = (name: string, fallback: number, max: number, integer: boolean): number => {
    const raw = q.get(name);
    if (raw === null) return fallback;
    const n = Number(raw);
    if (raw.trim() !== '' && Number.isFinite(n) && n >= 0 && n <= max && (!integer || Number.isInteger(n))) return n;
    errors.push(`?${name}=${raw} must be ${integer ? 'a whole number' : 'a number'} from 0 to ${max}; using ${fallback}`);
    return fallback;
  };
  const participants = count('participants', DEFAULT_PARTICIPANTS, MAX_PARTICIPANTS, true);
  const lobby = count('lobby', participants >= 3 ? 1 : 0, participants, true);
  const churn = count('churn', 0, 100_000, false);
  const seed = count('seed', 1, 2 ** 32 - 1, true);
  const chatter = count('chatter', 0, 86_400, false);
  const rawLang = q.get('lang');
  const langError = rawLang === null ? null : languageCodeError(rawLang);
  if (langError) errors.push(`?lang=${rawLang ?? ''}: ${langError}; using ${DEFAULT_LANGUAGE}`);
  const lang = rawLang !== null && !langError ? rawLang : null;
  const choice = <T extends string>(name: string, values: readonly T[], fallback: T): T => {
    const raw = q.get(name);
    if (raw === null) return fallback;
    if ((values as readonly string[]).includes(raw)) return raw as T;
    errors.push(`?${name}=${raw} must be one of ${values.join(', ')}; using ${fallback}`);
    return fallback;
  };
  const activities = choice<ActivitiesMode>('activities', ['type', 'activity', 'none'], 'type');
  const echo = choice<EchoMode>('echo', ['after', 'before', 'off'], 'after');
  const rawRole = q.get('role');
  let role: 'chair' | 'guest' = 'chair';
  if (rawRole !== null) {
    const r = rawRole.toLowerCase();
    if (r === 'guest') role = 'guest';
    else if (r !== 'chair' && r !== 'host') errors.push(`?role=${rawRole} must be 'chair' (or 'host') or 'guest'; using chair`);
  }

  const byId = new Map<string, URL>();
  for (const [name, value] of q) {
    if (!name.startsWith(PLUGIN_ID_PARAM)) continue;
    const id = name.slice(PLUGIN_ID_PARAM.length);
    if (id === '') {
      errors.push(`?${name}=${value} names no plugin id: write ?plugin.<id>=<url>`);
      continue;
    }
    const src = url(name, value);
    if (src) byId.set(id, src);
  }

  const manifest = q.get('manifest');
  const plugin = q.get('plugin');
  return {
    config: {
      manifestUrl: (manifest !== null ? url('manifest', manifest) : null) ?? new URL('./branding/manifest.json', where.href),
      overrides: { only: plugin !== null ? url('plugin', plugin) : null, byId },
      joinDelay,
      autoJoin: flag(q.get('autoJoin'), true),
      role,
      participants,
      lobby,
      churn,
      seed,
      chatter,
      lang,
      replay: flag(q.get('replay'), false),
      activities,
      deprecated: flag(q.get('deprecated'), true),
      meAtJoin: flag(q.get('meAtJoin'), true),
      silent: flag(q.get('silent'), true),
      guestsCanUnmute: flag(q.get('guestsCanUnmute'), true),
      echo,
    },
    errors,
  };
}
