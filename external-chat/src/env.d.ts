/** Set by vite.config.ts from external-chat/package.json at build time. */
declare const __PLUGIN_VERSION__: string;
