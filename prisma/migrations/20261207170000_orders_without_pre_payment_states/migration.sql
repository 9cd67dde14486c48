-- Orders, receipts and charge runs hold only the values the checkout writes (payments.md §2, §5):
-- no order status or receipt confirmation stands for rows written before payments or receipts,
-- and a charge run's result is spelled as the API shows it. Hand-written (see
-- 20261128000000_init); schema-parity.spec.ts proves it matches schema.prisma, and
-- orders-without-pre-payment-states.spec.ts how it maps such rows.

-- An order placed before payments ('confirmed') was never charged and never will be: it becomes
-- an order whose payment failed, and like every such order gives its stock back.
UPDATE "products" AS p
SET "stock" = p."stock" + held."quantity"
FROM (
    SELECT l."product_id", SUM(l."quantity") AS "quantity"
    FROM "order_lines" AS l JOIN "orders" AS o ON o."id" = l."order_id"
    WHERE o."status" = 'confirmed'
    GROUP BY l."product_id"
) AS held
WHERE p."id" = held."product_id";

UPDATE "orders" SET "status" = 'payment_failed' WHERE "status" = 'confirmed';

ALTER TABLE "orders" DROP CONSTRAINT "orders_status_check",
    ADD CONSTRAINT "orders_status_check" CHECK ("status" IN ('awaiting_payment', 'paid', 'payment_failed'));

-- A receipt issued for an order paid before receipts existed ('unrecorded'): the payment was then
-- learned from a charge's answer, the only path there was before webhooks.
UPDATE "receipts" SET "confirmed_by" = 'charge_answer' WHERE "confirmed_by" = 'unrecorded';

ALTER TABLE "receipts" DROP CONSTRAINT "receipts_confirmed_by_check",
    ADD CONSTRAINT "receipts_confirmed_by_check" CHECK ("confirmed_by" IN ('charge_answer', 'webhook', 'recovery_worker'));

-- Charge runs recorded with 'invalid-payment-method' or 'invalid-request' take the API's spelling,
-- the provider's and the metrics' (invalid_payment_method, invalid_request); other runs stay as
-- they are, in their order.
UPDATE "orders" AS o
SET "charge_attempts" = (
    SELECT jsonb_agg(
        CASE WHEN r.run ->> 'result' IN ('invalid-payment-method', 'invalid-request')
            THEN jsonb_set(r.run, '{result}', to_jsonb(replace(r.run ->> 'result', '-', '_')))
            ELSE r.run END
        ORDER BY r.position)
    FROM jsonb_array_elements(o."charge_attempts") WITH ORDINALITY AS r(run, position)
)
WHERE jsonb_typeof(o."charge_attempts") = 'array'
    AND o."charge_attempts" @? '$[*] ? (@.result == "invalid-payment-method" || @.result == "invalid-request")';
