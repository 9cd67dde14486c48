-- What the shop tried towards the payment provider for each order (payments.md §2): every run of
-- the charge phase appends one entry, with the derived key, each attempt's outcome and the wait the
-- retrying client chose before the next. Hand-written (see 20261128000000_init);
-- schema-parity.spec.ts proves it matches schema.prisma.

-- AlterTable
ALTER TABLE "orders" ADD COLUMN "charge_attempts" JSONB NOT NULL DEFAULT '[]';
