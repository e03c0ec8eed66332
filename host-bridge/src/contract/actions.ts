/** Every envelope's `action` starts with this; anything else is not ours. */
export const ACTION_PREFIX = 'pexip:plugin:external-chat/';

/** Actions the embedding page (top window) sends to the plugin. */
export const HOST_ACTIONS = [
  'toggle-chat-button-state',
  'toggle-chat-badge',
  'dial-out',
  'ping',
] as const;

/** Actions the plugin sends to the embedding page. */
export const PLUGIN_ACTIONS = [
  'ready',
  'toggle-chat',
  'dial-out-success',
  'dial-out-error',
  'connected',
  'disconnected',
] as const;

export type HostAction = (typeof HOST_ACTIONS)[number];
export type PluginAction = (typeof PLUGIN_ACTIONS)[number];

/** `action('dial-out')` → `'pexip:plugin:external-chat/dial-out'`. */
export const action = <N extends HostAction | PluginAction>(name: N): `${typeof ACTION_PREFIX}${N}` =>
  `${ACTION_PREFIX}${name}`;
