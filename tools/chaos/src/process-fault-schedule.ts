// When the soak's process faults happen: at shares of the settled checkouts, mid-load, one at a time.
import type { ChaosPatch } from './chaos-admin-wire';
import { killReplicaMidCharge, type MidChargeKill } from './mid-charge-kill';
import { restartDatabase, type DatabaseRestart, type Probe } from './database-restart';
import { killAndRestartReplica, restartPaymentSandbox, type ReplicaKill, type SandboxRestart } from './process-faults';
import type { SoakCluster } from './soak-cluster';

// A replica takes seconds to start on a busy machine, and the next fault waits for it: early enough
// that the last one still lands mid-load.
const REPLICA_KILL_AT = 0.15;
const MID_CHARGE_KILL_AT = 0.35;
const SANDBOX_RESTART_AT = 0.55;
const DATABASE_RESTART_AT = 0.75;

/** Settled checkouts, and promises that resolve when a count is reached. */
export interface Progress {
  done: number;
  /** Counts one more settled checkout. */
  settle: () => void;
  /** Resolves once `count` checkouts have settled. */
  reach: (count: number) => Promise<void>;
}

/** A process fault, and how many checkouts had settled when it started. */
export type Scheduled<T> = { atCheckouts: number } & T;

/** Every process fault of a soak. */
export interface ProcessFaults {
  replicaKill: Scheduled<ReplicaKill>;
  midChargeKill: Scheduled<MidChargeKill>;
  sandboxRestart: Scheduled<SandboxRestart>;
  databaseRestart: Scheduled<DatabaseRestart>;
}

/** What a soak run with `--no-process-faults` reports instead. */
export type NoProcessFaults = { [K in keyof ProcessFaults]?: undefined };

/** No checkout settled yet. */
export function createProgress(): Progress {
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const progress: Progress = {
    done: 0,
    settle: () => {
      progress.done++;
      for (const waiter of waiters.filter((w) => progress.done >= w.count)) waiter.resolve();
    },
    reach: (count) => new Promise<void>((resolve) => (progress.done >= count ? resolve() : waiters.push({ count, resolve }))),
  };
  return progress;
}

/**
 * Runs the process faults one after the other, each once `progress` reaches its share of `total`:
 * a replica killed at a random moment, the other one killed mid-charge, the payment sandbox and the
 * database restarted. Each waits for the one before to be over (a replica healthy again).
 */
export async function runProcessFaults({
  cluster,
  probe,
  progress,
  total,
  providerSettings,
  log,
}: {
  cluster: SoakCluster;
  probe: Probe;
  progress: Progress;
  total: number;
  providerSettings: ChaosPatch;
  log: (message: string) => void;
}): Promise<ProcessFaults> {
  const when = async <T>(share: number, what: string, fault: () => Promise<T>): Promise<Scheduled<T>> => {
    await progress.reach(Math.round(total * share));
    log(what);
    return { atCheckouts: progress.done, ...(await fault()) };
  };
  const [first, second] = cluster.replicas;
  const replicaKill = await when(REPLICA_KILL_AT, `SIGKILL ${first.name} and restart it`, () => killAndRestartReplica(first));
  const midChargeKill = await when(MID_CHARGE_KILL_AT, `hold the charges on the provider hop and SIGKILL ${second.name} meanwhile`, () =>
    killReplicaMidCharge({
      replica: second,
      providerProxyUrl: cluster.providerProxyUrl,
      providerSettings,
      databaseUrl: cluster.database.url,
      paymentsUrl: cluster.database.paymentsUrl,
    }),
  );
  const sandboxRestart = await when(SANDBOX_RESTART_AT, 'SIGKILL the payment sandbox and restart it', () => restartPaymentSandbox(cluster.paymentSandbox));
  const databaseRestart = await when(DATABASE_RESTART_AT, 'restart the database', () =>
    restartDatabase(cluster.database, cluster.replicas, cluster.paymentSandbox, probe),
  );
  return { replicaKill, midChargeKill, sandboxRestart, databaseRestart };
}
