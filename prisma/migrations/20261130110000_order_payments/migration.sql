-- Orders are paid at a payment provider (payments.md §2): an order is created 'awaiting_payment',
-- then becomes 'paid' (with the PaymentIntent that paid it) or 'payment_failed' (stock given
-- back). Hand-written (see 20261128000000_init); schema-parity.spec.ts proves it matches schema.prisma.

-- AlterTable
ALTER TABLE "orders"
    ALTER COLUMN "status" SET DEFAULT 'awaiting_payment',
    ADD COLUMN "payment_method" TEXT,
    ADD COLUMN "payment_intent_id" TEXT,
    ADD COLUMN "paid_at" TIMESTAMPTZ(3);

-- Orders placed before payments existed ('confirmed') were never charged; they keep their status.
ALTER TABLE "orders" ADD CONSTRAINT "orders_status_check"
    CHECK ("status" IN ('awaiting_payment', 'paid', 'payment_failed', 'confirmed'));

-- A paid order names the PaymentIntent that paid it, and only a paid order does.
ALTER TABLE "orders" ADD CONSTRAINT "orders_paid_iff_payment_intent"
    CHECK (("status" = 'paid') = ("payment_intent_id" IS NOT NULL AND "paid_at" IS NOT NULL));

-- CreateIndex: one PaymentIntent pays one order at most.
CREATE UNIQUE INDEX "orders_payment_intent_id_key" ON "orders"("payment_intent_id");
