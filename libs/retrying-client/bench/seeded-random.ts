import type { RandomSource } from '../src';

/**
 * A small seeded PRNG (mulberry32), so that every run of the simulations prints the same numbers.
 * Returns uniform numbers in [0, 1), like `Math.random`.
 */
export function seededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A network delay drawn from |N(meanMs, sdMs)| (Box–Muller), the model of Brooker's simulator. */
export function normalDelay(random: RandomSource, meanMs: number, sdMs: number): number {
  const u = 1 - random();
  const v = random();
  return Math.abs(meanMs + sdMs * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
}

/**
 * Runs `fn` with `Math.random` replaced by `random`, to make a third-party function that draws
 * from `Math.random` (axios-retry's `exponentialDelay`) reproducible. Simulation only.
 */
export function withMathRandom<T>(random: RandomSource, fn: () => T): T {
  const original = Math.random;
  Math.random = random;
  try {
    return fn();
  } finally {
    Math.random = original;
  }
}
