// The wire contract, for pages that speak raw envelopes and for the plugin:
// action names and tables, payload types, codec and validation.
export {
  ACTION_PREFIX,
  action,
  HOST_ACTIONS,
  PAGE_TO_PLUGIN,
  PLUGIN_ACTIONS,
  PLUGIN_TO_PAGE,
  REQUEST_ID,
  wireFields,
  type DialOutResult,
  type DisconnectedPayload,
  type EventAction,
  type HostAction,
  type HostPayloads,
  type PluginAction,
  type PluginEvents,
  type PluginPayloads,
  type RequestAction,
  type ServiceMethod,
} from './vocabulary.js';
export type { ExternalChatService } from './service.js';
export { DIAL_FIELDS, validateDialBody, type DialOutBody } from './dial-body.js';
export { checkFields, isRecord, MAX_STRING_LENGTH, type FieldRule, type Fields, type PayloadOf, type Result } from './fields.js';
export { isOrigin, originOf } from './origins.js';
export {
  answerIn,
  answerOf,
  callOf,
  decodeHostMessage,
  decodePluginMessage,
  encode,
  envelopeOf,
  eventOf,
  isRequest,
  isState,
  PLUGIN_EVENTS,
  SERVICE_METHODS,
  type Answer,
  type HostMessage,
  type Inbound,
  type Outcome,
  type PluginMessage,
  type ServiceCall,
} from './codec.js';
