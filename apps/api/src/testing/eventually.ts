/**
 * Polls `condition` every `intervalMs` until it holds, or fails naming `what` after `timeoutMs`.
 * For states another process reaches in its own time (a statement stalled, a lease lapsed).
 */
export async function eventually(condition: () => Promise<boolean>, what: string, { timeoutMs = 15_000, intervalMs = 50 } = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}
