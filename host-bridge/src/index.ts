export {
  connectExternalChat,
  type ConnectOptions,
  type ExternalChat,
  type ExternalChatEvents,
  type ExternalChatMethods,
} from './connect.js';
export type { CallOptions } from './host-endpoint.js';
export { CallInterruptedError, DialOutError, InvalidParamsError, TimeoutError } from './errors.js';
export type { DialOutBody, DialOutResult, DisconnectedPayload } from './contract/index.js';
