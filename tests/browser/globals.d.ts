import type { HostHooks } from '../../examples/host/hooks';
import type { SimApi } from '@external-chat/webapp3-simulator/hooks';

declare global {
  interface Window {
    __sim?: SimApi;
    __host?: HostHooks;
    __legacy?: { received: Record<string, unknown>[]; panelOpen(): boolean };
  }
}
