import { tracesExporterOf } from './traces-exporter';

describe('tracesExporterOf(env)', () => {
  it('exports nothing when no OTEL_* variable asks for it', () => {
    expect(tracesExporterOf({})).toBe('none');
  });

  it('exports OTLP when an endpoint is configured, for all signals or for traces only', () => {
    expect(tracesExporterOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' })).toBe('otlp');
    expect(tracesExporterOf({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://127.0.0.1:4318/v1/traces' })).toBe('otlp');
  });

  it('follows OTEL_TRACES_EXPORTER, any case, in a list', () => {
    expect(tracesExporterOf({ OTEL_TRACES_EXPORTER: 'otlp' })).toBe('otlp');
    expect(tracesExporterOf({ OTEL_TRACES_EXPORTER: ' Console ' })).toBe('console');
    expect(tracesExporterOf({ OTEL_TRACES_EXPORTER: 'zipkin,otlp' })).toBe('otlp');
  });

  it('lets OTEL_TRACES_EXPORTER=none and OTEL_SDK_DISABLED=true win over an endpoint', () => {
    expect(tracesExporterOf({ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' })).toBe('none');
    expect(tracesExporterOf({ OTEL_SDK_DISABLED: 'true', OTEL_TRACES_EXPORTER: 'otlp' })).toBe('none');
  });
});
