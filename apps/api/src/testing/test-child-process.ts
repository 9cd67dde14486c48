import { ChildProcess, spawn, SpawnOptions } from 'node:child_process';

/**
 * Preloaded into every process a test starts: it exits when the test process that started it is
 * gone. A Jest worker that dies without its teardown (a Nest bootstrap failure calls process.exit)
 * otherwise leaves it running, holding its port and database connections (seen on this machine).
 */
const EXIT_WITH_PARENT = '--import=data:text/javascript,const parent=process.ppid;setInterval(()=>{if(process.ppid!==parent)process.exit(0)},500).unref()';

/**
 * Starts `node <script>` for a test, with its stderr piped (the caller keeps its tail for error
 * messages). The child and its pipe do not keep the test process alive: a child a failed test
 * forgot to stop cannot hold Jest open after the run (a CI run once hung that way until its
 * timeout); it exits with the test process instead.
 */
export function spawnTestProcess(script: string, options: Omit<SpawnOptions, 'stdio'>): ChildProcess {
  const child = spawn(process.execPath, [EXIT_WITH_PARENT, script], { ...options, stdio: ['ignore', 'ignore', 'pipe'] });
  child.unref();
  (child.stderr as (NodeJS.ReadableStream & { unref?: () => void }) | null)?.unref?.();
  return child;
}
