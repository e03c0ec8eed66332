// The contract as the plugin and host-bridge's own modules use it: the public contract, and the
// machinery behind it (the plugin's codec, the service interface, host-bridge's call mapping). Reached
// through the package's `./internal` entry, which resolves only inside this workspace (the
// `@external-chat/source` condition): it is not published, and may change in any release.
export * from './index.js';
export {
  errorCodeOf,
  REQUEST_ID,
  wireFields,
  ROSTER_ENTRY,
  SELF,
  MEETING_MESSAGE,
  type AnsweredAction,
  type EventAction,
  type ChangesAction,
  type Delivery,
  type EveryTopic,
  type LatestTopic,
  type PageRow,
  type PluginEvents,
  type PluginRow,
  type ServiceMethod,
  type TopicAction,
  type WebApp3Call,
} from './vocabulary.js';
export type { BadgePayload, ControlMethods, DialectMethod, DialectService, ExternalChatService } from './service.js';
export { EXTERNAL_CHAT, ROCKETCHAT, type ServiceEvents } from './dialects.js';
export { DIAL_FIELDS } from './dial-body.js';
export { INVISIBLE, INVISIBLE_BUT_NEWLINES, isRecord, own, type IntegerRule, type ListRule, type ObjectRule, type StringRule } from './fields.js';
export { isOrigin, originOf } from './origins.js';
export {
  answerIn,
  arityOf,
  optionFieldsOf,
  pluginCodec,
  featuresOf,
  topicsOf,
  envelopeOf,
  featureOf,
  isRequest,
  isState,
  PLUGIN_EVENTS,
  SERVICE_METHODS,
  TOPICS,
  type Answer,
  type DialectMessage,
  type Outcome,
  type PluginCodec,
  type TopicInfo,
  type ServiceCall,
} from './codec.js';
