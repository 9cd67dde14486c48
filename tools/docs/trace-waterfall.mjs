// A trace as a waterfall picture (SVG), drawn from exported spans: docs/tracing.md's figure of a
// retried checkout. Pure: the same spans always give the same bytes, so a test can keep the
// committed picture and the committed spans in step.

const ROW_HEIGHT_PX = 24;
const LABEL_WIDTH_PX = 560;
const TIMELINE_WIDTH_PX = 520;
const INDENT_PX = 14;
const TOP_PX = 72;
const PROVIDER_SERVICE = 'payment-sandbox';

/** What a span is in the story, for its colour and its label. */
function roleOf(span) {
  if (span.service === PROVIDER_SERVICE) return 'provider';
  if (span.name.startsWith('wait before')) return 'wait';
  if (/ #\d+$/.test(span.name)) return 'attempt';
  if (span.name.startsWith('phase: ')) return 'phase';
  if (span.attributes['http.route'] || span.attributes['idempotency.outcome']) return 'server';
  return 'root';
}

const COLOURS = { root: '#4b5563', attempt: '#2563eb', wait: '#9ca3af', server: '#059669', phase: '#0d9488', provider: '#d97706' };

/** The attributes worth reading beside each span, by role. */
function detailOf(span, role) {
  const a = span.attributes;
  if (role === 'attempt') return [a['retry.verdict'], a['http.response.status_code'] ?? a['retry.failure_reason']].filter(Boolean).join(', ');
  if (role === 'wait') return `${Math.round(a['retry.wait_ms'])} ms (${a['retry.wait_basis']})`;
  if (role === 'server' || role === 'provider') return [a['http.response.status_code'], a['idempotency.outcome']].filter(Boolean).join(', ');
  if (role === 'phase')
    return a['idempotency.recovery_point'] ? `from ${a['idempotency.phase.from']} → ${a['idempotency.recovery_point']}` : `from ${a['idempotency.phase.from']}`;
  return '';
}

/** The spans in tree order (a parent, then its children by start), each with its depth. */
export function treeOrder(spans) {
  const ids = new Set(spans.map((span) => span.spanId));
  const childrenOf = (parentId) => spans.filter((span) => (parentId ? span.parentSpanId === parentId : !ids.has(span.parentSpanId)));
  const ordered = [];
  const visit = (parentId, depth) => {
    for (const span of [...childrenOf(parentId)].sort((a, b) => a.startMs - b.startMs || a.name.localeCompare(b.name))) {
      ordered.push({ span, depth });
      visit(span.spanId, depth + 1);
    }
  };
  visit(undefined, 0);
  return ordered;
}

/** The SVG document of the trace of `spans` (times in milliseconds from the trace's start). */
export function traceWaterfallSvg(spans, title) {
  const rows = treeOrder(spans);
  const totalMs = Math.max(...spans.map((span) => span.endMs));
  const x = (ms) => LABEL_WIDTH_PX + (ms / totalMs) * TIMELINE_WIDTH_PX;
  const width = LABEL_WIDTH_PX + TIMELINE_WIDTH_PX + 20;
  const height = TOP_PX + rows.length * ROW_HEIGHT_PX + 16;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((share) => {
    const ms = Math.round(totalMs * share);
    return `<line x1="${x(ms)}" y1="${TOP_PX - 8}" x2="${x(ms)}" y2="${height - 12}" class="tick"/><text x="${x(ms)}" y="${TOP_PX - 12}" class="tick-label">${ms} ms</text>`;
  });
  const bars = rows.map(({ span, depth }, i) => {
    const role = roleOf(span);
    const y = TOP_PX + i * ROW_HEIGHT_PX;
    const barWidth = Math.max(2, x(span.endMs) - x(span.startMs));
    const detail = detailOf(span, role);
    const label = `${escape(span.name)}${detail ? ` <tspan class="detail">${escape(detail)}</tspan>` : ''}`;
    return (
      `<text x="${8 + depth * INDENT_PX}" y="${y + 16}">${label}</text>` +
      `<rect x="${x(span.startMs).toFixed(1)}" y="${y + 5}" width="${barWidth.toFixed(1)}" height="14" rx="2" fill="${COLOURS[role]}"/>`
    );
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    '<style>.tick{stroke:#e5e7eb}.tick-label{fill:#6b7280;text-anchor:middle;font-size:10px}.detail{fill:#6b7280}</style>',
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="8" y="22" font-size="14" font-weight="bold">${escape(title)}</text>`,
    `<text x="8" y="40" class="detail">blue: client attempts · grey: waits · green: API requests · teal: checkout phases · orange: payment provider</text>`,
    ...ticks,
    ...bars,
    '</svg>',
    '',
  ].join('\n');
}

function escape(text) {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
