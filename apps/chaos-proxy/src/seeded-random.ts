/** Uniform numbers in [0, 1). */
export type RandomSource = () => number;

/**
 * A seeded pseudo-random generator (mulberry32: 32 bits of state, period 2^32), so that the
 * sequence of fault decisions of a chaos run can be replayed from its seed. Not cryptographic.
 *
 * @example
 * const random = createSeededRandom(42);
 * random(); // the same number for every generator seeded with 42
 */
export function createSeededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}
