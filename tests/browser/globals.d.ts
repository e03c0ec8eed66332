import type { SimApi } from '../../examples/simulator/sim-api';

declare global {
  interface Window {
    __sim?: SimApi;
    __host?: {
      chat: import('@external-chat/host-bridge').ExternalChat;
      connect: typeof import('@external-chat/host-bridge').connectExternalChat;
      log: { direction: 'in' | 'out'; envelope: Record<string, unknown>; t: number }[];
      panelOpen(): boolean;
      calls: { id: string; destination: string; status: 'pending' | 'ok' | 'error'; result?: unknown; error?: { name: string; message: string } }[];
    };
    __legacy?: { received: Record<string, unknown>[]; panelOpen(): boolean };
  }
}
