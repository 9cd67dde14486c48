/** A Stripe-style form body: nested objects become `name[key]=value`, as Stripe's clients send them. */
export type FormParams = { [name: string]: string | number | boolean | FormParams };

/** Encodes `params` as `application/x-www-form-urlencoded`, brackets for nesting. */
export function toForm(params: FormParams, prefix = ''): string {
  return Object.entries(params)
    .map(([name, value]) => {
      const key = prefix ? `${prefix}[${name}]` : name;
      return typeof value === 'object' ? toForm(value, key) : `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`;
    })
    .filter(Boolean)
    .join('&');
}

/** What a test looks at in an answer: status, headers, the exact body and its JSON. */
export interface SandboxResponse {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read Stripe objects field by field
  body: any;
}

/** Options of one request: the secret key (or `null` for none) or a whole `Authorization` header. */
export interface SandboxRequestOptions {
  secretKey?: string | null;
  authorization?: string;
  idempotencyKey?: string;
  contentType?: string;
}

/** What {@link sandboxHttp} returns. */
export type SandboxHttp = ReturnType<typeof sandboxHttp>;

/** A client for one sandbox, speaking HTTP as a Stripe client would. */
export function sandboxHttp(url: string, defaultSecretKey: string) {
  async function send(method: string, path: string, body: string | undefined, options: SandboxRequestOptions): Promise<SandboxResponse> {
    const headers: Record<string, string> = {};
    const secretKey = options.secretKey === undefined ? defaultSecretKey : options.secretKey;
    if (options.authorization !== undefined) headers.Authorization = options.authorization;
    else if (secretKey !== null) headers.Authorization = `Bearer ${secretKey}`;
    if (options.idempotencyKey !== undefined) headers['Idempotency-Key'] = options.idempotencyKey;
    if (body !== undefined) headers['Content-Type'] = options.contentType ?? 'application/x-www-form-urlencoded';
    const response = await fetch(`${url}${path}`, { method, headers, body });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, body: json };
  }
  return {
    /** POST with a form body (an object is encoded with {@link toForm}, a string sent as it is). */
    post: (path: string, params: FormParams | string, options: SandboxRequestOptions = {}) =>
      send('POST', path, typeof params === 'string' ? params : toForm(params), options),
    get: (path: string, options: SandboxRequestOptions = {}) => send('GET', path, undefined, options),
    send,
  };
}

/** The form parameters of a charge as the shop sends them. */
export type Charge = {
  amount: number;
  currency: string;
  payment_method: string;
  confirm: true;
  metadata: { order_id: string; user_id: string };
};

/** A charge as the shop makes it: 12.34 EUR with pm_card_visa for a fresh order id. */
export function aCharge(overrides: Partial<{ amount: number; currency: string; payment_method: string; orderId: string }> = {}): Charge {
  return {
    amount: overrides.amount ?? 1234,
    currency: overrides.currency ?? 'eur',
    payment_method: overrides.payment_method ?? 'pm_card_visa',
    confirm: true,
    metadata: { order_id: overrides.orderId ?? crypto.randomUUID(), user_id: 'user-1' },
  };
}
