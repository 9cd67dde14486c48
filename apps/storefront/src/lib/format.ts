import type { Money } from './api';

// One fixed locale, so that the server's first render and the browser's agree.
const LOCALE = 'en-GB';

export function formatMoney({ cents, currency }: Money): string {
  return new Intl.NumberFormat(LOCALE, { style: 'currency', currency }).format(cents / 100);
}

/** `14:03:07.512`: clock time to the millisecond, as the timeline shows it. */
export function formatClock(epochMs: number): string {
  const d = new Date(epochMs);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}

/** `0.42 s`, `12 s`. */
export function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return `${s >= 10 ? s.toFixed(0) : s.toFixed(2)} s`;
}

/** `38 ms` below a second, `1.13 s` from there. */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : formatSeconds(ms);
}

/** `28 Nov 2026, 14:03`. */
export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** The first block of a UUID: enough to tell orders apart on screen. */
export function shortId(id: string): string {
  return id.split('-')[0] ?? id;
}
