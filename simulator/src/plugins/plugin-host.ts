// One plugin iframe and its RPC channel: Web App 3's side of @pexip/plugin-api's
// Channel. Calls arrive as {rpc, payload, id, chanId}; replies go back to the
// plugin window as {chanId, replyTo, rpc, payload}; events as {chanId, event, payload}.
import type { Event, EventMessage, RPCCall, RPCCalls, RPCReply } from '@pexip/plugin-api';
import type { PluginFrameState, PluginTiming } from '../harness/sim-api';

/** Shape check for a message that claims to be an RPC call (payload unchecked). */
export function isRpcCallMessage(data: unknown): data is RPCCall {
  if (typeof data !== 'object' || data === null) return false;
  const d = data as Record<string, unknown>;
  return typeof d.rpc === 'string' && typeof d.id === 'string' && typeof d.chanId === 'string';
}

export class PluginFrame {
  iframe: HTMLIFrameElement;
  state: PluginFrameState = 'loading';
  /** chanId of the acked channel; calls on other channels are ignored */
  chanId: string | null = null;
  timing: PluginTiming = { inserted: 0 };
  private silentTimer = 0;

  constructor(
    /** the manifest id the plugin must register with */
    readonly id: string,
    readonly src: string,
    readonly sandbox: readonly string[],
    private readonly onSilent: (frame: PluginFrame) => void,
  ) {
    this.iframe = this.element();
  }

  private element(): HTMLIFrameElement {
    const iframe = document.createElement('iframe');
    iframe.setAttribute('sandbox', this.sandbox.join(' '));
    iframe.title = `Plugin ${this.id}`;
    iframe.dataset.pluginId = this.id;
    iframe.addEventListener('load', () => this.armSilentTimer());
    return iframe;
  }

  /** The plugin's WindowProxy (stable across reloads, a new one after `recreate`). */
  get window(): Window | null {
    return this.iframe.contentWindow;
  }

  get isRegistered(): boolean {
    return this.state === 'acked' && this.chanId !== null;
  }

  insert(container: HTMLElement): void {
    this.reset();
    this.iframe.src = this.src;
    container.append(this.iframe);
  }

  /** Web App 3 re-creates plugins; here: navigate the same frame again. */
  reload(): void {
    this.reset();
    this.iframe.src = this.src;
  }

  /**
   * The other way Web App 3 may restart a plugin (which one it uses is not public): a new iframe
   * element in place of the old, so the plugin gets a new window and the old one reads closed.
   */
  recreate(): void {
    this.reset();
    const next = this.element();
    next.src = this.src;
    this.iframe.replaceWith(next);
    this.iframe = next;
  }

  private reset(): void {
    this.state = 'loading';
    this.timing = { inserted: performance.now() };
    window.clearTimeout(this.silentTimer);
  }

  /** A frame that loads but never sends syn is reported as 'silent' after 5 s. */
  private armSilentTimer(): void {
    window.clearTimeout(this.silentTimer);
    if (this.state !== 'loading') return;
    this.silentTimer = window.setTimeout(() => {
      if (this.state === 'loading') {
        this.state = 'silent';
        this.onSilent(this);
      }
    }, 5000);
  }

  markSyn(): void {
    this.timing.syn = performance.now();
  }

  accept(chanId: string): void {
    window.clearTimeout(this.silentTimer);
    this.state = 'acked';
    this.chanId = chanId;
  }

  reject(): void {
    window.clearTimeout(this.silentTimer);
    this.state = 'rejected';
    this.chanId = null;
  }

  /** Reply to a call, on the channel the call came from. */
  reply<K extends keyof RPCCalls>(call: RPCCall<K>, payload: unknown): void {
    const message = { chanId: call.chanId, replyTo: call.id, rpc: call.rpc, payload } as RPCReply<K>;
    this.window?.postMessage(message, '*');
  }

  /** Send an event on the registered channel (dropped when not registered). */
  sendEvent<K extends keyof EventMessage>(event: K, payload: EventMessage[K]['payload']): void {
    if (!this.isRegistered || this.chanId === null) return;
    const message = { chanId: this.chanId, event, payload } as Event<K>;
    this.window?.postMessage(message, '*');
  }
}
