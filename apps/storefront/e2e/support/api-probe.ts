import { randomUUID } from 'node:crypto';
import { apiUrl, paymentProviderUrl } from './stack';

// The tests' own view of the API, straight over HTTP: what the storefront claims is checked
// against what the API actually stored.

export interface ProbeUser {
  id: string;
  token: string;
}

export async function login(email: string, password = 'demo-password'): Promise<ProbeUser> {
  const body = await call<{ accessToken: string; user: { id: string } }>('POST', '/auth/login', undefined, { email, password });
  return { id: body.user.id, token: body.accessToken };
}

/** One page of `GET /orders`: newest first, and the cursor of the next page (`null` on the last). */
interface ProbeOrderPage {
  data: ProbeOrder[];
  nextCursor: string | null;
}

/** How many orders the user has, counted over every page of `GET /orders`. */
export async function orderCount(user: ProbeUser): Promise<number> {
  let count = 0;
  for (let cursor: string | null = ''; cursor !== null;) {
    const page: ProbeOrderPage = await call<ProbeOrderPage>('GET', `/orders?limit=100${cursor ? `&cursor=${cursor}` : ''}`, user);
    count += page.data.length;
    cursor = page.nextCursor;
  }
  return count;
}

/** An order as the API shows it: what the payment specs check. */
export interface ProbeOrder {
  id: string;
  status: 'awaiting_payment' | 'paid' | 'payment_failed';
  payment?: { paymentIntentId: string; amount: number; currency: string };
  /** The API's own attempts at the payment provider: each run's result and attempts. */
  chargeAttempts?: { idempotencyKey: string; runs: { result: string; attempts: { attempt: number; verdict: string; replayed?: boolean }[] }[] };
  totalCents: number;
}

/** The user's newest order (the API lists them newest first). */
export async function newestOrder(user: ProbeUser): Promise<ProbeOrder> {
  const [newest] = (await call<ProbeOrderPage>('GET', '/orders?limit=1', user)).data;
  if (!newest) throw new Error('the user has no orders');
  return newest;
}

// The sandbox's secret key when the environment sets none (apps/payment-sandbox, docs/payments.md).
const SANDBOX_SECRET_KEY = process.env.PAYMENT_PROVIDER_SECRET_KEY ?? 'sk_test_safe_checkout_sandbox';

/** The PaymentIntents the payment sandbox holds for an order (its search by `metadata['order_id']`): the charges made for it. */
export async function paymentIntentsOf(orderId: string): Promise<{ id: string; status: string; amount: number }[]> {
  const query = encodeURIComponent(`metadata['order_id']:'${orderId}'`);
  const response = await fetch(`${paymentProviderUrl()}/v1/payment_intents/search?query=${query}`, {
    headers: { Authorization: `Bearer ${SANDBOX_SECRET_KEY}` },
  });
  if (!response.ok) throw new Error(`payment intents of ${orderId}: HTTP ${response.status} ${await response.text()}`);
  return ((await response.json()) as { data: { id: string; status: string; amount: number }[] }).data;
}

/** One of the user's orders, by id (`GET /orders/:id`). */
export async function orderOf(user: ProbeUser, orderId: string): Promise<ProbeOrder> {
  return call<ProbeOrder>('GET', `/orders/${orderId}`, user);
}

export async function stockOf(productName: string): Promise<number> {
  const products = await call<{ name: string; stock: number }[]>('GET', '/products');
  const product = products.find((p) => p.name === productName);
  if (!product) throw new Error(`no product named ${productName}`);
  return product.stock;
}

export interface ProbeProfile {
  name: string;
  email: string;
  shippingAddress: { line1: string; line2?: string; city: string; postalCode: string; country: string };
  updatedAt?: string;
}

export async function profileOf(user: ProbeUser): Promise<{ profile: ProbeProfile; etag: string }> {
  const response = await fetch(`${apiUrl()}/users/${user.id}`, { headers: { Authorization: `Bearer ${user.token}` } });
  if (!response.ok) throw new Error(`GET /users/${user.id}: HTTP ${response.status}`);
  return { profile: (await response.json()) as ProbeProfile, etag: response.headers.get('etag') ?? '' };
}

/** `PUT /users/:id` without `If-Match`: puts a profile back as a test found it. */
export async function restoreProfile(user: ProbeUser, { name, email, shippingAddress }: ProbeProfile): Promise<void> {
  await call('PUT', `/users/${user.id}`, user, { name, email, shippingAddress });
}

/** `POST /orders` straight to the API, paid with the sandbox's Visa: an order made without the storefront. */
export async function placeOrderDirectly(user: ProbeUser, productName: string): Promise<ProbeOrder> {
  const product = (await call<{ id: string; name: string }[]>('GET', '/products')).find((p) => p.name === productName);
  if (!product) throw new Error(`no product named ${productName}`);
  return call<ProbeOrder>(
    'POST',
    '/orders',
    user,
    { items: [{ productId: product.id, quantity: 1 }], paymentMethod: 'pm_card_visa' },
    { 'Idempotency-Key': randomUUID() },
  );
}

async function call<T>(method: string, path: string, user?: ProbeUser, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const response = await fetch(`${apiUrl()}${path}`, {
    method,
    headers: { ...(user ? { Authorization: `Bearer ${user.token}` } : {}), ...(body ? { 'Content-Type': 'application/json' } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}
