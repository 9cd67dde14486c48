// PostgreSQL's CPU, read from /proc: the postmaster's own and its reaped children's (exited
// backends, autovacuum workers), plus every live child's (backends, WAL writer, checkpointer…).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Sql } from './fold-tables';

// USER_HZ: the unit of /proc/<pid>/stat times (`getconf CLK_TCK`), 100 on Linux.
const TICKS_PER_SECOND = 100;

/** The postmaster's pid, from postmaster.pid in the server's data directory (needs a superuser). */
export async function postmasterPidOf(client: Sql): Promise<number> {
  const { rows } = await client.query<{ data_directory: string }>('SHOW data_directory');
  return Number(readFileSync(path.join(rows[0].data_directory, 'postmaster.pid'), 'utf8').split('\n')[0]);
}

/** CPU ms used so far by the server of `postmasterPid` and all its processes, live or exited. */
export function serverCpuMs(postmasterPid: number): number {
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = statOf(Number(entry));
    if (!stat) continue;
    if (stat.pid === postmasterPid) ticks += stat.utime + stat.stime + stat.cutime + stat.cstime;
    else if (stat.ppid === postmasterPid) ticks += stat.utime + stat.stime;
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

interface Stat {
  pid: number;
  ppid: number;
  utime: number;
  stime: number;
  cutime: number;
  cstime: number;
}

// Fields after the command name (which may hold spaces and parentheses): state is field 3.
function statOf(pid: number): Stat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined; // exited meanwhile
  }
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const at = (field: number) => Number(fields[field - 3]);
  return { pid, ppid: at(4), utime: at(14), stime: at(15), cutime: at(16), cstime: at(17) };
}
