import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, ConsoleSpanExporter, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { automaticInstrumentations } from './automatic-instrumentations';
import { tracesExporterOf } from './traces-exporter';

/** A started tracing SDK: call `shutdown` to export what is still buffered. */
export interface Tracing {
  shutdown(): Promise<void>;
}

/**
 * Starts OpenTelemetry for one process, first thing in its entry point, when the environment asks
 * for it ({@link tracesExporterOf}); otherwise registers nothing, so every span the code starts is
 * the API's no-op span and tracing costs nothing. Spans go out in batches (`OTEL_BSP_*`) over
 * OTLP/HTTP (`OTEL_EXPORTER_OTLP_*`); context propagates as W3C `traceparent`. When on, it also
 * registers the {@link automaticInstrumentations} (http, undici, NestJS, Prisma): call it before
 * the process loads `@nestjs/core`, or Nest's spans are missing.
 *
 * @param serviceName - the default `service.name`; `OTEL_SERVICE_NAME` overrides it
 * @returns the running SDK, or `undefined` when tracing is off
 */
export function startTracing(serviceName: string, env: NodeJS.ProcessEnv = process.env): Tracing | undefined {
  const exporter = tracesExporterOf(env);
  if (exporter === 'none') return undefined;
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME || serviceName }),
    spanProcessors: [new BatchSpanProcessor(exporter === 'otlp' ? new OTLPTraceExporter() : new ConsoleSpanExporter())],
  });
  // Registers the AsyncLocalStorage context manager and the W3C trace-context propagator.
  provider.register();
  const unregisterInstrumentations = registerInstrumentations({ tracerProvider: provider, instrumentations: automaticInstrumentations() });
  // A stopping process exports its last spans: the checkout it was in the middle of is the one to see.
  process.once('beforeExit', () => void provider.shutdown());
  return {
    shutdown: async () => {
      unregisterInstrumentations();
      await provider.shutdown();
    },
  };
}
