export {
  connectExternalChat,
  type ConnectOptions,
  type ExternalChat,
  type ExternalChatEvents,
  type ExternalChatMethods,
} from './connect.js';
export type { CallOptions } from './host-endpoint.js';
export { CallInterruptedError, ControlError, DialOutError, FeatureUnavailableError, InvalidParamsError, TimeoutError, type BridgeErrorCode } from './errors.js';
export type { DialOutBody, DialOutResult, DisconnectedPayload, ErrorCode, Feature, MeetingMessage, RosterEntry, SelfState, Topic } from './contract/index.js';
