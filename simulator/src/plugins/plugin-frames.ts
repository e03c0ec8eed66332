// The manifest's plugin frames as a set: creating, reloading and addressing them,
// the notes the plugin panel shows, and the readiness that window.__sim.ready reports.
import type { EventMessage } from '@pexip/plugin-api';
import { renderPluginList } from '../view/panels';
import { PluginFrame } from './plugin-host';
import type { PluginSource } from './plugin-sources';
import { ReadyCycle } from './ready';
import type { SimReadySummary } from '../harness/sim-api';
import { neverSentSynMessage } from './silent-plugin';

export interface PluginFramesOptions {
  container: HTMLElement;
  panel: HTMLElement;
  showError(message: string): void;
  /** runs once the plugins are first ready, before `ready` resolves (auto-join) */
  onFirstReady(): void;
}

export class PluginFrames {
  readonly frames: PluginFrame[] = [];
  private readonly notes = new Map<string, string>();
  /** lasting notes (the manifest's dropped sandbox values, a registration under another id) */
  private readonly warnings = new Map<string, string[]>();
  private cycle: ReadyCycle | null = null;
  private firstReady = true;
  private started!: (cycle: ReadyCycle) => void;
  private failed!: (err: unknown) => void;
  /** see SimApi.ready */
  ready: Promise<SimReadySummary>;

  constructor(private readonly options: PluginFramesOptions) {
    this.ready = new Promise<ReadyCycle>((resolve, reject) => {
      this.started = resolve;
      this.failed = reject;
    }).then((cycle) => cycle.promise);
    this.ready.catch(() => undefined); // reported on the page; avoid an unhandled rejection
  }

  /** Create and insert one frame per source; `ready` follows them from here. */
  start(sources: readonly PluginSource[]): void {
    for (const { id, src, sandbox } of sources) {
      this.frames.push(new PluginFrame(id, src, sandbox, (frame) => this.silent(frame)));
    }
    this.cycle = this.newCycle();
    this.started(this.cycle);
    for (const frame of this.frames) frame.insert(this.options.container);
    this.refresh();
  }

  /** The manifest could not be loaded: `ready` rejects. */
  fail(err: unknown): void {
    this.failed(err);
  }

  /** `recreate`: new iframe elements (new windows) rather than the same ones navigated again. */
  reload({ recreate = false }: { recreate?: boolean } = {}): Promise<SimReadySummary> {
    const next = this.newCycle();
    this.cycle?.supersede(next);
    this.cycle = next;
    this.ready = next.promise;
    for (const frame of this.frames) {
      if (recreate) frame.recreate();
      else frame.reload();
    }
    this.refresh();
    return next.promise;
  }

  /** The frame `source` belongs to: only frames this page created may talk to it. */
  find(source: MessageEventSource | null): PluginFrame | undefined {
    return this.frames.find((f) => f.window !== null && f.window === source);
  }

  byId(id: string): PluginFrame | undefined {
    return this.frames.find((f) => f.id === id);
  }

  broadcast<K extends keyof EventMessage>(event: K, payload: EventMessage[K]['payload']): void {
    for (const frame of this.frames) frame.sendEvent(event, payload);
  }

  registered(frame: PluginFrame): void {
    this.notes.delete(frame.id);
    this.cycle?.registered(frame);
    this.refresh();
  }

  rejected(frame: PluginFrame, reason: string): void {
    this.notes.set(frame.id, reason);
    this.options.showError(`Plugin rejected: ${reason}`);
    this.settle(frame);
  }

  /** The frame answered its first ui:button:add (or can no longer be waited for). */
  settle(frame: PluginFrame): void {
    this.cycle?.settle(frame);
    this.refresh();
  }

  /** A lasting note on the plugin panel for plugin `id` (the console gets it too). */
  warn(id: string, text: string): void {
    console.warn(`[simulator] ${text}`);
    this.warnings.set(id, [...(this.warnings.get(id) ?? []), text]);
    this.refresh();
  }

  /** Replace the lasting notes that start with `prefix` for plugin `id`. */
  unwarn(id: string, prefix: string): void {
    const kept = (this.warnings.get(id) ?? []).filter((w) => !w.startsWith(prefix));
    this.warnings.set(id, kept);
    this.refresh();
  }

  private silent(frame: PluginFrame): void {
    this.notes.set(frame.id, 'loaded but never sent syn');
    this.options.showError(neverSentSynMessage(frame.id, frame.src));
    this.settle(frame);
  }

  private newCycle(): ReadyCycle {
    return new ReadyCycle(this.frames, () => {
      if (this.firstReady) this.options.onFirstReady();
      this.firstReady = false;
    });
  }

  private refresh(): void {
    const notes = new Map<string, string>();
    for (const f of this.frames) {
      const all = [...(this.warnings.get(f.id) ?? []), ...(this.notes.has(f.id) ? [this.notes.get(f.id) as string] : [])];
      if (all.length > 0) notes.set(f.id, all.join(' · '));
    }
    renderPluginList(this.options.panel, this.frames, notes);
  }
}
