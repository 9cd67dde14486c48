-- The settle trigger (20261130120000_key_settled_notify) notified for every deleted key, so the
-- purge's DELETE of completed keys past their retention sent a NOTIFY per key to every API
-- process's LISTEN connection, a thousand a second at 1 000 orders/s (docs/benchmarks.md, "Cost as
-- the key table grows"), for keys nobody can be waiting on: a duplicate waits only while the key
-- is running, and a completed key's waiters were woken when it completed. A deleted key that was
-- still running (released with nothing committed, or purged at 'started' past its retention)
-- still notifies: its waiters must wake and claim it afresh. The rest of the function is unchanged.
-- CREATE OR REPLACE: no lock on the table, so it applies beside live traffic.

-- ReplaceFunction
CREATE OR REPLACE FUNCTION "notify_idempotency_key_settled"() RETURNS trigger LANGUAGE plpgsql AS $$
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
