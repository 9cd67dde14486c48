import { context, propagation, trace } from '@opentelemetry/api';
import { otlpEndpointConfigured, register } from './instrumentation';

const NODE = { NEXT_RUNTIME: 'nodejs' };
// Nothing listens there: no span of these tests is ended, so none is ever sent.
const ENDPOINT = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9' };

/** Whether a span started now would be recorded, i.e. whether a tracer provider is registered. */
const tracing = () => trace.getTracer('test').startSpan('probe').isRecording();

describe('register(env), the Next.js instrumentation hook', () => {
  afterEach(() => {
    trace.disable();
    context.disable();
    propagation.disable();
  });

  it('registers nothing by default: no tracer provider, no propagator', async () => {
    await register(NODE);
    expect(tracing()).toBe(false);
    expect(propagation.fields()).toEqual([]);
  });

  it('registers nothing on the edge runtime, even with an endpoint', async () => {
    await register({ NEXT_RUNTIME: 'edge', ...ENDPOINT });
    expect(tracing()).toBe(false);
  });

  it('starts tracing on Node.js when an OTLP endpoint is configured, with W3C trace context', async () => {
    await register({ ...NODE, ...ENDPOINT });
    expect(tracing()).toBe(true);
    expect(propagation.fields()).toContain('traceparent');
  });
});

describe('otlpEndpointConfigured(env)', () => {
  it('is true for an endpoint for all signals or for traces only', () => {
    expect(otlpEndpointConfigured(ENDPOINT)).toBe(true);
    expect(otlpEndpointConfigured({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://127.0.0.1:9/v1/traces' })).toBe(true);
  });

  it('is false without one, or when OTEL_SDK_DISABLED=true or OTEL_TRACES_EXPORTER=none says so', () => {
    expect(otlpEndpointConfigured({})).toBe(false);
    expect(otlpEndpointConfigured({ ...ENDPOINT, OTEL_SDK_DISABLED: 'true' })).toBe(false);
    expect(otlpEndpointConfigured({ ...ENDPOINT, OTEL_TRACES_EXPORTER: 'none' })).toBe(false);
  });
});
