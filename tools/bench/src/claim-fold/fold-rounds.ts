// One measured round: `keys.length` checkouts of one design by concurrent clients, with what the
// round cost the bench process, PostgreSQL and its WAL.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Pool } from 'pg';
import { CHECKOUTS, type CheckoutEnd, type CheckoutKey } from './fold-designs';
import type { DesignName } from './fold-tables';
import { serverCpuMs } from './server-cpu';

export interface RoundSample {
  design: DesignName;
  checkouts: number;
  wallMs: number;
  clientCpuMs: number;
  serverCpuMs: number;
  walBytes: number;
}

const FINGERPRINT = 'f'.repeat(64);

/** `count` keys never seen, in one scope per design. */
export function freshKeys(design: DesignName, count: number): CheckoutKey[] {
  return Array.from({ length: count }, () => ({ scope: `fold-${design}`, key: randomUUID(), fingerprint: FINGERPRINT }));
}

/**
 * Runs every key's checkout on `clients` concurrent clients, each taking the next key when done,
 * and fails unless each ended as `expected`. No CHECKPOINT per round: with data checksums on
 * (PostgreSQL 18's default), even a read right after one writes full pages for its hint bits,
 * which would weigh on small rounds far more than in steady state.
 */
export async function runRound(
  pool: Pool,
  design: DesignName,
  keys: CheckoutKey[],
  expected: CheckoutEnd,
  clients: number,
  postmasterPid: number,
): Promise<RoundSample> {
  const walBefore = await walInsertPosition(pool);
  const serverBefore = serverCpuMs(postmasterPid);
  const clientBefore = process.cpuUsage();
  const started = performance.now();
  let next = 0;
  const client = async (): Promise<void> => {
    while (next < keys.length) {
      const key = keys[next++];
      const end = await CHECKOUTS[design](pool, key);
      if (end !== expected) throw new Error(`design ${design}: a checkout expected to be ${expected} was ${end}`);
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  const wallMs = performance.now() - started;
  const clientCpu = process.cpuUsage(clientBefore);
  const serverCpu = serverCpuMs(postmasterPid) - serverBefore;
  const walBytes = Number((await pool.query<{ bytes: string }>('SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), $1) AS bytes', [walBefore])).rows[0].bytes);
  return { design, checkouts: keys.length, wallMs, clientCpuMs: (clientCpu.user + clientCpu.system) / 1000, serverCpuMs: serverCpu, walBytes };
}

async function walInsertPosition(pool: Pool): Promise<string> {
  return (await pool.query<{ lsn: string }>('SELECT pg_current_wal_insert_lsn() AS lsn')).rows[0].lsn;
}
