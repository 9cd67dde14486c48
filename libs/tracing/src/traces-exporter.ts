/** Where spans go: an OTLP endpoint, the console, or nowhere. */
export type TracesExporter = 'otlp' | 'console' | 'none';

/**
 * Reads the standard OpenTelemetry variables and decides where spans go. Unlike the SDK's own
 * default (`otlp` to localhost), nothing is exported unless asked: `OTEL_TRACES_EXPORTER=otlp`
 * or `console`, or an OTLP endpoint (`OTEL_EXPORTER_OTLP_ENDPOINT`,
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`). `OTEL_SDK_DISABLED=true` and `OTEL_TRACES_EXPORTER=none`
 * always win.
 */
export function tracesExporterOf(env: NodeJS.ProcessEnv): TracesExporter {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return 'none';
  const named = (env.OTEL_TRACES_EXPORTER ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
  if (named.includes('none')) return 'none';
  if (named.includes('otlp')) return 'otlp';
  if (named.includes('console')) return 'console';
  return env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ? 'otlp' : 'none';
}
