-- The claiming request's trace context (W3C traceparent), kept with its idempotency key when the
-- API traces, so that the recovery worker's pass over a stalled key is a trace linked to the
-- request's (docs/tracing.md). Nullable: nothing is written while tracing is off. Hand-written
-- (see 20261128000000_init); schema-parity.spec.ts proves it matches schema.prisma.
ALTER TABLE "idempotency_keys" ADD COLUMN "trace_parent" TEXT;
