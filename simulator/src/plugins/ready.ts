// One "plugins are ready" cycle: started when frames are (re)loaded, resolved
// when each manifest plugin has settled (see SimApi.ready).
import type { PluginFrame } from './plugin-host';
import type { SimReadySummary } from '../harness/sim-api';

/** How long an acked plugin may take to add its first button. */
export const FIRST_BUTTON_GRACE_MS = 1000;

export class ReadyCycle {
  readonly promise: Promise<SimReadySummary>;
  private readonly pending: Set<PluginFrame>;
  private readonly timers = new Map<PluginFrame, number>();
  private resolve!: (value: SimReadySummary | Promise<SimReadySummary>) => void;
  private done = false;

  constructor(
    private readonly frames: readonly PluginFrame[],
    /** runs once, just before the promise resolves (auto-join) */
    private readonly beforeResolve: () => void,
  ) {
    this.pending = new Set(frames);
    this.promise = new Promise((resolve) => {
      this.resolve = resolve;
    });
    if (this.pending.size === 0) queueMicrotask(() => this.finish());
  }

  /** An acked plugin gets a grace period to add its first button. */
  registered(frame: PluginFrame): void {
    if (!this.pending.has(frame)) return;
    window.clearTimeout(this.timers.get(frame));
    this.timers.set(
      frame,
      window.setTimeout(() => this.settle(frame), FIRST_BUTTON_GRACE_MS),
    );
  }

  settle(frame: PluginFrame): void {
    if (!this.pending.delete(frame)) return;
    window.clearTimeout(this.timers.get(frame));
    this.timers.delete(frame);
    if (this.pending.size === 0) this.finish();
  }

  /** A newer cycle replaced this one: resolve with its result. */
  supersede(next: ReadyCycle): void {
    if (this.done) return;
    this.done = true;
    for (const t of this.timers.values()) window.clearTimeout(t);
    this.resolve(next.promise);
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    this.beforeResolve();
    this.resolve({ plugins: this.frames.map((f) => ({ id: f.id, state: f.state })) });
  }
}
