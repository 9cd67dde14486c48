-- Webhooks, the provider's direction (payments.md §5): the shop records every payment event it
-- applied, and gives each paid order exactly one receipt. Hand-written (see 20261128000000_init);
-- schema-parity.spec.ts proves it matches schema.prisma.

-- One row per provider event the receiver handled, inserted in the transaction of the event's
-- effect: a redelivery finds the row and changes nothing, and an effect never commits without it.
-- CreateTable
CREATE TABLE "payment_webhook_events" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "payment_intent_id" TEXT NOT NULL,
    "order_id" UUID,
    "outcome" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payment_webhook_events_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "payment_webhook_events_outcome_check"
        CHECK ("outcome" IN ('settled', 'already_settled', 'other_payment_intent', 'unknown_order'))
);

-- CreateIndex
CREATE INDEX "payment_webhook_events_order_id_idx" ON "payment_webhook_events"("order_id");

-- The receipt of a paid order: a confirmation message in an outbox (sent_at null until sent).
-- The unique order id is what makes "exactly one receipt per paid order" hold even if two paths
-- settled the same order at once. confirmed_by says which path learned the payment first.
-- CreateTable
CREATE TABLE "receipts" (
    "id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "payment_intent_id" TEXT NOT NULL,
    "amount_cents" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "confirmed_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "receipts_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "receipts_confirmed_by_check"
        CHECK ("confirmed_by" IN ('charge_answer', 'webhook', 'recovery_worker', 'unrecorded'))
);

-- CreateIndex
CREATE UNIQUE INDEX "receipts_order_id_key" ON "receipts"("order_id");

-- AddForeignKey
ALTER TABLE "receipts" ADD CONSTRAINT "receipts_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Orders paid before receipts existed get theirs now; which path confirmed them was not recorded.
INSERT INTO "receipts" ("id", "order_id", "payment_intent_id", "amount_cents", "currency", "confirmed_by", "created_at", "sent_at")
SELECT gen_random_uuid(), "id", "payment_intent_id", "total_cents", "currency", 'unrecorded', "paid_at", "paid_at"
FROM "orders" WHERE "status" = 'paid';
