import { describe, expect, it } from 'vitest';
import { createPositionIndex } from './position-index';
import { pseudoRandom } from './pseudo-random';

describe('PositionIndex', () => {
  it('holds what a sorted list would, through random adds, replacements and deletes', () => {
    const random = pseudoRandom(7);
    const index = createPositionIndex<string>();
    const reference = new Map<number, string>();
    for (let step = 0; step < 5_000; step++) {
      const position = Math.floor(random() * 300);
      if (random() < 0.6) {
        index.set(position, `v${step}`);
        reference.set(position, `v${step}`);
      } else {
        expect(index.delete(position)).toBe(reference.delete(position));
      }
      if (step % 500 === 0) {
        index.clear();
        reference.clear();
      }
      expect(index.size).toBe(reference.size);
      if (step % 10 === 0) expect([...index.values()]).toEqual([...reference].sort(([a], [b]) => a - b).map(([, v]) => v));
    }
  });

  it('reads the first values without visiting the rest', () => {
    const index = createPositionIndex<number>();
    for (let p = 0; p < 1_000; p++) index.set(p, p);
    const first: number[] = [];
    for (const value of index.values()) {
      first.push(value);
      if (first.length === 3) break;
    }
    expect(first).toEqual([0, 1, 2]);
  });

  it('stays balanced when positions come in increasing order, as joins do', () => {
    const index = createPositionIndex<number>();
    const n = 100_000;
    for (let p = 0; p < n; p++) index.set(p, p);
    // A list-shaped tree would be 100,000 high; a treap's expected height is about 3·log2(n) ≈ 50.
    expect(index.height()).toBeLessThan(4 * Math.log2(n));
    for (let p = 0; p < n; p += 2) index.delete(p);
    expect(index.size).toBe(n / 2);
    expect(index.height()).toBeLessThan(4 * Math.log2(n));
  });
});
