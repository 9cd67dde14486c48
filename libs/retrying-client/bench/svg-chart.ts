/** One row of a small-multiples chart: a histogram of arrivals. */
export interface ChartPanel {
  label: string;
  /** Arrivals per bin, from the chart's `startMs`. */
  counts: readonly number[];
  /** A short remark printed after the label, e.g. the peak. */
  note?: string;
}

/** A chart of arrivals over time, one panel per strategy, on a shared time axis. */
export interface ChartSpec {
  title: string;
  subtitle: string;
  startMs: number;
  binMs: number;
  panels: readonly ChartPanel[];
  /** One y scale for all panels (compare heights) or one per panel (compare shapes). */
  sharedScale: boolean;
  /** A span of time to shade behind every panel, e.g. an outage. */
  highlight?: { fromMs: number; toMs: number; label: string };
}

const WIDTH = 820;
const LEFT = 60;
const RIGHT = 20;
const TOP = 58;
const PANEL_HEIGHT = 72;
const PANEL_GAP = 34;
const COLORS = ['#b2182b', '#ef8a62', '#2166ac', '#67a9cf', '#1b7837', '#762a83', '#8c510a'];

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const round = (n: number) => Math.round(n * 10) / 10;

/** Renders `spec` as a standalone SVG document (hand-written: no charting dependency). */
export function renderArrivalsChart(spec: ChartSpec): string {
  const bins = Math.max(...spec.panels.map((p) => p.counts.length));
  const plotWidth = WIDTH - LEFT - RIGHT;
  const height = TOP + spec.panels.length * (PANEL_HEIGHT + PANEL_GAP) + 24;
  const x = (bin: number) => LEFT + (bin / bins) * plotWidth;
  const sharedMax = Math.max(1, ...spec.panels.flatMap((p) => p.counts));
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${LEFT}" y="22" font-size="16" font-weight="bold">${escape(spec.title)}</text>`,
    `<text x="${LEFT}" y="40" fill="#555">${escape(spec.subtitle)}</text>`,
  ];
  if (spec.highlight) {
    const { fromMs, toMs, label } = spec.highlight;
    const [from, to] = [fromMs, toMs].map((t) => round(x((t - spec.startMs) / spec.binMs)));
    parts.push(
      `<rect x="${from}" y="${TOP}" width="${round(to - from)}" height="${height - TOP - 30}" fill="#eee"/>`,
      `<text x="${round((from + to) / 2)}" y="${TOP + 10}" text-anchor="middle" fill="#777">${escape(label)}</text>`,
    );
  }
  spec.panels.forEach((panel, i) => {
    const top = TOP + i * (PANEL_HEIGHT + PANEL_GAP) + 16;
    const base = top + PANEL_HEIGHT;
    const max = spec.sharedScale ? sharedMax : Math.max(1, ...panel.counts);
    const y = (count: number) => round(base - (count / max) * PANEL_HEIGHT);
    const steps = panel.counts.map((c, bin) => `L${round(x(bin))},${y(c)} L${round(x(bin + 1))},${y(c)}`).join(' ');
    const label = panel.note ? `${panel.label} — ${panel.note}` : panel.label;
    parts.push(
      `<text x="${LEFT}" y="${top - 5}" font-weight="bold">${escape(label)}</text>`,
      `<path d="M${LEFT},${base} ${steps} L${round(x(panel.counts.length))},${base} Z" fill="${COLORS[i % COLORS.length]}" fill-opacity="0.8"/>`,
      `<line x1="${LEFT}" y1="${base}" x2="${WIDTH - RIGHT}" y2="${base}" stroke="#999"/>`,
      `<text x="${LEFT - 6}" y="${top + 9}" text-anchor="end" fill="#555">${max}</text>`,
      `<text x="${LEFT - 6}" y="${base}" text-anchor="end" fill="#555">0</text>`,
    );
  });
  parts.push(...timeAxis(spec, bins, x, height - 30), '</svg>');
  return parts.join('\n') + '\n';
}

function timeAxis(spec: ChartSpec, bins: number, x: (bin: number) => number, y: number): string[] {
  const spanMs = bins * spec.binMs;
  const stepMs = niceStep(spanMs / 8);
  const ticks: string[] = [];
  for (let t = Math.ceil(spec.startMs / stepMs) * stepMs; t <= spec.startMs + spanMs; t += stepMs) {
    const px = round(x((t - spec.startMs) / spec.binMs));
    ticks.push(
      `<line x1="${px}" y1="${y - 8}" x2="${px}" y2="${y - 3}" stroke="#999"/>`,
      `<text x="${px}" y="${y + 10}" text-anchor="middle" fill="#555">${round(t / 1000)} s</text>`,
    );
  }
  const note = `time (${spec.binMs} ms bins; panel heights: arrivals per bin${spec.sharedScale ? ', one scale' : ', each panel its own scale'})`;
  return [...ticks, `<text x="${WIDTH - RIGHT}" y="${y + 24}" text-anchor="end" fill="#555">${escape(note)}</text>`];
}

function niceStep(roughMs: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(roughMs));
  return ([1, 2, 5, 10].find((m) => m * magnitude >= roughMs) ?? 10) * magnitude;
}
