export { recordSpansInMemory } from './in-memory-spans';
export type { InMemorySpans } from './in-memory-spans';
export { startOtlpSink } from './otlp-sink';
export type { ExportedSpan, OtlpSink } from './otlp-sink';
export type { ReadableSpan } from '@opentelemetry/sdk-trace-node';
