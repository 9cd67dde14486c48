// CPU time of the processes a scenario ran on, from /proc (Linux only): each process's own time,
// which a machine shared with other work moves far less than it moves wall-clock figures.
import { readdirSync, readFileSync } from 'node:fs';

const CLOCK_TICKS_PER_SECOND = 100;

/**
 * User + system CPU of process `pid` so far, in ms (/proc/<pid>/stat fields 14 and 15); with
 * `withReapedChildren`, plus that of the children it has waited for (fields 16 and 17). 0 once the
 * process is gone.
 */
export function cpuMs(pid: number, withReapedChildren = false): number {
  const fields = statFields(pid);
  if (!fields) return 0;
  const ticks = Number(fields[11]) + Number(fields[12]) + (withReapedChildren ? Number(fields[13]) + Number(fields[14]) : 0);
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** The parent of process `pid` (/proc/<pid>/stat field 4), or undefined once it is gone. */
export function parentPid(pid: number): number | undefined {
  const fields = statFields(pid);
  return fields ? Number(fields[1]) : undefined;
}

/**
 * CPU of a PostgreSQL server so far, in ms: its postmaster, the backends it has reaped, and the
 * backends alive now (a connection's backend is a child process of the postmaster).
 */
export function postgresServerCpuMs(postmasterPid: number): number {
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${postmasterPid}/task/${postmasterPid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    // The server is gone: its time is no longer readable.
  }
  return cpuMs(postmasterPid, true) + children.reduce((sum, pid) => sum + cpuMs(pid), 0);
}

/** The process whose environment has `name=value` (e.g. a child started with its own port), if any. */
export function pidWithEnvironment(name: string, value: string): number | undefined {
  const wanted = `${name}=${value}`;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0').includes(wanted)) return Number(entry);
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return undefined;
}

function statFields(pid: number): string[] | undefined {
  try {
    // The command name (field 2) may hold spaces: split after its closing parenthesis.
    return readFileSync(`/proc/${pid}/stat`, 'utf8')
      .replace(/^.*\) /, '')
      .split(' ');
  } catch {
    return undefined;
  }
}
