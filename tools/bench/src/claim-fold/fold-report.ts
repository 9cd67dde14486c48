// The claim-fold bench's report: per design, the median round's cost per checkout, against today's
// design (A) and against no key at all (floor), so that each fold's saving reads as a share of
// what the layer costs today.
import { median, table } from '../report-format';
import type { RoundSample } from './fold-rounds';
import type { DesignName } from './fold-tables';

export interface FoldRun {
  fresh: RoundSample[];
  replay: RoundSample[];
  /** Updates of each design's key table, and how many were HOT. */
  updates: Map<DesignName, { updates: number; hot: number }>;
  rounds: number;
  checkoutsPerRound: number;
  clients: number;
  /** The server's version and durability settings. */
  server: string;
  loadBefore: number[];
  loadAfter: number[];
}

/** Medians over a design's rounds, per checkout (ms of CPU, WAL bytes) and per second. */
export interface DesignCost {
  perSecond: number;
  clientCpuMs: number;
  serverCpuMs: number;
  walBytes: number;
}

/** The median cost of each design's rounds in `samples`. */
export function costsOf(samples: RoundSample[]): Map<DesignName, DesignCost> {
  const designs = [...new Set(samples.map((sample) => sample.design))];
  return new Map(
    designs.map((design) => {
      const rounds = samples.filter((sample) => sample.design === design);
      const per = (value: (sample: RoundSample) => number) => median(rounds.map((sample) => value(sample) / sample.checkouts));
      return [
        design,
        {
          perSecond: median(rounds.map((sample) => sample.checkouts / (sample.wallMs / 1000))),
          clientCpuMs: per((sample) => sample.clientCpuMs),
          serverCpuMs: per((sample) => sample.serverCpuMs),
          walBytes: per((sample) => sample.walBytes),
        },
      ];
    }),
  );
}

export function reportFold(run: FoldRun): string {
  const fresh = costsOf(run.fresh);
  const replay = costsOf(run.replay);
  const a = fresh.get('A')!;
  const floor = fresh.get('floor')!;
  const total = (cost: DesignCost) => cost.clientCpuMs + cost.serverCpuMs;
  const layerOfA = total(a) - total(floor);
  const freshRows = [...fresh].map(([design, cost]) => {
    const layer = total(cost) - total(floor);
    const updates = run.updates.get(design)!;
    return [
      design,
      cost.perSecond.toFixed(0),
      ratio(cost.perSecond, a.perSecond),
      cost.clientCpuMs.toFixed(3),
      ratio(cost.clientCpuMs, a.clientCpuMs),
      cost.serverCpuMs.toFixed(3),
      ratio(cost.serverCpuMs, a.serverCpuMs),
      cost.walBytes.toFixed(0),
      layer.toFixed(3),
      design === 'floor' ? '' : `${(((layerOfA - layer) / layerOfA) * 100).toFixed(0)} %`,
      updates.updates ? `${updates.hot}/${updates.updates}` : '',
    ];
  });
  const replayRows = [...replay].map(([design, cost]) => {
    const ofA = replay.get('A')!;
    return [
      design,
      cost.perSecond.toFixed(0),
      ratio(cost.perSecond, ofA.perSecond),
      cost.clientCpuMs.toFixed(3),
      cost.serverCpuMs.toFixed(3),
      ratio(total(cost), total(ofA)),
      cost.walBytes.toFixed(0),
      '',
    ];
  });
  const load = (values: number[]) => values.map((value) => value.toFixed(2)).join(' ');
  return [
    `claim fold: ${run.rounds} interleaved rounds of ${run.checkoutsPerRound} per design, ${run.clients} clients; medians of rounds, per checkout`,
    run.server,
    `load average before ${load(run.loadBefore)}, after ${load(run.loadAfter)}`,
    '',
    "fresh keys (layer = client + server CPU above the floor; saved = share of A's layer cost)",
    table(['design', '/s', 'vs A', 'client ms', 'vs A', 'pg ms', 'vs A', 'WAL B', 'layer ms', 'saved', 'HOT upd'], freshRows),
    '',
    'replays (an existing completed key)',
    table(['design', '/s', 'vs A', 'client ms', 'pg ms', 'CPU vs A', 'WAL B', ''], replayRows),
    '',
    `claim_fold ${JSON.stringify({ fresh: Object.fromEntries(fresh), replay: Object.fromEntries(replay), load: run.loadAfter })}`,
  ].join('\n');
}

function ratio(value: number, of: number): string {
  return `${(value / of).toFixed(2)}×`;
}
