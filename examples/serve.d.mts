export const STRICT_CSP: string;
export function startServers(options?: {
  hostPort?: number;
  webappPort?: number;
  csp?: boolean | 'strict';
  /** config.json's text, an HTTP status without a file, or a request that is never answered. */
  pluginConfig?: string | { status: number } | 'never-answer';
  /** Access-Control-Allow-Origin: * on config.json alone. */
  pluginConfigCors?: boolean;
  /** Keys of the Rocket.Chat branding's config.json replacing {"dialect": "rocketchat", "allowedOrigins": [hostOrigin]}. */
  rocketchatConfig?: Record<string, unknown>;
  /** A Content-Security-Policy for the simulator's own document (Web App 3's). */
  simulatorCsp?: string;
}): Promise<{ hostOrigin: string; webappOrigin: string; close(): Promise<void> }>;
