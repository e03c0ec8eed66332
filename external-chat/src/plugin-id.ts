/** Must equal `plugins[].id` in webapp3/branding/manifest.json: Web App 3 rejects a plugin whose ids differ. */
export const PLUGIN_ID = 'external-chat';
