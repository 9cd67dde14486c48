-- The trace context (W3C traceparent) of the payment sandbox's request that caused an event, when
-- the sandbox traces: its webhook deliveries send it, so the shop's handling of a delivery is in
-- the checkout's trace (docs/tracing.md). Nullable: nothing is written while tracing is off; never
-- part of the event object (payments.md §5). Hand-written (see 20261128000000_init);
-- schema-parity.spec.ts proves it matches schema.prisma.
ALTER TABLE "events" ADD COLUMN "trace_parent" TEXT;
