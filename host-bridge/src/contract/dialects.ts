/**
 * The wire vocabularies the plugin can speak. Each is a pair of tables over the
 * same service: ours (vocabulary.ts), and Rocket.Chat's, whose conference
 * window embeds Web App 3 and speaks to a plugin in its own words. A
 * deployment picks one with config.json's `"dialect"`.
 */
import { DIAL_FIELDS, type DialOutBody } from './dial-body.js';
import { boolean, string, type Fields, type PayloadOf } from './fields.js';
import { ACTION_PREFIX, NAMES, PAGE_TO_PLUGIN, PLUGIN_TO_PAGE, type ControlAction, type PageRow, type PluginRow, type PluginEvents } from './vocabulary.js';

export interface Dialect {
  /** What config.json's `"dialect"` calls it. */
  readonly name: string;
  /** Every envelope's `action` starts with this. */
  readonly prefix: string;
  readonly pageToPlugin: { readonly [action: string]: PageRow };
  readonly pluginToPage: { readonly [action: string]: PluginRow };
  /**
   * How meeting data (the topic rows) reaches the page. `subscribe`: only the
   * topics the page asked for. `unsolicited`: every topic the deployment
   * offers, from the start (so such a dialect needs config.json's
   * `allowedOrigins`: the meeting must not go to whichever page embeds Web App 3).
   */
  readonly topics: 'subscribe' | 'unsolicited';
}

export const EXTERNAL_CHAT = {
  name: 'external-chat',
  prefix: ACTION_PREFIX,
  pageToPlugin: PAGE_TO_PLUGIN,
  pluginToPage: PLUGIN_TO_PAGE,
  topics: 'subscribe',
} as const satisfies Dialect;

const ACTIVE = { active: boolean } as const satisfies Fields;
/** Rocket.Chat's hook sends whether anything is unread (a boolean); a count is told in the tooltip too. */
const UNREAD = { unread: { type: 'either', of: [boolean, { type: 'integer', min: 0 }] } } as const satisfies Fields;

/**
 * What Rocket.Chat dials when its hook sends a destination alone: its own call to Pexip's dial-out
 * (`useProviderPlugin.ts`). A field the page sends wins.
 */
export const ROCKETCHAT_DIAL_DEFAULTS = { role: 'GUEST', protocol: 'auto', call_type: 'audio' } as const satisfies Partial<DialOutBody>;
const { role, protocol } = DIAL_FIELDS;
const ROCKETCHAT_DIAL_FIELDS = { ...DIAL_FIELDS, role: { ...role, optional: true }, protocol: { ...protocol, optional: true } } as const satisfies Fields;

/** Controls Rocket.Chat's window has its own of: the meeting's chat, and toasts. */
const NOT_ROCKETCHAT = ['send-meeting-message', 'notify'] as const;
/** Our other controls, row for row: a control added to ours is Rocket.Chat's too. */
const ROCKETCHAT_CONTROLS = /* @__PURE__ */ Object.fromEntries(
  Object.entries(PAGE_TO_PLUGIN).filter(([action, row]) => row.kind === 'control' && !(NOT_ROCKETCHAT as readonly string[]).includes(action)),
) as Omit<Pick<typeof PAGE_TO_PLUGIN, ControlAction>, (typeof NOT_ROCKETCHAT)[number]>;

/**
 * Rocket.Chat's current conference window (`rocketchat:videoconf/`). Where it
 * means what ours means, the row is ours, so the two cannot drift apart. It
 * differs in: no subscriptions (the roster and self come unasked), no answer
 * to controls (their effect shows in the next roster), the badge as an unread
 * count, and a second toolbar button, Participants, that opens the page's
 * people panel.
 */
export const ROCKETCHAT = {
  name: 'rocketchat',
  prefix: 'rocketchat:videoconf/',
  topics: 'unsolicited',
  pluginToPage: {
    ready: { kind: 'ready', fields: { features: NAMES } },
    connected: PLUGIN_TO_PAGE.connected,
    disconnected: PLUGIN_TO_PAGE.disconnected,
    'toggle-chat': PLUGIN_TO_PAGE['toggle-chat'],
    'toggle-participants': { kind: 'event', fields: ACTIVE },
    roster: PLUGIN_TO_PAGE.roster,
    self: PLUGIN_TO_PAGE.self,
    'dial-out-success': PLUGIN_TO_PAGE['dial-out-success'],
    'dial-out-error': { kind: 'error', fields: { message: string } },
  },
  pageToPlugin: {
    'chat-state': PAGE_TO_PLUGIN['toggle-chat-button-state'],
    'chat-unread': {
      kind: 'state',
      feature: 'chat',
      fields: UNREAD,
      method: 'setBadge',
      arg: 'unread',
      toService: ({ unread }: { unread: boolean | number }) => (typeof unread === 'boolean' ? { visible: unread } : { visible: unread > 0, count: unread }),
    },
    'participants-state': { kind: 'state', feature: 'participants', fields: ACTIVE, method: 'setParticipantsButtonActive', arg: 'active' },
    ...ROCKETCHAT_CONTROLS,
    'dial-out': {
      ...PAGE_TO_PLUGIN['dial-out'],
      fields: ROCKETCHAT_DIAL_FIELDS,
      toService: (body: PayloadOf<typeof ROCKETCHAT_DIAL_FIELDS>) => ({ ...ROCKETCHAT_DIAL_DEFAULTS, ...body }),
    },
  },
} as const satisfies Dialect;

/** The dialects, by the name config.json gives them. */
export const DIALECTS = { 'external-chat': EXTERNAL_CHAT, rocketchat: ROCKETCHAT } as const satisfies { [name: string]: Dialect };
export type DialectName = keyof typeof DIALECTS;

/** The events the service raises: every dialect's, each dialect carrying those it has a row for. */
export type ServiceEvents = PluginEvents & { 'toggle-participants': { active: boolean } };
