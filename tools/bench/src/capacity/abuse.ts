// What every abuse scenario reports, whatever it sends: HTTP floods, raw sockets, waiting storms.

/** One abuse, run for a window beside the checkout load. */
export interface Abuse {
  /** Its name in the summary line, e.g. `login`. */
  name: AbuseName;
  /** What it sends, for the table, e.g. "32 connections of wrong passwords". */
  description: string;
  /** Runs it for `seconds`; resolves once everything it opened is closed. */
  run: (seconds: number) => Promise<AbuseResult>;
}

export type AbuseName = 'login' | 'fat_body' | 'list' | 'slow_body' | 'waiters';

/** What an abuse got from the API. */
export interface AbuseResult {
  /** Requests (or sockets) it sent. */
  requests: number;
  /** Seconds it ran. */
  seconds: number;
  /** Answers by HTTP status (`none` for a socket that got no answer). */
  statusCodes: Record<string, number>;
  /** Mean bytes received per answer, headers included; undefined when not measured. */
  bytesPerAnswer?: number;
  /** Network errors and timeouts. */
  errors: number;
  /** Anything else worth a line, e.g. how long the server held slow sockets. */
  notes?: string[];
}
