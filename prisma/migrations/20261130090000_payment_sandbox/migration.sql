-- The payment provider sandbox (apps/payment-sandbox, payments.md §1). Hand-written (see
-- 20261128000000_init); libs/db/src/migrations/schema-parity.spec.ts proves it matches schema.prisma.
-- The sandbox runs in a database of its own, migrated with the same files as the shop's: each
-- database has every table, and each leaves the other's empty.

-- CreateTable
CREATE TABLE "payment_intents" (
    "id" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "status" TEXT NOT NULL,
    "payment_method" TEXT NOT NULL,
    "metadata" JSONB NOT NULL,
    "decline_code" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payment_intents_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "payment_intents_amount_positive" CHECK ("amount" > 0),
    CONSTRAINT "payment_intents_status_check" CHECK ("status" IN ('succeeded', 'requires_payment_method')),
    -- A decline always says why, and only a decline does.
    CONSTRAINT "payment_intents_decline_code_iff_declined" CHECK (("status" = 'requires_payment_method') = ("decline_code" IS NOT NULL))
);

-- CreateIndex: GET /v1/payment_intents, newest first, keyset-paginated by (created_at, id).
CREATE INDEX "payment_intents_account_created_at_id_idx" ON "payment_intents"("account", "created_at" DESC, "id" DESC);

-- CreateIndex: GET /v1/payment_intents/search?query=metadata['order_id']:'…'. An index on an
-- expression, which schema.prisma cannot express (the model's comment says so).
CREATE INDEX "payment_intents_account_order_id_idx" ON "payment_intents"("account", ("metadata"->>'order_id'));
