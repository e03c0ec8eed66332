// For host-bridge's unit tests (not part of the package: tsconfig leaves src/testing out of dist).
import { ACTION_PREFIX } from '../contract/internal.js';

/** Enough of a Window for the bridge: identity, parent, frames, postMessage. */
export class FakeWindow {
  readonly posted: { data: Record<string, unknown>; origin: string }[] = [];
  frames: FakeWindow[] & { length: number } = [];
  readonly parent: FakeWindow;
  /** A removed frame's window reads closed. */
  closed = false;
  constructor(parent?: FakeWindow) {
    this.parent = parent ?? this;
    parent?.frames.push(this);
  }
  postMessage(data: Record<string, unknown>, origin: string): void {
    this.posted.push({ data: structuredClone(data), origin });
  }
  actions(): string[] {
    return this.posted.map((p) => String(p.data.action).slice(ACTION_PREFIX.length));
  }
}
