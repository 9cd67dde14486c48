// The bench's entry into the API (`@safe-checkout/api/testing/bench`): built into dist with the
// app, never imported by its entry points (main.ts, chaos-main.ts).
export { BenchModule } from './bench.module';
export { createBenchApiApp } from './create-bench-api-app';
