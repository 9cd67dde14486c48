import { applySettingsPatch, type ChaosSettings, type ChaosSettingsPatch } from './chaos-settings';
import { faultForDraw, isFaultableRoute, type FaultDecision } from './fault-decision';
import { FAULT_KINDS, type FaultKind } from './fault-rates';
import { createSeededRandom, type RandomSource } from './seeded-random';

/** How many requests the proxy saw, and what it did to them, since start or the last reset. */
export type ChaosCounts = Record<'requests' | 'eligible' | FaultKind | 'upstream-errors', number>;

/** What the admin endpoint shows: the settings and the counts. */
export interface ChaosSnapshot extends ChaosSettings {
  counts: ChaosCounts;
}

/**
 * The proxy's mutable state: the current settings, the seeded generator, and the counters.
 * Only requests on eligible routes draw from the generator, so the sequence of decisions for
 * them depends on the seed alone (which request gets which still depends on arrival order).
 */
export class ChaosState {
  #settings: ChaosSettings;
  #random: RandomSource;
  #counts: ChaosCounts = zeroCounts();

  constructor(settings: ChaosSettings) {
    this.#settings = settings;
    this.#random = createSeededRandom(settings.seed);
  }

  get settings(): ChaosSettings {
    return this.#settings;
  }

  /** Decides, and counts, what happens to one request. */
  decide(method: string, url: string): FaultDecision {
    this.#counts.requests++;
    if (!isFaultableRoute(this.#settings.routes, method, url)) return 'none';
    this.#counts.eligible++;
    const decision = faultForDraw(this.#settings.rates, this.#random());
    if (decision !== 'none') this.#counts[decision]++;
    return decision;
  }

  /** Counts a request answered 502 because no upstream could be reached or one failed mid-way. */
  countUpstreamError(): void {
    this.#counts['upstream-errors']++;
  }

  /** Applies a checked patch; a new `seed` restarts the sequence of decisions. */
  update(patch: ChaosSettingsPatch): void {
    this.#settings = applySettingsPatch(this.#settings, patch);
    if (patch.seed !== undefined) this.#random = createSeededRandom(this.#settings.seed);
    if (patch.resetCounts) this.#counts = zeroCounts();
  }

  snapshot(): ChaosSnapshot {
    const { rates, routes } = this.#settings;
    return { ...this.#settings, rates: { ...rates }, routes: [...routes], counts: { ...this.#counts } };
  }
}

function zeroCounts(): ChaosCounts {
  const faults = Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as Record<FaultKind, number>;
  return { requests: 0, eligible: 0, ...faults, 'upstream-errors': 0 };
}
