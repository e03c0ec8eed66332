export {
  connectExternalChat,
  type ConnectOptions,
  type ExternalChat,
  type ExternalChatEvents,
  type ExternalChatMethods,
} from './connect';
export type { CallOptions } from './host-endpoint';
export { CallInterruptedError, DialOutError, InvalidParamsError, TimeoutError } from './errors';
export type { DialOutBody, DialOutResult, DisconnectedPayload } from './contract';
