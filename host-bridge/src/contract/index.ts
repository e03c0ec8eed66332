// The wire contract, public: what a page that speaks raw envelopes, or another implementation of either
// side, needs. The tables and their names, the limits, the payload types, decoding, encoding and
// validation. The plugin's own machinery (its codec, service and calls) is in internal.ts, which is not
// published.
export {
  ACTION_PREFIX,
  action,
  HOST_ACTIONS,
  PAGE_TO_PLUGIN,
  PLUGIN_ACTIONS,
  PLUGIN_TO_PAGE,
  LEGACY_FEATURES,
  ERROR_CODES,
  MAX_PARTICIPANTS,
  MAX_MEETING_MESSAGE_LENGTH,
  MAX_NOTIFY_LENGTH,
  NOTIFY_INTERVAL_MS,
  PAGE_LIMITS,
  MAX_ALIAS_LENGTH,
  MAX_KEPT_ITEMS,
  type ControlAction,
  type ControlPayloads,
  type DialOutResult,
  type DisconnectedPayload,
  type ErrorCode,
  type Feature,
  type HostAction,
  type HostPayloads,
  type MeetingMessage,
  type PluginAction,
  type PluginPayloads,
  type RequestAction,
  type RosterChange,
  type RosterEntry,
  type SelfState,
  type Topic,
  type TopicPayloads,
} from './vocabulary.js';
export { DIALECTS, type Dialect, type DialectName } from './dialects.js';
export { validateDialBody, type DialOutBody } from './dial-body.js';
export { checkFields, MAX_STRING_LENGTH, type FieldRule, type Fields, type PayloadOf, type Result } from './fields.js';
export { decodeHostMessage, decodePluginMessage, encode, FEATURES, type HostMessage, type Inbound, type PluginMessage } from './codec.js';
