// Formatting helpers of the report: medians, answer counts, a plain-text table.
import type { LoadResult } from './load';

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** "201×1, 409×199, of which replayed 0": replays are 201s too, told apart by Idempotent-Replayed. */
export function answers({ statusCodes, replayed, errors }: Pick<LoadResult, 'statusCodes' | 'replayed' | 'errors'>): string {
  const codes = Object.entries(statusCodes).map(([code, count]) => `${code}×${count}`);
  if (replayed) codes.push(`of which replayed ${replayed}`);
  if (errors) codes.push(`socket errors ${errors}`);
  return codes.join(', ');
}

/** Columns padded to their widest cell: the first and last left-aligned, the others right-aligned. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === 0 || column === cells.length - 1 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}
