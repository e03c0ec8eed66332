import { checkFields, DIALECTS, featuresOf, isOrigin, isRecord, LEGACY_FEATURES, type DialectName, type Result } from '@external-chat/host-bridge/internal';
import type { CustomLabels } from './labels';
import { withTimeout } from './with-timeout';

/** Where the page sees the plugin's messages come from (relay.ts). */
export type PostFrom = 'webapp3' | 'plugin';
export const POST_FROM: readonly PostFrom[] = ['webapp3', 'plugin'];

/** `config.json` next to the plugin's index.html: deployment settings that need no rebuild. */
export interface PluginConfig {
  /** Origins of the pages allowed to embed Web App 3 and drive this plugin. */
  allowedOrigins?: readonly string[];
  /** Print @pexip/plugin-api's debug output (every RPC and message). */
  debug?: boolean;
  /** The features this deployment offers; anything not listed is off. Absent = all its dialect has. */
  features?: readonly string[];
  /** The wire vocabulary the page speaks: ours (`external-chat`, the default) or Rocket.Chat's (`rocketchat`). */
  dialect?: DialectName;
  /** The Chat button's tooltips in the deployment's own words, for every language. */
  labels?: CustomLabels;
  /** Where the page sees the plugin's messages come from: Web App 3's window through relay.js (default), or the plugin's own frame. */
  postFrom?: PostFrom;
  /**
   * Without `allowedOrigins`, the meeting's data and host powers are off: any page that frames Web App 3
   * could ask for them. `true` turns them on for any such page anyway (the behaviour before 0.x), loudly.
   */
  openMeetingToAnyPage?: boolean;
}

const KEYS = ['allowedOrigins', 'debug', 'dialect', 'features', 'labels', 'openMeetingToAnyPage', 'postFrom'];

/**
 * What the original specification offers: the Chat button, its badge and dial-out. Without
 * `allowedOrigins` any page that frames Web App 3 may drive the plugin, so it offers these alone.
 */
export const OPEN_FEATURES: readonly string[] = LEGACY_FEATURES;

/** The line that names the page, for messages that tell a deployment how to turn the meeting on. */
export const ALLOWED_ORIGINS_EXAMPLE = '{"allowedOrigins": ["https://your-portal.example.com"]}';

/** Whether the meeting stays off for want of a named page: no `allowedOrigins`, and not opened to any page. */
const needsNamedPage = (allowedOrigins: unknown, openMeetingToAnyPage: unknown): boolean => allowedOrigins === undefined && openMeetingToAnyPage !== true;

/** What a deployment offers, and why anything else is off. */
export interface FeaturePlan {
  /** The features on, in the dialect's table order. */
  on: readonly string[];
  /** The dialect's features that are off. */
  off: readonly string[];
  /** Off for want of `allowedOrigins` (rather than for `features` not listing them). */
  locked: boolean;
  /** Why a feature is off, for the refusal a page gets. */
  whyOff(feature: string): string;
}

/** Pure: the features a config turns on, for its dialect. */
export function featurePlan(config: PluginConfig): FeaturePlan {
  const all = featuresOf(dialectOf(config));
  const listed = config.features ?? all;
  const locked = needsNamedPage(config.allowedOrigins, config.openMeetingToAnyPage);
  const on = all.filter((feature) => listed.includes(feature) && (!locked || OPEN_FEATURES.includes(feature)));
  return {
    on,
    off: all.filter((feature) => !on.includes(feature)),
    locked,
    whyOff: (feature) =>
      listed.includes(feature)
        ? `config.json names no "allowedOrigins", so any page that frames Web App 3 could ask; name your page's origin there to turn it on`
        : `config.json "features" does not list it`,
  };
}

/** The start-up line: exactly what is on and off, and for whom. */
export function describePlan(config: PluginConfig, { on, off, locked }: FeaturePlan): string {
  const what = `${on.join(', ') || 'nothing'}${off.length === 0 ? '' : `; off: ${off.join(', ')}`}`;
  if (locked) {
    return (
      `on for any page that frames Web App 3: ${what}. The meeting's data (names, private messages) and host powers ` +
      `go only to a page config.json names: to turn them on for yours, put this in plugins/external-chat/config.json: ${ALLOWED_ORIGINS_EXAMPLE}`
    );
  }
  if (!config.allowedOrigins) {
    return (
      `on for ANY page that frames Web App 3 ("openMeetingToAnyPage": true): ${what}. Any such page can read the roster ` +
      `and the private meeting chat and act with the user's rights: name your page in config.json instead, ${ALLOWED_ORIGINS_EXAMPLE}`
    );
  }
  return `on for ${config.allowedOrigins.join(', ')}: ${what}`;
}

/** The dialect a config names; ours when it names none. */
export const dialectOf = ({ dialect = 'external-chat' }: Pick<PluginConfig, 'dialect'>) => DIALECTS[dialect];
const DIALECT_NAMES = Object.keys(DIALECTS) as DialectName[];

/** A tooltip: one short line. */
const LABEL = { type: 'string', nonEmpty: true, maxLength: 100, optional: true } as const;
const LABEL_FIELDS = { open: LABEL, close: LABEL } as const;

/** What is wrong with config.json's `labels`; undefined when nothing is. */
function labelsError(value: unknown): string | undefined {
  const example = 'such as {"open": "Open support chat", "close": "Close support chat"}';
  if (!isRecord(value)) return `config.json: "labels" must be an object ${example}`;
  const unknown = Object.keys(value).filter((key) => !Object.hasOwn(LABEL_FIELDS, key));
  if (unknown.length > 0) return `config.json: "labels" has unknown key(s) ${unknown.join(', ')}; the keys are "open" and "close"`;
  const checked = checkFields('config.json "labels"', value, LABEL_FIELDS);
  return checked.ok ? undefined : `${checked.error} (${example})`;
}

/** A misspelt feature would silently switch it off: every name must be one the dialect has. */
function featuresError(value: unknown, dialect: DialectName): string | undefined {
  const known = featuresOf(DIALECTS[dialect]);
  const whose = dialect === 'external-chat' ? '' : ` of the ${dialect} dialect`;
  if (!Array.isArray(value)) return `config.json: "features" must be an array of feature names (${known.join(', ')})`;
  const bad = value.find((name) => typeof name !== 'string' || !known.includes(name));
  return bad === undefined ? undefined : `config.json: "features" lists ${JSON.stringify(bad)}, which is not a feature${whose}; the features are ${known.join(', ')}`;
}

const fail = (error: string): Result<never> => ({ ok: false, error });

/** Parses config.json's text; errors say which key is wrong and what it must be. */
export function parseConfig(text: string): Result<PluginConfig> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return fail(`config.json is not valid JSON (${(error as Error).message})`);
  }
  if (!isRecord(data)) return fail('config.json must hold an object such as {"allowedOrigins": ["https://portal.example.com"]}');
  const unknownKeys = Object.keys(data).filter((key) => !KEYS.includes(key));
  if (unknownKeys.length > 0) {
    return fail(`config.json has unknown key(s) ${unknownKeys.join(', ')}; the keys are ${KEYS.map((key) => `"${key}"`).join(', ')}`);
  }
  const { allowedOrigins: origins, debug, dialect, features, labels, postFrom, openMeetingToAnyPage: open } = data as {
    allowedOrigins?: unknown;
    debug?: unknown;
    dialect?: unknown;
    features?: unknown;
    labels?: unknown;
    postFrom?: unknown;
    openMeetingToAnyPage?: unknown;
  };
  const notBoolean = (key: string, value: unknown): false | Result<never> =>
    value !== undefined && typeof value !== 'boolean' && fail(`config.json: "${key}" must be true or false`);
  const badFlag = notBoolean('debug', debug) || notBoolean('openMeetingToAnyPage', open);
  if (badFlag) return badFlag;
  if (open !== undefined && origins !== undefined) {
    return fail('config.json: "openMeetingToAnyPage" opens the meeting to any page, "allowedOrigins" to the pages it names: keep one (allowedOrigins)');
  }
  if (dialect !== undefined && !(DIALECT_NAMES as unknown[]).includes(dialect)) {
    return fail(`config.json: "dialect" must be one of ${DIALECT_NAMES.map((name) => JSON.stringify(name)).join(', ')} (the page's wire vocabulary), got ${JSON.stringify(dialect)}`);
  }
  const { name: dialectName, topics } = dialectOf(data as PluginConfig);
  // A dialect without subscriptions sends the meeting unasked: only to pages the deployment named.
  if (topics === 'unsolicited' && origins === undefined) {
    return fail(
      `config.json: the ${dialectName} dialect sends the meeting's roster to the page without being asked, so it needs "allowedOrigins" ` +
        `naming the page that embeds Web App 3, such as ${ALLOWED_ORIGINS_EXAMPLE}`,
    );
  }
  const badFeatures = features === undefined ? undefined : featuresError(features, dialectName);
  if (badFeatures) return fail(badFeatures);
  // Listing the meeting for a page nobody named asks for something the plugin will not do: say so, instead of quietly leaving it off.
  const locked = needsNamedPage(origins, open) && (features as string[] | undefined)?.find((name) => !OPEN_FEATURES.includes(name));
  if (locked) {
    return fail(
      `config.json: "features" lists '${locked}', which hands the meeting's data or host powers to the page, but names no "allowedOrigins": ` +
        `any page that frames Web App 3 could ask. Add your page's origin, such as ${ALLOWED_ORIGINS_EXAMPLE}`,
    );
  }
  const badLabels = labels === undefined ? undefined : labelsError(labels);
  if (badLabels) return fail(badLabels);
  if (postFrom !== undefined && !POST_FROM.includes(postFrom as PostFrom)) {
    return fail(`config.json: "postFrom" must be ${POST_FROM.map((value) => `"${value}"`).join(' or ')}, got ${JSON.stringify(postFrom)}`);
  }
  // Every key is known and checked: the config is the file's own object.
  const config = data as PluginConfig;
  if (origins === undefined) return { ok: true, value: config };
  if (!Array.isArray(origins) || origins.length === 0) return fail('config.json: "allowedOrigins" must be a non-empty array of origins');
  const bad = origins.find((origin) => !isOrigin(origin));
  if (bad !== undefined) return fail(`config.json: ${JSON.stringify(bad)} is not an origin; write scheme://host[:port] with no path or trailing slash`);
  return { ok: true, value: config };
}

/** How long start-up waits for config.json: a request that is never answered must not leave the plugin half started. */
export const CONFIG_TIMEOUT_MS = 5_000;

export interface LoadConfigOptions {
  /**
   * The plugin's frame has an opaque origin (a sandbox without
   * allow-same-origin): config.json is then a cross-origin fetch, and a
   * failed one most likely lacks CORS headers.
   */
  opaqueOrigin?: boolean;
  timeoutMs?: number;
}

/** Every reason config.json cannot be used ends the same way. */
const STAYS_OFF = 'The chat bridge stays off until config.json can be read and is valid, or is removed (404).';

/**
 * Fetches config.json. A missing file (404) means no gating; anything else
 * that is wrong (an HTTP error, no answer in time, a CORS failure, bad
 * content) is an error, and the caller refuses to start the bridge: a
 * deployment may restrict origins there, so not knowing must not mean open.
 * Each error says what failed and what to do. Never rejects.
 */
export async function loadConfig(url: URL, { opaqueOrigin = false, timeoutMs = CONFIG_TIMEOUT_MS }: LoadConfigOptions = {}): Promise<Result<PluginConfig>> {
  const abort = new AbortController();
  // `read` never rejects: only the time-out does.
  const outcome = await withTimeout(
    read(url, abort.signal, opaqueOrigin),
    timeoutMs,
    `${url.href} got no answer within ${timeoutMs / 1000} s: check that the server answers requests for the plugin's folder (a proxy or firewall that holds them?).`,
  ).catch((error: Error): Result<never> => {
    abort.abort();
    return { ok: false, error: error.message };
  });
  return outcome.ok ? outcome : { ok: false, error: `${outcome.error} ${STAYS_OFF}` };
}

async function read(url: URL, signal: AbortSignal, opaqueOrigin: boolean): Promise<Result<PluginConfig>> {
  let response: Response;
  try {
    response = await fetch(url, { cache: 'no-store', credentials: 'same-origin', signal });
  } catch (error) {
    if (opaqueOrigin) {
      return {
        ok: false,
        error:
          `could not read ${url.href} (${(error as Error).message}): the plugin's frame has an opaque origin ('null'), so config.json ` +
          `needs CORS. Give this plugin "allow-same-origin" in the branding manifest's "sandboxValues", or serve config.json with ` +
          `Access-Control-Allow-Origin: *.`,
      };
    }
    return { ok: false, error: `could not fetch ${url.href} (${(error as Error).message}).` };
  }
  if (response.status === 404) return { ok: true, value: {} };
  if (!response.ok) {
    return {
      ok: false,
      error: `fetching ${url.href} answered HTTP ${response.status}; only a 404 means "no config.json".`,
    };
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    return { ok: false, error: `could not read ${url.href} (${(error as Error).message}).` };
  }
  const parsed = parseConfig(text);
  return parsed.ok ? parsed : { ok: false, error: `${parsed.error}.` };
}
