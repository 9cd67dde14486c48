/**
 * The Next.js instrumentation hook: called once when a storefront server starts, before it serves.
 * It starts OpenTelemetry for the server side (Next.js' own spans of every page render and server
 * `fetch`, exported over OTLP/HTTP) only when an OTLP endpoint is configured with the standard
 * variables, as the API and the payment sandbox do (docs/tracing.md); otherwise it registers
 * nothing, so every span Next.js starts stays a no-op.
 */
export async function register(env: Record<string, string | undefined> = process.env): Promise<void> {
  // The SDK needs Node.js (AsyncLocalStorage, node:http); the edge runtime gets nothing, and its
  // bundle never sees the SDK: the import below is only reached on Node.js.
  if (env.NEXT_RUNTIME !== 'nodejs' || !otlpEndpointConfigured(env)) return;
  const { startServerTracing } = await import('./instrumentation.node');
  startServerTracing(env);
}

/**
 * Whether spans should go out: an OTLP endpoint is set (`OTEL_EXPORTER_OTLP_ENDPOINT` or
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`), and neither `OTEL_SDK_DISABLED=true` nor
 * `OTEL_TRACES_EXPORTER=none` says otherwise. Unlike the SDK's own default (OTLP to localhost),
 * nothing is exported when none is set.
 */
export function otlpEndpointConfigured(env: Record<string, string | undefined>): boolean {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return false;
  if ((env.OTEL_TRACES_EXPORTER ?? '').split(',').some((name) => name.trim().toLowerCase() === 'none')) return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}
