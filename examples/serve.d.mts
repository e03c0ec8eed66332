export function startServers(options?: {
  hostPort?: number;
  webappPort?: number;
  csp?: boolean | 'strict';
  /** config.json's text verbatim ('{}': the shipped default), an HTTP status without a file, or a request that is never answered. */
  pluginConfig?: string | { status: number } | 'never-answer';
  /** Keys of the demo's config.json replacing the deployed file's, which gets {"allowedOrigins": [hostOrigin]} when it names no page. */
  demoConfig?: Record<string, unknown>;
  /** Access-Control-Allow-Origin: * on config.json alone. */
  pluginConfigCors?: boolean;
  /** Keys of the Rocket.Chat branding's config.json replacing {"dialect": "rocketchat", "allowedOrigins": [hostOrigin]}. */
  rocketchatConfig?: Record<string, unknown>;
  /** A Content-Security-Policy for the simulator's own document (Web App 3's). */
  simulatorCsp?: string;
}): Promise<{ hostOrigin: string; webappOrigin: string; close(): Promise<void> }>;
