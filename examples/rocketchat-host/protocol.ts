// Rocket.Chat's conference-window protocol, page side: the action names, the
// envelopes the page sends, and the checks on what it receives. Written from
// the protocol's description alone, as a Rocket.Chat host would be: nothing
// here comes from host-bridge or the plugin. Pure: no DOM, no window.

export const PREFIX = 'rocketchat:videoconf/';

/** What a plugin may offer in `ready`; the page draws a control only for a feature named there. */
export const FEATURES = [
  'chat',
  'participants',
  'roster',
  'self',
  'mute',
  'mute-video',
  'admit',
  'disconnect',
  'spotlight',
  'raise-hand',
  'set-role',
  'transfer',
  'dtmf',
  'mute-all-guests',
  'dial-out',
] as const;
export type Feature = (typeof FEATURES)[number];

export const CAN_KEYS = ['control', 'mute', 'disconnect', 'transfer', 'spotlight', 'fecc', 'raiseHand', 'changeLayout'] as const;
export type Can = Record<(typeof CAN_KEYS)[number], boolean>;

const ENTRY_FLAGS = ['isWaiting', 'isHost', 'isMuted', 'isClientMuted', 'isCameraMuted', 'isPresenting', 'isSpotlight', 'raisedHand'] as const;

export interface RosterEntry extends Record<(typeof ENTRY_FLAGS)[number], boolean> {
  uuid: string;
  displayName: string;
  can: Can;
}

const SELF_FLAGS = ['micMuted', 'camMuted', 'clientMuted', 'isHost', 'canControl'] as const;
export interface SelfState extends Record<(typeof SELF_FLAGS)[number], boolean> {
  participantUuid: string;
}

/** What the plugin sends, checked. */
export type Inbound =
  | { name: 'ready'; features: Feature[]; unknownFeatures: string[] }
  | { name: 'connected' }
  | { name: 'disconnected'; userInitiated: boolean; error?: string; errorCode?: string }
  | { name: 'toggle-chat'; active: boolean }
  | { name: 'toggle-participants'; active: boolean }
  | { name: 'self'; self: SelfState }
  | { name: 'roster'; participants: RosterEntry[] }
  | { name: 'dial-out-success'; uuid: string; displayName?: string }
  | { name: 'dial-out-error'; message: string };

export type InboundName = Inbound['name'];

export type Parsed =
  /** Not an envelope of this protocol, or an action the page does not know: ignored, as the protocol says. */
  | { kind: 'ignored' }
  /** One of ours with a field that is wrong: `error` names it. */
  | { kind: 'invalid'; name: string; error: string }
  | { kind: 'ok'; message: Inbound };

export type Role = 'host' | 'guest';
export type DialProtocol = 'sip' | 'h323' | 'rtmp' | 'mssip' | 'auto';

/**
 * Infinity's dial body. Rocket.Chat's hook sends the destination alone, and the plugin dials it as Rocket.Chat
 * would (`role: 'GUEST'`, `protocol: 'auto'`, `call_type: 'audio'`); a page may say more.
 */
export interface DialOut {
  role?: 'HOST' | 'GUEST';
  destination: string;
  protocol?: DialProtocol;
  call_type?: 'video' | 'video-only' | 'audio';
  remote_display_name?: string;
  source_display_name?: string;
  dtmf_sequence?: string;
}

/** What the page sends, by action name. */
export interface Outbound {
  'chat-state': { active: boolean };
  /** Rocket.Chat's hook sends a boolean; the plugin also takes a count (it goes into the tooltip). */
  'chat-unread': { unread: boolean };
  'participants-state': { active: boolean };
  mute: { participantUuid: string; muted: boolean };
  'mute-video': { participantUuid: string; muted: boolean };
  admit: { participantUuid: string };
  disconnect: { participantUuid: string };
  spotlight: { participantUuid: string; active: boolean };
  'raise-hand': { participantUuid: string; raised: boolean };
  'set-role': { participantUuid: string; role: Role };
  transfer: { participantUuid: string; alias: string; role?: Role; pin?: string };
  dtmf: { participantUuid: string; digits: string };
  'mute-all-guests': { muted: boolean };
  'dial-out': DialOut;
}
export type OutboundName = keyof Outbound;

/** The participant controls: sent and never answered; the next roster shows what they did. */
export const CONTROLS = ['mute', 'mute-video', 'admit', 'disconnect', 'spotlight', 'raise-hand', 'set-role', 'transfer', 'dtmf', 'mute-all-guests'] as const satisfies readonly (OutboundName & Feature)[];
export type Control = (typeof CONTROLS)[number];

export function envelope<N extends OutboundName>(name: N, fields: Outbound[N]): { action: string } & Outbound[N] {
  return { action: PREFIX + name, ...fields };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Thrown inside the checks below and turned into `invalid`; never leaves this module. */
class FieldError extends Error {}

const fail = (message: string): never => {
  throw new FieldError(message);
};

function bool(data: Record<string, unknown>, key: string, where: string): boolean {
  const value = data[key];
  return typeof value === 'boolean' ? value : fail(`${where}'${key}' must be true or false, got ${describe(value)}`);
}

function text(data: Record<string, unknown>, key: string, where: string, { nonEmpty = false } = {}): string {
  const value = data[key];
  if (typeof value !== 'string') return fail(`${where}'${key}' must be a string, got ${describe(value)}`);
  return nonEmpty && value === '' ? fail(`${where}'${key}' must not be empty`) : value;
}

function optionalText(data: Record<string, unknown>, key: string, where: string): { [k: string]: string } {
  return data[key] === undefined ? {} : { [key]: text(data, key, where) };
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return typeof value === 'string' ? JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value) : typeof value === 'object' ? 'an object' : String(value);
}

function rosterEntry(value: unknown, index: number): RosterEntry {
  const where = `participants[${index}].`;
  if (!isRecord(value)) return fail(`participants[${index}] must be an object, got ${describe(value)}`);
  const can = value.can;
  if (!isRecord(can)) return fail(`${where}'can' must be an object, got ${describe(can)}`);
  const entry = {
    uuid: text(value, 'uuid', where, { nonEmpty: true }),
    displayName: text(value, 'displayName', where),
    can: Object.fromEntries(CAN_KEYS.map((key) => [key, bool(can, key, `${where}can.`)])) as Can,
  } as RosterEntry;
  for (const flag of ENTRY_FLAGS) entry[flag] = bool(value, flag, where);
  return entry;
}

function selfState(data: Record<string, unknown>): SelfState {
  const self = { participantUuid: text(data, 'participantUuid', '', { nonEmpty: true }) } as SelfState;
  for (const flag of SELF_FLAGS) self[flag] = bool(data, flag, '');
  return self;
}

const READERS: { [N in InboundName]: (data: Record<string, unknown>) => Extract<Inbound, { name: N }> } = {
  ready(data) {
    const list = data.features;
    if (!Array.isArray(list)) return fail(`'features' must be an array of feature names, got ${describe(list)}`);
    const known: readonly string[] = FEATURES;
    const names = list.filter((f): f is string => typeof f === 'string');
    // A newer plugin may offer more: what the page does not know it cannot draw, and that is all.
    return {
      name: 'ready',
      features: FEATURES.filter((f) => names.includes(f)),
      unknownFeatures: names.filter((f) => !known.includes(f)),
    };
  },
  connected: () => ({ name: 'connected' }),
  disconnected: (data) => ({
    name: 'disconnected',
    userInitiated: bool(data, 'userInitiated', ''),
    ...optionalText(data, 'error', ''),
    ...optionalText(data, 'errorCode', ''),
  }),
  'toggle-chat': (data) => ({ name: 'toggle-chat', active: bool(data, 'active', '') }),
  'toggle-participants': (data) => ({ name: 'toggle-participants', active: bool(data, 'active', '') }),
  self: (data) => ({ name: 'self', self: selfState(data) }),
  roster(data) {
    const list = data.participants;
    if (!Array.isArray(list)) return fail(`'participants' must be an array, got ${describe(list)}`);
    return { name: 'roster', participants: list.map(rosterEntry) };
  },
  'dial-out-success': (data) => ({ name: 'dial-out-success', uuid: text(data, 'uuid', '', { nonEmpty: true }), ...optionalText(data, 'displayName', '') }),
  'dial-out-error': (data) => ({ name: 'dial-out-error', message: text(data, 'message', '') }),
};

/** Checks one message from the plugin's side; never throws. */
export function parseInbound(data: unknown): Parsed {
  if (!isRecord(data) || typeof data.action !== 'string' || !data.action.startsWith(PREFIX)) return { kind: 'ignored' };
  const name = data.action.slice(PREFIX.length);
  if (!Object.hasOwn(READERS, name)) return { kind: 'ignored' };
  try {
    return { kind: 'ok', message: READERS[name as InboundName](data) };
  } catch (error) {
    if (!(error instanceof FieldError)) throw error;
    return { kind: 'invalid', name, error: `${name}: ${error.message}` };
  }
}

/** The action's name without the prefix, or null for anything that is not ours. */
export function actionName(data: unknown): string | null {
  return isRecord(data) && typeof data.action === 'string' && data.action.startsWith(PREFIX) ? data.action.slice(PREFIX.length) : null;
}
