-- Webhooks of the payment provider sandbox (payments.md §5): the endpoints an account registered,
-- the events its PaymentIntents produced, and the outbox of deliveries (one row per event and
-- endpoint). An event and its deliveries are written in the transaction that stores the
-- PaymentIntent, so a delivery exists exactly when its event does and a restart loses none.
-- Like payment_intents, these tables are the sandbox's; the shop's database leaves them empty.

-- CreateTable
CREATE TABLE "webhook_endpoints" (
    "id" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "enabled_events" TEXT[] NOT NULL,
    "secret" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_endpoints_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "webhook_endpoints_enabled_events_not_empty" CHECK (cardinality("enabled_events") > 0)
);

-- CreateIndex: GET /v1/webhook_endpoints, newest first, keyset-paginated by (created_at, id).
CREATE INDEX "webhook_endpoints_account_created_at_id_idx" ON "webhook_endpoints"("account", "created_at" DESC, "id" DESC);

-- CreateTable
CREATE TABLE "events" (
    "id" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "data_object" JSONB NOT NULL,
    "request_id" TEXT,
    "request_idempotency_key" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "events_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "events_type_check" CHECK ("type" IN ('payment_intent.succeeded', 'payment_intent.payment_failed'))
);

-- CreateIndex: GET /v1/events, newest first, keyset-paginated by (created_at, id).
CREATE INDEX "events_account_created_at_id_idx" ON "events"("account", "created_at" DESC, "id" DESC);

-- CreateTable
CREATE TABLE "webhook_deliveries" (
    "id" UUID NOT NULL,
    "account" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "endpoint_id" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lease_token" UUID,
    "last_attempt_at" TIMESTAMPTZ(3),
    "last_response_status" INTEGER,
    "last_error" TEXT,
    "delivered_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "webhook_deliveries_status_check" CHECK ("status" IN ('pending', 'succeeded', 'failed')),
    CONSTRAINT "webhook_deliveries_attempts_check" CHECK ("attempts" >= 0),
    -- Delivered exactly when it succeeded.
    CONSTRAINT "webhook_deliveries_delivered_at_iff_succeeded" CHECK (("status" = 'succeeded') = ("delivered_at" IS NOT NULL))
);

-- CreateIndex: one delivery per event and endpoint.
CREATE UNIQUE INDEX "webhook_deliveries_event_id_endpoint_id_key" ON "webhook_deliveries"("event_id", "endpoint_id");

-- CreateIndex: an endpoint's deliveries, newest first.
CREATE INDEX "webhook_deliveries_endpoint_id_created_at_idx" ON "webhook_deliveries"("endpoint_id", "created_at" DESC);

-- CreateIndex: the delivery worker's claim, "due pending deliveries of this account". A partial
-- index, which schema.prisma cannot express (the model's comment says so).
CREATE INDEX "webhook_deliveries_due_idx" ON "webhook_deliveries"("account", "next_attempt_at") WHERE "status" = 'pending';

-- AddForeignKey: deleting an endpoint deletes its deliveries (Stripe stops sending to it).
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_endpoint_id_fkey" FOREIGN KEY ("endpoint_id") REFERENCES "webhook_endpoints"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE CASCADE;
