-- Duplicates that wait for the first request's answer (`Prefer: wait`, http-contract.md) are woken
-- by a NOTIFY when a key settles: completed, released (deleted), or given up at a recovery point
-- (its lease cut short). A trigger, so that every writer of the table notifies, in the writer's own
-- transaction: PostgreSQL delivers the notification at commit, never for a rolled-back change.
-- The payload is a hash of (scope, key), the same as settlementIdOf() in libs/idempotency: every
-- listener of the channel sees it, so it must not carry the key itself.

-- CreateFunction
CREATE FUNCTION "notify_idempotency_key_settled"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    settled "idempotency_keys";
BEGIN
    IF TG_OP = 'DELETE' THEN
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

-- CreateTrigger
CREATE TRIGGER "idempotency_keys_settled"
    AFTER UPDATE OR DELETE ON "idempotency_keys"
    FOR EACH ROW EXECUTE FUNCTION "notify_idempotency_key_settled"();
