import { SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { AtomicPhase, PhaseOutcome } from '@safe-checkout/idempotency';
import { SPAN_ATTRIBUTES as A } from './span-attributes';
import { TRACER_NAME } from './tracer-name';

/**
 * The same phases, each step in a span of its own: a local phase's transaction as one span, a
 * foreign phase's call (the other system: a charge) and its record as two. Every span says the
 * recovery point it started from and, when it committed, where it left the key (the next recovery
 * point, or `response`). A resumed operation shows as spans starting past `started`.
 */
export function tracedPhases(phases: readonly AtomicPhase[]): readonly AtomicPhase[] {
  return phases.map((phase) =>
    phase.kind === 'local'
      ? { ...phase, run: (state) => inPhaseSpan(`phase: ${phase.name}`, phase.from, () => phase.run(state)) }
      : {
          ...phase,
          call: (state) => inPhaseSpan(`phase: ${phase.name} (call)`, phase.from, () => phase.call(state)),
          record: (state, answer) => inPhaseSpan(`phase: ${phase.name} (record)`, phase.from, () => phase.record(state, answer)),
        },
  );
}

function inPhaseSpan<T>(name: string, from: string, work: () => Promise<T>): Promise<T> {
  return trace.getTracer(TRACER_NAME).startActiveSpan(name, { attributes: { [A.phaseFrom]: from } }, async (span) => {
    try {
      const result = await work();
      if (isPhaseOutcome(result)) span.setAttribute(A.recoveryPoint, result.kind === 'response' ? 'response' : result.recoveryPoint);
      return result;
    } catch (error) {
      failed(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

function isPhaseOutcome(value: unknown): value is PhaseOutcome {
  return typeof value === 'object' && value !== null && 'kind' in value && (value.kind === 'response' || value.kind === 'recovery-point');
}

function failed(span: Span, error: unknown): void {
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
}
