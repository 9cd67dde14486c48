// The few plain HTTP calls the capacity bench makes outside its loads: logging in, as a real client
// would, waiting out a 429's Retry-After (the login limits must not stop the bench's own set-up).

/** A logged-in user: the token its requests carry. */
export interface CapacityUser {
  id: string;
  email: string;
  accessToken: string;
}

/** How long one login may keep waiting out 429s before the bench gives up. */
const LOGIN_BUDGET_MS = 120_000;
/** When a 429 names no Retry-After. */
const DEFAULT_RETRY_AFTER_SECONDS = 1;

/** `POST /auth/login` until 200, honouring 429's Retry-After for at most 2 minutes. */
export async function logIn(url: string, email: string, password: string): Promise<CapacityUser> {
  const deadline = Date.now() + LOGIN_BUDGET_MS;
  for (;;) {
    const response = await fetch(`${url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (response.status === 200) {
      const { accessToken, user } = (await response.json()) as { accessToken: string; user: { id: string } };
      return { id: user.id, email, accessToken };
    }
    const text = await response.text();
    const waitMs = retryAfterMs(response.headers.get('retry-after'));
    if (response.status !== 429 || Date.now() + waitMs > deadline) throw new Error(`login of ${email}: ${response.status} ${text.slice(0, 300)}`);
    await new Promise((resolve) => setTimeout(resolve, waitMs));
  }
}

/** Retry-After in ms: delay-seconds or an HTTP date; 1 s when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number {
  if (header === null) return DEFAULT_RETRY_AFTER_SECONDS * 1000;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? DEFAULT_RETRY_AFTER_SECONDS * 1000 : Math.max(0, date - now);
}
