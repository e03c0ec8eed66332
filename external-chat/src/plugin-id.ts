/** Must equal `plugins[].id` in webapp3/branding/manifest.json (plugin-api 21 requires the match for widgets; the build checks it). */
export const PLUGIN_ID = 'external-chat';
