// For tests: a seeded generator (mulberry32), so a random sequence that fails
// fails again with the same seed. Not for anything that must be unpredictable.

/** Numbers in [0, 1), the same sequence for the same seed. */
export function pseudoRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
