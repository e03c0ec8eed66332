// What a handler returns when Web App 3 sends no reply at all: the request
// threw inside Web App 3 (a refusal Infinity's client does not type), or the
// RPC name is one it has no case for. plugin-api's call then never settles.
export const NO_REPLY: unique symbol = Symbol('no reply');
export type NoReply = typeof NO_REPLY;
