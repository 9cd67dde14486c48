import { context, propagation, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-node';

/** Spans recorded in this process, for tests. */
export interface InMemorySpans {
  /** The spans ended so far, in the order they ended. */
  finished(): ReadableSpan[];
  /** Unregisters the provider, so the next test starts without tracing. */
  stop(): Promise<void>;
}

/**
 * Registers a tracer provider that keeps every ended span in memory (with the AsyncLocalStorage
 * context manager and the W3C propagator, as in a traced process).
 */
export function recordSpansInMemory(): InMemorySpans {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  provider.register();
  return {
    finished: () => exporter.getFinishedSpans(),
    async stop() {
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}
