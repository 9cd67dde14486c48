import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

/**
 * Registers a tracer provider for the storefront's server: spans in batches (`OTEL_BSP_*`) over
 * OTLP/HTTP (`OTEL_EXPORTER_OTLP_*`), W3C trace context. The same SDK and settings as the API's
 * (libs/tracing's startTracing, which this app may not import: it is a server library, and the
 * storefront's image builds only browser-safe ones).
 *
 * @returns the provider, to shut down (export what is buffered)
 */
export function startServerTracing(env: Record<string, string | undefined> = process.env): NodeTracerProvider {
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME || 'safe-checkout-storefront' }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  provider.register();
  return provider;
}
