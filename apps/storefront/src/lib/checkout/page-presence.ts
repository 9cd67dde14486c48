const PAGE_LOCK_PREFIX = 'safe-checkout:page:';

/** This page's id, new on every load (a reloaded tab is another page). Not a secret. */
export const THIS_PAGE = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

let announced = false;

/**
 * Holds a Web Lock named after this page while it lives. The browser releases it when the page is
 * closed, reloaded or crashes, so other tabs can tell a request a live page waits for from one
 * whose answer will never be read.
 */
export function announceThisPage(): void {
  if (announced || !webLocks()) return;
  announced = true;
  void webLocks()?.request(PAGE_LOCK_PREFIX + THIS_PAGE, () => new Promise<never>(() => undefined));
}

/**
 * The pages of this shop alive now. Without Web Locks (a plain-HTTP origin other than localhost is
 * not a secure context) only this page is known alive: another live tab's request is then marked
 * cut off here, and its answer, when it comes, still settles the shared record.
 */
export async function livePages(): Promise<ReadonlySet<string>> {
  const locks = webLocks();
  if (!locks) return new Set([THIS_PAGE]);
  const { held = [] } = await locks.query();
  const pages = held.map((lock) => lock.name ?? '').filter((name) => name.startsWith(PAGE_LOCK_PREFIX));
  return new Set([THIS_PAGE, ...pages.map((name) => name.slice(PAGE_LOCK_PREFIX.length))]);
}

function webLocks(): LockManager | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.locks;
}
