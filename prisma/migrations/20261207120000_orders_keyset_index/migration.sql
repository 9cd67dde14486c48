-- GET /orders pages through a user's orders by (created_at desc, id desc) with a cursor
-- (http-contract.md "Orders", issue 19): the index must include id, the tie-breaker, so that a
-- page is one index range scan whatever page it is. It replaces the index without id, which it
-- covers. Hand-written (see 20261128000000_init); schema-parity.spec.ts proves it matches
-- schema.prisma.

-- CreateIndex
CREATE INDEX "orders_user_id_created_at_id_idx" ON "orders"("user_id", "created_at" DESC, "id" DESC);

-- DropIndex
DROP INDEX "orders_user_id_created_at_idx";
