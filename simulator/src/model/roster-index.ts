// The people in the meeting by position: the lobby and the room apart, each in
// join order, so the page can draw rows 5,000 to 5,040 of a 10,000-person
// meeting without walking the other 9,960. No DOM.
//
// Everyone gets the next slot when they join, so slot order is join order;
// two Fenwick trees count, per slot, who waits in the lobby and who is in the
// room. A join, a leave, an admission or any other change costs O(log n); the
// k-th person in the lobby or the room is found in O(log n). Renumbering (to
// grow, or to reclaim the slots of people who left once they outnumber the
// living) is O(n), but comes only after as many joins or leaves: O(1) a change
// over time.

/** Positional read access, as an array gives it (arrays satisfy it). */
export interface Positional<T> {
  readonly length: number;
  at(index: number): T | undefined;
}

/** Up to `count` items of `seq` from `start`, in order. */
export function slice<T>(seq: Positional<T>, start: number, count: number): T[] {
  const out: T[] = [];
  const end = Math.min(seq.length, start + count);
  for (let i = Math.max(0, start); i < end; i++) {
    const item = seq.at(i);
    if (item !== undefined) out.push(item);
  }
  return out;
}

/** Counts per slot, with prefix sums and "the slot of the k-th one" in O(log capacity). */
class Fenwick {
  private tree: Int32Array;
  total = 0;

  constructor(readonly capacity: number) {
    this.tree = new Int32Array(capacity + 1);
  }

  add(slot: number, delta: number): void {
    this.total += delta;
    for (let i = slot + 1; i <= this.capacity; i += i & -i) this.tree[i]! += delta;
  }

  /** The slot holding the k-th (0-based) counted one; -1 when there are not that many. */
  find(k: number): number {
    if (k < 0 || k >= this.total) return -1;
    let pos = 0;
    let rest = k + 1;
    for (let step = highestPowerOfTwo(this.capacity); step > 0; step >>= 1) {
      const next = pos + step;
      if (next <= this.capacity && this.tree[next]! < rest) {
        pos = next;
        rest -= this.tree[pos]!;
      }
    }
    // pos is the last tree index whose prefix holds fewer than k + 1: tree index pos + 1, slot pos, holds the k-th.
    return pos;
  }

  /** A tree over `capacity` slots where slot i counts `ones(i)` (0 or 1), built in O(capacity). */
  static of(capacity: number, used: number, ones: (slot: number) => boolean): Fenwick {
    const f = new Fenwick(capacity);
    const t = f.tree;
    for (let slot = 0; slot < used; slot++) {
      if (!ones(slot)) continue;
      t[slot + 1]! += 1;
      f.total++;
    }
    for (let i = 1; i <= capacity; i++) {
      const parent = i + (i & -i);
      if (parent <= capacity) t[parent]! += t[i]!;
    }
    return f;
  }
}

const highestPowerOfTwo = (n: number): number => (n < 1 ? 0 : 2 ** Math.floor(Math.log2(n)));

const MIN_CAPACITY = 64;

const positional = <T>(length: () => number, at: (index: number) => T | undefined): Positional<T> => ({
  get length() {
    return length();
  },
  at,
});

export class RosterIndex<T extends { readonly uuid: string; readonly isWaiting: boolean }> {
  private slots: Array<T | undefined> = [];
  private readonly slotOf = new Map<string, number>();
  private waiting = new Fenwick(MIN_CAPACITY);
  private present = new Fenwick(MIN_CAPACITY);

  /** The people waiting in the lobby, in join order. */
  readonly lobby: Positional<T> = positional(
    () => this.waiting.total,
    (k) => this.slots[this.waiting.find(k)],
  );

  /** The people in the room (not the lobby), in join order. */
  readonly room: Positional<T> = positional(
    () => this.present.total,
    (k) => this.slots[this.present.find(k)],
  );

  get size(): number {
    return this.slotOf.size;
  }

  has(uuid: string): boolean {
    return this.slotOf.has(uuid);
  }

  /** Someone joins, after everyone already there. */
  add(p: T): void {
    if (this.slotOf.has(p.uuid)) throw new Error(`RosterIndex: ${p.uuid} is already in the meeting`);
    if (this.slots.length === this.waiting.capacity) this.rebuild(Math.max(MIN_CAPACITY, 2 * this.size + 1));
    const slot = this.slots.length;
    this.slots.push(p);
    this.slotOf.set(p.uuid, slot);
    this.tree(p).add(slot, 1);
  }

  /** Someone changed (admitted from the lobby, say): same place in join order. */
  replace(p: T): void {
    const slot = this.slotOf.get(p.uuid);
    if (slot === undefined) return;
    const before = this.slots[slot] as T;
    this.slots[slot] = p;
    if (before.isWaiting !== p.isWaiting) {
      this.tree(before).add(slot, -1);
      this.tree(p).add(slot, 1);
    }
  }

  remove(uuid: string): void {
    const slot = this.slotOf.get(uuid);
    if (slot === undefined) return;
    this.tree(this.slots[slot] as T).add(slot, -1);
    this.slots[slot] = undefined;
    this.slotOf.delete(uuid);
    if (this.slots.length - this.size > Math.max(MIN_CAPACITY, this.size)) this.rebuild(Math.max(MIN_CAPACITY, 2 * this.size + 1));
  }

  clear(): void {
    this.slots = [];
    this.slotOf.clear();
    this.waiting = new Fenwick(MIN_CAPACITY);
    this.present = new Fenwick(MIN_CAPACITY);
  }

  private tree(p: T): Fenwick {
    return p.isWaiting ? this.waiting : this.present;
  }

  /** Renumber the living from 0 (join order kept) into trees of `capacity` slots. */
  private rebuild(capacity: number): void {
    const living = this.slots.filter((p): p is T => p !== undefined);
    this.slots = living;
    this.slotOf.clear();
    living.forEach((p, slot) => this.slotOf.set(p.uuid, slot));
    this.waiting = Fenwick.of(capacity, living.length, (slot) => living[slot]!.isWaiting);
    this.present = Fenwick.of(capacity, living.length, (slot) => !living[slot]!.isWaiting);
  }
}
