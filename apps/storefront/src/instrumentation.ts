/**
 * Next.js's instrumentation hook: starts OpenTelemetry for the server's own spans (docs/tracing.md)
 * only when an OTLP endpoint is configured; otherwise every span Next.js starts stays a no-op.
 */
export async function register(env: Record<string, string | undefined> = process.env): Promise<void> {
  // The SDK needs Node.js (AsyncLocalStorage, node:http); the edge runtime gets nothing, and its
  // bundle never sees the SDK: the import below is only reached on Node.js.
  if (env.NEXT_RUNTIME !== 'nodejs' || !otlpEndpointConfigured(env)) return;
  const { startServerTracing } = await import('./instrumentation.node');
  startServerTracing(env);
}

/** An OTLP endpoint is set and neither `OTEL_SDK_DISABLED=true` nor `OTEL_TRACES_EXPORTER=none` says otherwise; unlike the SDK, no default to localhost. */
export function otlpEndpointConfigured(env: Record<string, string | undefined>): boolean {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return false;
  if ((env.OTEL_TRACES_EXPORTER ?? '').split(',').some((name) => name.trim().toLowerCase() === 'none')) return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}
