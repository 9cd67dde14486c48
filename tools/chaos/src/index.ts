// The public entry point of the chaos tools, for the other tools (the benchmark): the payment
// sandbox as a child process, and the child-process helpers it runs on. The soak itself is a
// program (`npm run chaos`, soak.ts), not part of this API.
export { createPaymentsDatabase, PROVIDER_SECRET_KEY, startPaymentSandbox } from './payment-sandbox';
export type { PaymentsDatabase, PaymentSandbox, PaymentSandboxOptions } from './payment-sandbox';
export { startNode, stopChild, waitUntilOk } from './child-processes';
export type { NodeProcess } from './child-processes';
