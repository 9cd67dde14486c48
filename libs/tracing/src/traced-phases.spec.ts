import { finishWith, foreignPhase, localPhase, toRecoveryPoint } from '@safe-checkout/idempotency';
import { tracedPhases } from './traced-phases';
import { recordSpansInMemory, type InMemorySpans } from './testing';

const RESPONSE = { status: 201, headers: {}, body: '{}' };

describe('tracedPhases(phases)', () => {
  let spans: InMemorySpans;
  beforeEach(() => (spans = recordSpansInMemory()));
  afterEach(() => spans.stop());

  it('runs each step in a span that says where it started and where it left the key', async () => {
    const [create, charge] = tracedPhases([
      localPhase('create the order', 'started', async () => toRecoveryPoint('order_created', { orderId: 'o-1' })),
      foreignPhase(
        'charge the order',
        'order_created',
        async () => ({ charged: true }),
        async () => finishWith(RESPONSE),
      ),
    ]);
    if (create.kind !== 'local' || charge.kind !== 'foreign') throw new Error('the phases keep their kind');
    await create.run(undefined);
    await charge.record({ orderId: 'o-1' }, await charge.call({ orderId: 'o-1' }));

    expect(spans.finished().map((span) => [span.name, span.attributes])).toEqual([
      ['phase: create the order', { 'idempotency.phase.from': 'started', 'idempotency.recovery_point': 'order_created' }],
      ['phase: charge the order (call)', { 'idempotency.phase.from': 'order_created' }],
      ['phase: charge the order (record)', { 'idempotency.phase.from': 'order_created', 'idempotency.recovery_point': 'response' }],
    ]);
  });

  it('marks a step that throws as failed and rethrows', async () => {
    const [phase] = tracedPhases([
      localPhase('create the order', 'started', async () => {
        throw new RangeError('out of stock');
      }),
    ]);
    if (phase.kind !== 'local') throw new Error('the phase keeps its kind');
    await expect(phase.run(undefined)).rejects.toThrow('out of stock');
    expect(spans.finished()[0].status).toMatchObject({ code: 2, message: 'RangeError' });
  });
});
