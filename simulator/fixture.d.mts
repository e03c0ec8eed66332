import type { Frame, Page } from 'playwright-core';
import type { SimApi } from '@external-chat/webapp3-simulator/hooks';

/**
 * `window.__sim` seen from the test: each hook runs in the simulator's frame and resolves with what it returned
 * (values that survive `frame.evaluate`). `onRpc` takes a listener, which cannot cross: use `frame.evaluate`.
 */
export type SimHooks = {
  [K in Exclude<keyof SimApi, 'onRpc'>]: SimApi[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : () => Promise<Awaited<SimApi[K]>>;
};

export interface Simulator {
  page: Page;
  /** The simulator's document: `frame.evaluate(() => window.__sim!.…)` reaches what the hooks cannot (listeners, DOM). */
  frame: Frame;
  hooks: SimHooks;
  /** The frame of the plugin the manifest names `id`. */
  pluginFrame(id: string): Promise<Frame>;
}

export interface AttachOptions {
  /** The simulator's page, e.g. a SimulatorServer's `url` (`http://127.0.0.1:5181/webapp3/`). */
  url: string;
  /** Wait for every plugin of the manifest to settle (`__sim.ready`); default true. */
  ready?: boolean;
  /** Default 10 000. */
  timeoutMs?: number;
}

/** An integrator's test: finds the simulator inside `page` (your portal frames it at `url`). */
export function attachSimulator(page: Page, options: AttachOptions): Promise<Simulator>;

/** A plugin author's test: opens the simulator at `url` with the query `params` (README: `manifest`, `participants`, `role`, …). */
export function openSimulator(page: Page, options: AttachOptions & { params?: Record<string, string | number> }): Promise<Simulator>;
