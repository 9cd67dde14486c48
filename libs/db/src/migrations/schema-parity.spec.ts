import { randomUUID } from 'node:crypto';
import { testDatabaseUrl } from '../testing/test-database-url';
import { createPrismaClient } from '../prisma-client.factory';
import { Prisma, PrismaClient } from '../generated/prisma/client';

// The migrations are hand-written SQL; schema.prisma is what the client is generated from.
// Writing and reading every field of every model through the client against the migrated
// database proves the two describe the same tables, columns, types and constraints.
describe('prisma/migrations against schema.prisma', () => {
  let prisma: PrismaClient;
  beforeAll(() => {
    prisma = createPrismaClient({ databaseUrl: testDatabaseUrl(), poolSize: 2 });
  });
  afterAll(() => prisma.$disconnect());

  it('covers every model of the schema in this test', () => {
    expect(Object.values(Prisma.ModelName).sort()).toEqual([
      'AdmissionCounter',
      'Event',
      'IdempotencyKey',
      'IdempotencyKeyPurgeTurn',
      'Order',
      'OrderLine',
      'PaymentIntent',
      'PaymentWebhookEvent',
      'Product',
      'Receipt',
      'User',
      'WebhookDelivery',
      'WebhookEndpoint',
    ]);
  });

  it('round-trips every field of users, products, orders and order lines', async () => {
    const suffix = randomUUID();
    const user = await prisma.user.create({
      data: {
        email: `parity-${suffix}@example.com`,
        name: 'Parity',
        passwordHash: 'x',
        addressLine1: 'l1',
        addressLine2: 'l2',
        addressCity: 'c',
        addressPostalCode: 'p',
        addressCountry: 'FR',
        updatedAt: new Date('2026-01-01T00:00:00.123Z'),
      },
    });
    const product = await prisma.product.create({
      data: { sku: `SKU-${suffix}`, name: 'P', priceCents: 123, currency: 'EUR', stock: 5 },
    });
    const order = await prisma.order.create({
      data: {
        userId: user.id,
        totalCents: 246,
        currency: 'EUR',
        lines: { create: [{ position: 0, productId: product.id, quantity: 2, unitPriceCents: 123 }] },
      },
      include: { lines: true, user: true },
    });

    expect(order).toMatchObject({
      status: 'awaiting_payment',
      totalCents: 246,
      currency: 'EUR',
      paymentMethod: null,
      paymentIntentId: null,
      paidAt: null,
      chargeAttempts: [],
      user: { addressCountry: 'FR' },
    });
    const paid = await prisma.order.update({
      where: { id: order.id },
      data: {
        status: 'paid',
        paymentMethod: 'pm_card_visa',
        paymentIntentId: `pi_${suffix}`,
        paidAt: new Date('2026-01-01T00:00:00.456Z'),
        chargeAttempts: [{ key: 'k', attempts: [{ attempt: 1, verdict: 'succeeded' }] }],
      },
    });
    expect(await prisma.order.findUniqueOrThrow({ where: { paymentIntentId: `pi_${suffix}` } })).toEqual(paid);
    await expect(prisma.order.update({ where: { id: order.id }, data: { status: 'awaiting_payment' } })).rejects.toThrow(/orders_paid_iff_payment_intent/);
    expect(order.lines).toEqual([expect.objectContaining({ orderId: order.id, position: 0, productId: product.id, quantity: 2, unitPriceCents: 123 })]);
    expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toEqual(user);
    expect(await prisma.product.findUniqueOrThrow({ where: { sku: product.sku } })).toEqual(product);
  });

  it('round-trips every field of idempotency keys and enforces one key per scope', async () => {
    const data = {
      scope: randomUUID(),
      key: 'parity-key-0123456789',
      fingerprint: 'f'.repeat(64),
      state: 'completed',
      leaseToken: randomUUID(),
      leaseExpiresAt: new Date('2026-01-01T00:00:30.000Z'),
      recoveryPoint: 'finished',
      recoveryState: { orderId: 'x', paymentIntentId: 'pi_x' },
      responseStatus: 201,
      responseHeaders: { 'content-type': 'application/json' },
      responseBody: '{"id":"x"}',
      completedAt: new Date('2026-01-01T00:00:01.000Z'),
      expiresAt: new Date('2026-01-02T00:00:00.000Z'),
      traceParent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    };
    const created = await prisma.idempotencyKey.create({ data });
    expect(await prisma.idempotencyKey.findUniqueOrThrow({ where: { scope_key: { scope: data.scope, key: data.key } } })).toEqual(created);
    await expect(prisma.idempotencyKey.create({ data: { ...data, leaseToken: randomUUID() } })).rejects.toMatchObject({ code: 'P2002' });
  });

  it('starts a key at the recovery point "started" and keeps completed keys at "finished" only', async () => {
    const running = {
      scope: randomUUID(),
      key: 'parity-key-running-01',
      fingerprint: 'f'.repeat(64),
      state: 'running',
      leaseToken: randomUUID(),
      leaseExpiresAt: new Date(),
      expiresAt: new Date('2099-01-01T00:00:00.000Z'),
    };
    expect(await prisma.idempotencyKey.create({ data: running })).toMatchObject({ recoveryPoint: 'started', recoveryState: null });
    const completedElsewhere = {
      ...running,
      key: 'parity-key-completed',
      state: 'completed',
      responseStatus: 201,
      responseBody: '{}',
      recoveryPoint: 'order_created',
    };
    await expect(prisma.idempotencyKey.create({ data: completedElsewhere })).rejects.toThrow(/idempotency_keys_finished_iff_completed/);
  });

  it('indexes orders for keyset pages of one user (created_at desc, id desc), and nothing more', async () => {
    const indexes = await prisma.$queryRaw<{ indexname: string; indexdef: string }[]>`
      SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'orders' ORDER BY indexname`;
    expect(indexes.map((index) => index.indexname)).toEqual(['orders_payment_intent_id_key', 'orders_pkey', 'orders_user_id_created_at_id_idx']);
    expect(indexes[2].indexdef).toMatch(/\(user_id, created_at DESC, id DESC\)$/);
  });

  it('round-trips every field of payment intents and finds them through both indexes', async () => {
    const account = `acct_${randomUUID()}`;
    const data = {
      id: `pi_parity${randomUUID().replace(/-/g, '').slice(0, 16)}`,
      account,
      amount: 1999,
      currency: 'eur',
      status: 'requires_payment_method',
      paymentMethod: 'pm_parity',
      metadata: { order_id: 'parity-order', user_id: 'parity-user' },
      declineCode: 'insufficient_funds',
      createdAt: new Date('2026-01-01T00:00:00.123Z'),
    };
    const created = await prisma.paymentIntent.create({ data });

    expect(created).toEqual(data);
    expect(await prisma.paymentIntent.findMany({ where: { account }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] })).toEqual([created]);
    const byOrder = await prisma.$queryRaw<{ id: string }[]>`
      SELECT id FROM payment_intents WHERE account = ${account} AND metadata->>'order_id' = 'parity-order'`;
    expect(byOrder).toEqual([{ id: data.id }]);
    const indexes = await prisma.$queryRaw<{ indexname: string }[]>`
      SELECT indexname FROM pg_indexes WHERE tablename = 'payment_intents' ORDER BY indexname`;
    expect(indexes.map((index) => index.indexname)).toEqual([
      'payment_intents_account_created_at_id_idx',
      'payment_intents_account_order_id_idx',
      'payment_intents_pkey',
    ]);
  });

  it('refuses a payment intent that is not positive, or declined without a decline code', async () => {
    const base = { account: 'acct_parity', currency: 'eur', paymentMethod: 'pm_parity', metadata: {} };
    const id = () => `pi_${randomUUID()}`;
    await expect(prisma.paymentIntent.create({ data: { ...base, id: id(), amount: 0, status: 'succeeded' } })).rejects.toThrow(
      /payment_intents_amount_positive/,
    );
    await expect(prisma.paymentIntent.create({ data: { ...base, id: id(), amount: 1, status: 'requires_payment_method' } })).rejects.toThrow(
      /payment_intents_decline_code_iff_declined/,
    );
    await expect(prisma.paymentIntent.create({ data: { ...base, id: id(), amount: 1, status: 'succeeded', declineCode: 'generic_decline' } })).rejects.toThrow(
      /payment_intents_decline_code_iff_declined/,
    );
  });

  it('refuses negative stock and completed keys without a response', async () => {
    await expect(prisma.product.create({ data: { sku: `NEG-${randomUUID()}`, name: 'N', priceCents: 1, currency: 'EUR', stock: -1 } })).rejects.toThrow(
      /products_stock_non_negative/,
    );
    await expect(
      prisma.idempotencyKey.create({
        data: {
          scope: randomUUID(),
          key: 'k'.repeat(16),
          fingerprint: '0'.repeat(64),
          state: 'completed',
          recoveryPoint: 'finished',
          leaseToken: randomUUID(),
          leaseExpiresAt: new Date(),
          expiresAt: new Date(),
        },
      }),
    ).rejects.toThrow(/idempotency_keys_completed_has_response/);
  });
  it('keeps the purge turn in one row, created free by its migration, and refuses a second', async () => {
    const [turn] = await prisma.idempotencyKeyPurgeTurn.findMany();
    expect(turn).toEqual({ id: true, purgerId: null, endsAt: new Date('1970-01-01T00:00:00Z') });
    const purgerId = randomUUID();
    const endsAt = new Date('2001-01-01T00:00:00.123Z');
    await prisma.idempotencyKeyPurgeTurn.update({ where: { id: true }, data: { purgerId, endsAt } });
    expect(await prisma.idempotencyKeyPurgeTurn.findMany()).toEqual([{ id: true, purgerId, endsAt }]);
    await prisma.idempotencyKeyPurgeTurn.update({ where: { id: true }, data: { purgerId: turn.purgerId, endsAt: turn.endsAt } });
    await expect(prisma.idempotencyKeyPurgeTurn.create({ data: { id: false, endsAt } })).rejects.toThrow(/idempotency_key_purge_turn_one_row/);
  });

  it('round-trips every field of admission counters, one row per bucket, hits positive', async () => {
    const bucket = `parity:${randomUUID()}`;
    const windowEndsAt = new Date('2026-01-01T00:00:00.123Z');
    await prisma.admissionCounter.create({ data: { bucket, hits: 3, windowEndsAt } });
    expect(await prisma.admissionCounter.findUniqueOrThrow({ where: { bucket } })).toEqual({ bucket, hits: 3, windowEndsAt });
    expect(await prisma.admissionCounter.count({ where: { windowEndsAt: { lte: windowEndsAt } } })).toBeGreaterThanOrEqual(1);
    await expect(prisma.admissionCounter.create({ data: { bucket, hits: 1, windowEndsAt } })).rejects.toThrow();
    await expect(prisma.admissionCounter.create({ data: { bucket: `${bucket}:zero`, hits: 0, windowEndsAt } })).rejects.toThrow(
      /admission_counters_hits_check/,
    );
  });

  it('round-trips every field of receipts and webhook events: one receipt per order, one row per event id', async () => {
    const suffix = randomUUID();
    const user = await prisma.user.create({
      data: {
        email: `receipt-${suffix}@example.com`,
        name: 'R',
        passwordHash: 'x',
        addressLine1: 'l1',
        addressCity: 'c',
        addressPostalCode: 'p',
        addressCountry: 'FR',
      },
    });
    const order = await prisma.order.create({ data: { userId: user.id, totalCents: 500, currency: 'EUR' } });
    const receiptData = {
      orderId: order.id,
      paymentIntentId: `pi_${suffix}`,
      amountCents: 500,
      currency: 'EUR',
      confirmedBy: 'webhook',
      createdAt: new Date('2026-01-01T00:00:00.123Z'),
      sentAt: new Date('2026-01-01T00:00:01.456Z'),
    };
    const receipt = await prisma.receipt.create({ data: receiptData });
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id }, include: { receipt: true } })).toMatchObject({ receipt });
    await expect(prisma.receipt.create({ data: receiptData })).rejects.toMatchObject({ code: 'P2002' });
    await expect(prisma.receipt.create({ data: { ...receiptData, orderId: randomUUID() } })).rejects.toThrow(/receipts_order_id_fkey/);
    await expect(prisma.receipt.update({ where: { id: receipt.id }, data: { confirmedBy: 'guess' } })).rejects.toThrow(/receipts_confirmed_by_check/);

    const eventData = {
      id: `evt_${suffix.replaceAll('-', '')}`,
      type: 'payment_intent.succeeded',
      paymentIntentId: `pi_${suffix}`,
      orderId: order.id,
      outcome: 'settled',
    };
    const event = await prisma.paymentWebhookEvent.create({ data: { ...eventData, receivedAt: new Date('2026-01-01T00:00:02.789Z') } });
    expect(await prisma.paymentWebhookEvent.findUniqueOrThrow({ where: { id: eventData.id } })).toEqual(event);
    await expect(prisma.paymentWebhookEvent.create({ data: eventData })).rejects.toMatchObject({ code: 'P2002' });
    await expect(prisma.paymentWebhookEvent.create({ data: { ...eventData, id: `${eventData.id}x`, outcome: 'applied' } })).rejects.toThrow(
      /payment_webhook_events_outcome_check/,
    );
  });

  it('round-trips every field of webhook endpoints, events and deliveries, one delivery per event and endpoint', async () => {
    const account = `acct_${randomUUID()}`;
    const at = new Date('2026-01-01T00:00:00.123Z');
    const endpoint = {
      id: `we_${randomUUID()}`,
      account,
      url: 'http://127.0.0.1:9/hook',
      enabledEvents: ['payment_intent.succeeded', '*'],
      secret: 'whsec_parity',
      createdAt: at,
    };
    const event = {
      id: `evt_${randomUUID()}`,
      account,
      type: 'payment_intent.payment_failed',
      dataObject: { id: 'pi_parity', object: 'payment_intent' },
      requestId: 'req_parity',
      requestIdempotencyKey: 'key-parity',
      traceParent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      createdAt: at,
    };
    const delivery = {
      id: randomUUID(),
      account,
      eventId: event.id,
      endpointId: endpoint.id,
      status: 'succeeded',
      attempts: 2,
      nextAttemptAt: at,
      leaseToken: randomUUID(),
      lastAttemptAt: at,
      lastResponseStatus: 204,
      lastError: 'HTTP 500',
      deliveredAt: at,
      createdAt: at,
    };
    expect(await prisma.webhookEndpoint.create({ data: endpoint })).toEqual(endpoint);
    expect(await prisma.event.create({ data: event })).toEqual(event);
    expect(await prisma.webhookDelivery.create({ data: delivery })).toEqual(delivery);
    await expect(prisma.webhookDelivery.create({ data: { ...delivery, id: randomUUID() } })).rejects.toThrow();
    await expect(prisma.webhookDelivery.create({ data: { ...delivery, id: randomUUID(), status: 'pending' } })).rejects.toThrow(
      /webhook_deliveries_delivered_at_iff_succeeded/,
    );
    await expect(prisma.event.create({ data: { ...event, id: `evt_${randomUUID()}`, type: 'charge.refunded' } })).rejects.toThrow(/events_type_check/);
    await expect(prisma.webhookEndpoint.create({ data: { ...endpoint, id: `we_${randomUUID()}`, enabledEvents: [] } })).rejects.toThrow(
      /webhook_endpoints_enabled_events_not_empty/,
    );
    await prisma.webhookEndpoint.delete({ where: { id: endpoint.id } });
    expect(await prisma.webhookDelivery.count({ where: { eventId: event.id } })).toBe(0);
    const indexes = await prisma.$queryRaw<{ indexname: string }[]>`
      SELECT indexname FROM pg_indexes WHERE tablename = 'webhook_deliveries' ORDER BY indexname`;
    expect(indexes.map((index) => index.indexname)).toEqual([
      'webhook_deliveries_due_idx',
      'webhook_deliveries_endpoint_id_created_at_idx',
      'webhook_deliveries_event_id_endpoint_id_key',
      'webhook_deliveries_pkey',
    ]);
  });
});
