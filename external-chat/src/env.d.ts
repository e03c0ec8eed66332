/** Set by vite.config.ts from external-chat/package.json at build time. */
declare const __PLUGIN_VERSION__: string;
/** Set by vite.config.ts (and the Vitest config) from public/relay.js: the fingerprint of its init's source text (relay-source.ts). */
declare const __RELAY_INIT_FINGERPRINT__: string;
