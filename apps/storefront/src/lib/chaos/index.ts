// The storefront's door to the chaos proxy's admin endpoint (demo mode only): the wire format
// stays in this folder; the rest of the app sees the types below and ApiError.
export { ChaosAdmin } from './chaos-admin';
export { MAX_LATENCY_MS } from './chaos-wire';
export { NETWORK_FAULTS } from './types';
export type { ChaosChange, ChaosStatus, NetworkFault } from './types';
