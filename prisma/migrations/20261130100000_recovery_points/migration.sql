-- Recovery points of multi-phase operations (payments.md §2). Hand-written (see
-- 20261128000000_init); libs/db/src/migrations/schema-parity.spec.ts proves it matches schema.prisma.
-- A key now records how far its operation got: 'started' (nothing committed), an operation's own
-- points (e.g. 'order_created', with the order id in recovery_state), 'finished' (response stored).

-- AlterTable
ALTER TABLE "idempotency_keys"
    ADD COLUMN "recovery_point" TEXT NOT NULL DEFAULT 'started',
    ADD COLUMN "recovery_state" JSONB;

-- Rows completed before this migration finished their only phase.
UPDATE "idempotency_keys" SET "recovery_point" = 'finished' WHERE "state" = 'completed';

-- A completed key is always at 'finished', and only a completed key is.
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_finished_iff_completed"
    CHECK (("state" = 'completed') = ("recovery_point" = 'finished'));

-- CreateIndex: the recovery workers' search for stalled operations (running, past 'started',
-- lease lapsed). Partial, so it holds only the few keys in the middle of a multi-phase operation.
CREATE INDEX "idempotency_keys_stalled_idx" ON "idempotency_keys"("lease_expires_at")
    WHERE "state" = 'running' AND "recovery_point" <> 'started';
