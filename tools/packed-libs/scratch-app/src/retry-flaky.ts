import { createRetryingClient } from '@safe-checkout/retrying-client';

// POSTs once to the flaky endpoint through the retrying client, with one key for every attempt,
// and prints the answer with the key it sent.
async function main(): Promise<void> {
  const [baseURL, key] = process.argv.slice(2);
  const client = createRetryingClient({ axios: { baseURL, headers: { 'x-user-id': 'packed-user' } }, deadlineMs: 20_000 });
  const response = await client.post('/flaky', { amount: 100 }, { idempotencyKey: key });
  console.log(JSON.stringify({ status: response.status, body: response.data }));
}

void main();
