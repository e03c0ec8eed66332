// Load generator: changes the meeting at a steady rate (joins, leaves, mute,
// camera, hand, spotlight, admission), keeping the number of invented people
// near where it was when churn started. Changes due are applied once per tick,
// as one batch (one participantsActivities event). Each change costs O(1)
// here; the only O(n) work is what the plugins do with the events.
import type { Roster } from './roster';

/** How often due changes are applied. */
export const CHURN_TICK_MS = 20;

/** mulberry32: a small seeded generator, so a seed gives the same sequence of changes. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface ChurnClock {
  now(): number;
  setInterval(tick: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

const realClock: ChurnClock = {
  now: () => performance.now(),
  setInterval: (tick, ms) => setInterval(tick, ms),
  clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
};

export class Churn {
  /** changes per second; 0 = off */
  private rateValue = 0;
  private random: () => number;
  private target = 0;
  private timer: unknown = null;
  private last = 0;
  /** fractional changes carried from tick to tick */
  private owed = 0;
  /** changes applied since the page loaded */
  applied = 0;

  constructor(
    private readonly roster: Pick<Roster, 'active' | 'inventedCount' | 'batch' | 'invent' | 'remove' | 'update' | 'pickInvented'>,
    private readonly seed = 1,
    private readonly clock: ChurnClock = realClock,
  ) {
    this.random = seededRandom(seed);
  }

  get rate(): number {
    return this.rateValue;
  }

  get running(): boolean {
    return this.timer !== null;
  }

  /** Set the rate; it runs while the user is in the meeting (call `sync` when that changes). */
  setRate(changesPerSecond: number): void {
    if (!Number.isFinite(changesPerSecond) || changesPerSecond < 0) {
      throw new RangeError(`churn rate must be a number of changes per second >= 0, got ${String(changesPerSecond)}`);
    }
    this.rateValue = changesPerSecond;
    this.sync();
  }

  /** Start or stop the timer to match the rate and the meeting. A new run starts from the seed again. */
  sync(): void {
    const want = this.rateValue > 0 && this.roster.active;
    if (want && this.timer === null) {
      this.random = seededRandom(this.seed);
      this.target = this.roster.inventedCount;
      this.owed = 0;
      this.last = this.clock.now();
      this.timer = this.clock.setInterval(() => this.tick(), CHURN_TICK_MS);
    } else if (!want && this.timer !== null) {
      this.clock.clearInterval(this.timer);
      this.timer = null;
    }
  }

  private tick(): void {
    const now = this.clock.now();
    // A throttled tab catches up on at most one second of changes.
    this.owed = Math.min(this.owed + (this.rateValue * (now - this.last)) / 1000, Math.max(1, this.rateValue));
    this.last = now;
    const due = Math.floor(this.owed);
    this.owed -= due;
    if (due > 0) this.step(due);
  }

  /** Apply `count` changes now, as one batch. */
  step(count: number): void {
    if (!this.roster.active) return;
    this.roster.batch(() => {
      for (let i = 0; i < count; i++) this.change();
    });
    this.applied += count;
  }

  private change(): void {
    const n = this.roster.inventedCount;
    const r = this.random();
    const joinP = n === 0 ? 1 : n < this.target ? 0.3 : n > this.target ? 0.05 : 0.15;
    const leaveP = n === 0 ? 0 : n > this.target ? 0.3 : n < this.target ? 0.05 : 0.15;
    if (r < joinP) {
      this.roster.invent({ isWaiting: this.random() < 0.1 });
      return;
    }
    const p = this.roster.pickInvented(this.random);
    if (!p) return;
    if (r < joinP + leaveP) {
      this.roster.remove(p.uuid);
      return;
    }
    if (p.isWaiting) {
      this.roster.update(p.uuid, { isWaiting: false });
      return;
    }
    const u = this.random();
    if (u < 0.4) this.roster.update(p.uuid, { isMuted: !p.isMuted });
    else if (u < 0.65) this.roster.update(p.uuid, { raisedHand: !p.raisedHand });
    else if (u < 0.9) this.roster.update(p.uuid, { isCameraMuted: !p.isCameraMuted });
    else this.roster.update(p.uuid, { isSpotlight: !p.isSpotlight });
  }
}
