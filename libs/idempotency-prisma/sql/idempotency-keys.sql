-- The table of @safe-checkout/idempotency-prisma, its indexes, and the trigger that wakes waiting
-- duplicates. Apply it once, as a migration of your own (docs: README.md, "The table").
-- The Prisma model in prisma/idempotency-key.prisma describes the same table.

CREATE TABLE "idempotency_keys" (
    "id" UUID NOT NULL,
    -- Who the key belongs to (keys are scoped, e.g. by user).
    "scope" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    -- SHA-256 (hex) of the request's method, route, query and canonical body.
    "fingerprint" CHAR(64) NOT NULL,
    "state" TEXT NOT NULL,
    -- Fencing token: replaced on every claim and take-over; only its holder may complete.
    "lease_token" UUID NOT NULL,
    "lease_expires_at" TIMESTAMPTZ(3) NOT NULL,
    -- How far a multi-phase operation got: 'started', an operation's own points, 'finished'.
    "recovery_point" TEXT NOT NULL DEFAULT 'started',
    -- What the finished phases saved for the next ones; null at 'started'.
    "recovery_state" JSONB,
    "response_status" INTEGER,
    "response_headers" JSONB,
    "response_body" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    -- The claiming request's trace context (W3C traceparent), when it was traced: the recovery
    -- worker's pass links to that trace.
    "trace_parent" TEXT,

    CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "idempotency_keys_state_check" CHECK ("state" IN ('running', 'completed')),
    -- A completed key always carries the response it replays.
    CONSTRAINT "idempotency_keys_completed_has_response" CHECK (
        "state" <> 'completed' OR ("response_status" IS NOT NULL AND "response_body" IS NOT NULL)
    ),
    -- A completed key is always at 'finished', and only a completed key is.
    CONSTRAINT "idempotency_keys_finished_iff_completed" CHECK (("state" = 'completed') = ("recovery_point" = 'finished'))
);

-- Concurrent claims of one key race on this index: exactly one insert wins.
CREATE UNIQUE INDEX "idempotency_keys_scope_key_key" ON "idempotency_keys"("scope", "key");

-- The purge of expired keys.
CREATE INDEX "idempotency_keys_expires_at_idx" ON "idempotency_keys"("expires_at");

-- The recovery workers' search for stalled operations (running, past 'started', lease lapsed).
-- Partial, so it holds only the few keys in the middle of a multi-phase operation.
CREATE INDEX "idempotency_keys_stalled_idx" ON "idempotency_keys"("lease_expires_at")
    WHERE "state" = 'running' AND "recovery_point" <> 'started';

-- Duplicates that wait for the first request's answer (`Prefer: wait`) are woken by a NOTIFY on
-- channel idempotency_key_settled when a key settles: completed, released (deleted), or given up at
-- a recovery point (its lease cut short). Deleting a completed key notifies nobody: its waiters
-- were woken when it completed, and the purge deletes such keys by the million. A trigger, so that
-- every writer notifies in its own transaction: PostgreSQL delivers the notification at commit,
-- never for a rolled-back change. The payload is a hash of (scope, key): every listener of the
-- channel sees it, so it must not carry the key itself.
CREATE FUNCTION "notify_idempotency_key_settled"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    settled "idempotency_keys";
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD."state" <> 'running' THEN
            RETURN NULL;
        END IF;
        settled := OLD;
    ELSIF NEW."state" = 'completed' AND OLD."state" = 'running'
       OR NEW."state" = 'running' AND NEW."lease_token" = OLD."lease_token" AND NEW."lease_expires_at" < OLD."lease_expires_at" THEN
        settled := NEW;
    ELSE
        RETURN NULL;
    END IF;
    PERFORM pg_notify('idempotency_key_settled',
        encode(sha256(convert_to(settled."scope" || chr(31) || settled."key", 'UTF8')), 'hex'));
    RETURN NULL;
END
$$;

CREATE TRIGGER "idempotency_keys_settled"
    AFTER UPDATE OR DELETE ON "idempotency_keys"
    FOR EACH ROW EXECUTE FUNCTION "notify_idempotency_key_settled"();

-- Whose turn it is to purge: purgers in several processes delete one at a time (PurgeTurn). One
-- row, never deleted; the turn is free once ends_at has passed.
CREATE TABLE "idempotency_key_purge_turn" (
    "id" BOOLEAN NOT NULL DEFAULT true,
    "purger_id" UUID,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "idempotency_key_purge_turn_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "idempotency_key_purge_turn_one_row" CHECK ("id")
);

INSERT INTO "idempotency_key_purge_turn" ("id", "purger_id", "ends_at") VALUES (true, NULL, '1970-01-01T00:00:00Z');
