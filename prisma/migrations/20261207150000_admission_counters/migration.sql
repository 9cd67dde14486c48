-- Admission control (docs/capacity.md): one fixed-window counter per bucket, such as
-- 'login:account:<email>', 'login:address:<ip>' or 'write:user:<id>'. Every API process counts
-- in this one table, so a limit holds across processes. One INSERT … ON CONFLICT DO UPDATE per
-- check increments and reads a counter atomically (the conflicting row is locked), so two
-- processes can never both admit past a limit. A window that has ended starts again at 1.

-- CreateTable
CREATE TABLE "admission_counters" (
    "bucket" TEXT NOT NULL,
    "hits" INTEGER NOT NULL,
    "window_ends_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "admission_counters_pkey" PRIMARY KEY ("bucket"),
    CONSTRAINT "admission_counters_hits_check" CHECK ("hits" > 0)
);

-- The purge of ended windows scans by end.
-- CreateIndex
CREATE INDEX "admission_counters_window_ends_at_idx" ON "admission_counters"("window_ends_at");
