export const STRICT_CSP: string;
export function startServers(options?: {
  hostPort?: number;
  webappPort?: number;
  csp?: boolean | 'strict';
  pluginConfig?: string;
}): Promise<{ hostOrigin: string; webappOrigin: string; close(): Promise<void> }>;
