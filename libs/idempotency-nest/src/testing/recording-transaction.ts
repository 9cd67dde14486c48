/**
 * A fake `runInTransaction` that appends `tx.begin`, then `tx.commit` or `tx.rollback`, to a shared
 * log, so a test can see which store calls and handler work ran inside the unit of work.
 */
export function recordingTransaction(log: string[]): <T>(work: () => Promise<T>) => Promise<T> {
  return async (work) => {
    log.push('tx.begin');
    try {
      const result = await work();
      log.push('tx.commit');
      return result;
    } catch (error) {
      log.push('tx.rollback');
      throw error;
    }
  };
}
