import { Inject, Injectable } from '@nestjs/common';
import { PrismaClient } from '@safe-checkout/db';
import type { RateLimit } from '../config/api-config';
import type { ProblemException } from '../problems/problem.exception';
import { RefusalMemo } from './refusal-memo';
import { tooManyRequests } from './too-many-requests';

/** What one hit on a counter came to. */
export interface CounterHit {
  /** Hits in the current window, this one included. */
  hits: number;
  /** Seconds until the window ends and the counter starts again, at least 1. */
  resetInSeconds: number;
  /** Milliseconds until the window ends, unrounded. */
  resetInMs: number;
}

/**
 * Fixed-window counters in PostgreSQL (`admission_counters`), shared by every API process.
 * Each hit is one statement: the INSERT … ON CONFLICT DO UPDATE locks the bucket's row, so two
 * processes hitting one bucket at once are serialised and each reads its own count; neither can
 * admit past the limit. Windows never grow: a flood of refused hits does not push the reset back,
 * so the real owner of an account is let in again when the window ends (docs/capacity.md).
 */
@Injectable()
export class AdmissionCounters {
  private readonly refusals = new RefusalMemo();

  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  /** Counts one hit on `bucket` in a window of `windowSeconds` that starts with the first hit. */
  async hit(bucket: string, windowSeconds: number): Promise<CounterHit> {
    const [row] = await this.prisma.$queryRaw<{ hits: number; reset_in_ms: number }[]>`
      INSERT INTO admission_counters AS c (bucket, hits, window_ends_at)
      VALUES (${bucket}, 1, clock_timestamp() + make_interval(secs => ${windowSeconds}))
      ON CONFLICT (bucket) DO UPDATE SET
        hits = CASE WHEN c.window_ends_at <= clock_timestamp() THEN 1 ELSE c.hits + 1 END,
        window_ends_at = CASE WHEN c.window_ends_at <= clock_timestamp() THEN EXCLUDED.window_ends_at ELSE c.window_ends_at END
      RETURNING hits, (extract(epoch FROM window_ends_at - clock_timestamp()) * 1000)::float8 AS reset_in_ms`;
    return { hits: row.hits, resetInSeconds: retryAfterSeconds(row.reset_in_ms), resetInMs: row.reset_in_ms };
  }

  /**
   * Counts one hit on `bucket` and throws 429 `too-many-requests` with `Retry-After` (the seconds
   * until the window ends) when it is past `limit`. A bucket this process already saw refused is
   * refused again from memory until its window ends, without a statement ({@link RefusalMemo}).
   *
   * @param what names the limit in the problem's detail, e.g. "login attempts for this account"
   */
  async admit(bucket: string, rateLimit: RateLimit, what: string): Promise<void> {
    const remembered = this.rememberedRefusal(bucket, rateLimit, what);
    if (remembered) throw remembered;
    const { hits, resetInSeconds, resetInMs } = await this.hit(bucket, rateLimit.windowSeconds);
    if (hits <= rateLimit.limit) return;
    this.refusals.remember(bucket, resetInMs);
    throw tooManyRequests(refusalDetail(rateLimit, what), resetInSeconds);
  }

  /**
   * The 429 that {@link admit} would answer from memory for `bucket`, without counting a hit or
   * touching the database; undefined when this process remembers no refusal of it.
   */
  rememberedRefusal(bucket: string, rateLimit: RateLimit, what: string): ProblemException | undefined {
    const remembered = this.refusals.remainingMs(bucket);
    return remembered > 0 ? tooManyRequests(refusalDetail(rateLimit, what), retryAfterSeconds(remembered)) : undefined;
  }

  /** Deletes the counters whose window ended; returns how many. */
  async purgeEnded(): Promise<number> {
    // Counters are written outside any request transaction on purpose: a refused or failed request
    // must still have counted, so no rollback may undo a hit.
    // eslint-disable-next-line no-restricted-syntax
    return this.prisma.$executeRaw`DELETE FROM admission_counters WHERE window_ends_at < clock_timestamp()`;
  }
}

function refusalDetail({ limit, windowSeconds }: RateLimit, what: string): string {
  return `Too many ${what}: at most ${limit} per ${windowSeconds} s.`;
}

// Retry-After is whole seconds; rounding up never invites a retry before the window ends.
function retryAfterSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
