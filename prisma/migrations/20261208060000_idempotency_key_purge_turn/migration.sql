-- Whose turn it is to purge expired idempotency keys. Each API process runs the purge job, and N
-- processes purging a backlog at once took N database backends from the checkouts beside them
-- (docs/benchmarks.md, "Cost as the key table grows"): with this row, taken and renewed by the
-- purge statement itself (PURGE_EXPIRED_IN_TURN in libs/idempotency-prisma), they delete one at a
-- time. One row, created here and never deleted; a free turn has lapsed (ends_at in the past).

-- CreateTable
CREATE TABLE "idempotency_key_purge_turn" (
    "id" BOOLEAN NOT NULL DEFAULT true,
    "purger_id" UUID,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "idempotency_key_purge_turn_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "idempotency_key_purge_turn_one_row" CHECK ("id")
);

INSERT INTO "idempotency_key_purge_turn" ("id", "purger_id", "ends_at") VALUES (true, NULL, '1970-01-01T00:00:00Z');
