export {
  connectExternalChat,
  type ConnectOptions,
  type ExternalChat,
  type ExternalChatEvents,
  type ExternalChatMethods,
  type RosterEvent,
} from './connect.js';
export type { CallOptions } from './host-endpoint.js';
export { CallInterruptedError, ControlError, DialOutError, FeatureUnavailableError, InvalidParamsError, TimeoutError, type BridgeErrorCode } from './errors.js';
export type { DialOutBody, DialOutResult, DisconnectedPayload, ErrorCode, Feature, MeetingMessage, RosterChange, RosterEntry, SelfState, Topic } from './contract/index.js';
