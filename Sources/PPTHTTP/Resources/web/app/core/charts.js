// Our own small SVG charts: a line chart of several series over a shared x axis (time or days)
// and a horizontal bar chart. Each chart is an <svg role="img"> with <title> and <desc>, a legend,
// and a visually hidden data table for screen readers. Charts redraw at their container's width
// (ResizeObserver) so the text stays legible on a phone instead of shrinking with a viewBox.
import { h, svg, replace } from './dom.js';

/** Series colours (AA contrast on white) and dash patterns, so series differ by more than colour. */
export const PALETTE = ['#1f5f8b', '#b45309', '#1e7a3c', '#7c3aed', '#b42318', '#0e7490', '#4b5563'];
const DASHES = ['', '6 3', '2 3', '8 3 2 3', '1 2', '10 4', '4 4'];
const FONT = 11;
let chartCounter = 0;

/** A pleasant step (1, 2 or 5 times a power of ten) at least `raw`. */
function niceStep(raw) {
  if (!(raw > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
}

/** Y ticks from 0 (or the minimum when negative) to a rounded maximum. */
function yTicks(min, max, count, atLeast = 1, integer = false) {
  const low = Math.min(0, min);
  const high = Math.max(max, low + atLeast);
  const step = integer ? Math.max(1, niceStep((high - low) / count)) : niceStep((high - low) / count);
  const ticks = [];
  for (let v = Math.floor(low / step) * step; v <= high + step * 0.999; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

/** Roughly how wide `text` is drawn at the chart font (no layout pass needed). */
function textWidth(text) { return String(text).length * FONT * 0.6; }

/** Shortens `text` to fit `width`, with an ellipsis. */
function fit(text, width) {
  const max = Math.max(3, Math.floor(width / (FONT * 0.6)));
  return String(text).length > max ? String(text).slice(0, max - 1) + '…' : String(text);
}

/** Draws `draw(width)` into a container, again whenever the container's width changes. */
function responsive(draw) {
  const box = h('div', {});
  let drawnWidth = 0;
  const redraw = (width) => {
    const w = Math.max(280, Math.round(width));
    if (Math.abs(w - drawnWidth) < 8) return;
    drawnWidth = w;
    replace(box, draw(w));
  };
  redraw(640);
  if (typeof ResizeObserver === 'function') {
    new ResizeObserver((entries) => { const width = entries[0]?.contentRect.width; if (width) redraw(width); }).observe(box);
  }
  return box;
}

function frame(width, height, title, description) {
  const id = `chart${++chartCounter}`;
  return svg('svg', {
    class: 'chart', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img',
    'aria-labelledby': `${id}-title ${id}-desc`,
  }, svg('title', { id: `${id}-title` }, title), svg('desc', { id: `${id}-desc` }, description ?? ''));
}

function legend(items) {
  return h('div', { class: 'legend', 'aria-hidden': 'true' },
    items.map(({ name, color }) => h('span', { style: `--swatch: ${color}` }, name)));
}

function dataTable(caption, headings, rows) {
  return h('table', { class: 'visually-hidden' }, h('caption', {}, caption),
    h('thead', {}, h('tr', {}, headings.map((text) => h('th', { scope: 'col' }, text)))),
    h('tbody', {}, rows.map(([head, ...cells]) => h('tr', {}, h('th', { scope: 'row' }, head), cells.map((c) => h('td', {}, c))))));
}

/**
 * A line chart. `series` are `{ name, points: [{ x, y }] }` with numeric x (e.g. epoch ms) and y
 * (null leaves a gap). `xFormat`/`yFormat` turn values into text; `xLabel` heads the table's first
 * column; `yAtLeast` is the least top of the y axis and `yInteger` keeps its steps whole (counts). Returns a <figure> with the chart, its legend and the data table.
 */
export function lineChart({ title, description, series, xLabel, xFormat = String, yFormat = String, height = 220, yAtLeast = 1, yInteger = false, empty }) {
  const xs = [...new Set(series.flatMap((s) => s.points.map((p) => p.x)))].sort((a, b) => a - b);
  const ys = series.flatMap((s) => s.points.map((p) => p.y)).filter((y) => y !== null && y !== undefined && Number.isFinite(y));
  const colored = series.map((s, i) => ({ ...s, color: s.color ?? PALETTE[i % PALETTE.length], dash: DASHES[i % DASHES.length] }));
  if (xs.length === 0 || ys.length === 0) return h('p', { class: 'empty' }, empty ?? description ?? '');
  const draw = (width) => {
    const ticks = yTicks(Math.min(...ys), Math.max(...ys), height < 180 ? 3 : 4, yAtLeast, yInteger);
    // X labels are centred on their tick, so the plot leaves half a label of room at each end.
    const labelWidth = Math.max(...xs.map((x) => textWidth(xFormat(x)))) + 16;
    const left = Math.max(labelWidth / 2, Math.min(width * 0.3, Math.max(...ticks.map((t) => textWidth(yFormat(t)))) + 10));
    const plot = { left, top: 10, right: width - Math.max(14, labelWidth / 2), bottom: height - 24 };
    const xMin = xs[0];
    const xMax = xs[xs.length - 1];
    const xAt = (x) => (xMax === xMin ? (plot.left + plot.right) / 2 : plot.left + ((x - xMin) / (xMax - xMin)) * (plot.right - plot.left));
    const yMin = ticks[0];
    const yMax = ticks[ticks.length - 1];
    const yAt = (y) => plot.bottom - ((y - yMin) / (yMax - yMin || 1)) * (plot.bottom - plot.top);
    const root = frame(width, height, title, description);
    for (const t of ticks) {
      root.append(svg('line', { x1: plot.left, x2: plot.right, y1: yAt(t), y2: yAt(t), stroke: '#e3e8ee', 'stroke-width': 1 }),
        svg('text', { x: plot.left - 6, y: yAt(t) + 4, 'text-anchor': 'end' }, yFormat(t)));
    }
    // X ticks sit on real data points, each at least a label's width from the one before; the last
    // point always gets its label (replacing a neighbour too close to it).
    const tickXs = [];
    for (const x of xs) if (!tickXs.length || xAt(x) - xAt(tickXs.at(-1)) >= labelWidth) tickXs.push(x);
    if (tickXs.at(-1) !== xs.at(-1)) {
      if (xAt(xs.at(-1)) - xAt(tickXs.at(-1)) < labelWidth) tickXs.pop();
      tickXs.push(xs.at(-1));
    }
    for (const x of tickXs) {
      root.append(svg('line', { class: 'axis', x1: xAt(x), x2: xAt(x), y1: plot.bottom, y2: plot.bottom + 4 }),
        svg('text', { x: xAt(x), y: plot.bottom + 16, 'text-anchor': 'middle' }, xFormat(x)));
    }
    root.append(svg('line', { class: 'axis', x1: plot.left, x2: plot.right, y1: plot.bottom, y2: plot.bottom }),
      svg('line', { class: 'axis', x1: plot.left, x2: plot.left, y1: plot.top, y2: plot.bottom }));
    for (const s of colored) {
      // Consecutive points with values make one segment; a null breaks the line.
      const segments = [[]];
      for (const p of [...s.points].sort((a, b) => a.x - b.x)) {
        if (p.y === null || p.y === undefined) { if (segments.at(-1).length) segments.push([]); continue; }
        segments.at(-1).push(p);
      }
      for (const segment of segments.filter((seg) => seg.length)) {
        if (segment.length > 1) {
          root.append(svg('polyline', {
            points: segment.map((p) => `${xAt(p.x).toFixed(1)},${yAt(p.y).toFixed(1)}`).join(' '),
            fill: 'none', stroke: s.color, 'stroke-width': 2, 'stroke-dasharray': s.dash || undefined, 'stroke-linejoin': 'round',
          }));
        }
        if (segment.length === 1 || xs.length <= 40) {
          for (const p of segment) {
            root.append(svg('circle', { cx: xAt(p.x), cy: yAt(p.y), r: 3, fill: s.color },
              svg('title', {}, `${s.name} · ${xFormat(p.x)}: ${yFormat(p.y)}`)));
          }
        }
      }
    }
    return root;
  };
  const rows = xs.map((x) => [xFormat(x), ...colored.map((s) => {
    const p = s.points.find((q) => q.x === x);
    return p && p.y !== null && p.y !== undefined ? yFormat(p.y) : '–';
  })]);
  return h('figure', { class: 'stack', style: 'margin: 0' }, responsive(draw),
    legend(colored), dataTable(title, [xLabel ?? '', ...colored.map((s) => s.name)], rows));
}

/**
 * A horizontal bar chart: `bars` are `{ label, value }` (one bar each, labels on the left so long
 * names such as models fit). `valueLabel` heads the table's value column.
 */
export function barChart({ title, description, bars, labelHeading = '', valueLabel = '', format = String, color = PALETTE[0], empty }) {
  if (!bars.length) return h('p', { class: 'empty' }, empty ?? description ?? '');
  const rowHeight = 26;
  const height = bars.length * rowHeight + 30;
  const draw = (width) => {
    const labelSpace = Math.min(width * 0.38, Math.max(...bars.map((b) => textWidth(b.label))) + 10);
    const valueSpace = Math.max(...bars.map((b) => textWidth(format(b.value)))) + 10;
    const plot = { left: labelSpace, right: width - valueSpace, top: 6, bottom: height - 22 };
    const ticks = yTicks(0, Math.max(...bars.map((b) => b.value)), width < 420 ? 2 : 4, 1, Number.isInteger(Math.max(...bars.map((b) => b.value))));
    const max = ticks[ticks.length - 1] || 1;
    const xAt = (v) => plot.left + (v / max) * (plot.right - plot.left);
    const root = frame(width, height, title, description);
    for (const t of ticks) {
      root.append(svg('line', { x1: xAt(t), x2: xAt(t), y1: plot.top, y2: plot.bottom, stroke: '#e3e8ee' }),
        svg('text', { x: xAt(t), y: plot.bottom + 15, 'text-anchor': 'middle' }, format(t)));
    }
    bars.forEach((bar, i) => {
      const y = plot.top + i * rowHeight;
      const barWidth = Math.max(bar.value > 0 ? 2 : 0, xAt(bar.value) - plot.left);
      root.append(
        svg('text', { x: plot.left - 6, y: y + rowHeight / 2 + 4, 'text-anchor': 'end' }, fit(bar.label, labelSpace - 8),
          svg('title', {}, bar.label)),
        svg('rect', { x: plot.left, y: y + 4, width: barWidth, height: rowHeight - 8, rx: 2, fill: bar.color ?? color },
          svg('title', {}, `${bar.label}: ${format(bar.value)}`)),
        svg('text', { x: plot.left + barWidth + 4, y: y + rowHeight / 2 + 4 }, format(bar.value)));
    });
    root.append(svg('line', { class: 'axis', x1: plot.left, x2: plot.left, y1: plot.top, y2: plot.bottom }));
    return root;
  };
  return h('figure', { class: 'stack', style: 'margin: 0' }, responsive(draw),
    dataTable(title, [labelHeading, valueLabel], bars.map((b) => [b.label, format(b.value)])));
}

/**
 * A status timeline: one row per `rows` entry (`{ name, items: [{ at, status, label }] }`, `at` in
 * epoch ms, status `pass`/`warn`/`fail`) from `from` to `to`, each item a mark of `slotMs` width
 * coloured by status (with its label as tooltip). Screen readers get a table of counts per row.
 */
export function statusTimeline({ title, description, rows, from, to, slotMs, xFormat, statusNames, empty }) {
  if (!rows.length) return h('p', { class: 'empty' }, empty ?? description ?? '');
  const colors = { pass: '#1e7a3c', warn: '#b45309', fail: '#b42318' };
  const rowHeight = 22;
  const height = rows.length * rowHeight + 28;
  const draw = (width) => {
    const left = Math.min(width * 0.35, Math.max(...rows.map((r) => textWidth(r.name))) + 10);
    const labelWidth = Math.max(textWidth(xFormat(from)), textWidth(xFormat(to))) + 16;
    const plot = { left: Math.max(left, labelWidth / 2), right: width - labelWidth / 2, top: 4, bottom: height - 22 };
    const xAt = (at) => plot.left + ((at - from) / (to - from || 1)) * (plot.right - plot.left);
    const mark = Math.max(2, ((plot.right - plot.left) * slotMs) / (to - from || 1));
    const root = frame(width, height, title, description);
    rows.forEach((row, i) => {
      const y = plot.top + i * rowHeight;
      root.append(svg('rect', { x: plot.left, y: y + 3, width: plot.right - plot.left, height: rowHeight - 6, fill: '#f0f3f6' }),
        svg('text', { x: plot.left - 6, y: y + rowHeight / 2 + 4, 'text-anchor': 'end' }, fit(row.name, plot.left - 8), svg('title', {}, row.name)));
      for (const item of row.items) {
        root.append(svg('rect', { x: Math.min(xAt(item.at), plot.right - mark), y: y + 3, width: mark, height: rowHeight - 6, fill: colors[item.status] ?? PALETTE[6] },
          svg('title', {}, item.label)));
      }
    });
    const count = Math.max(2, Math.min(6, Math.floor((plot.right - plot.left) / labelWidth)));
    for (let i = 0; i < count; i++) {
      const at = from + ((to - from) * i) / (count - 1);
      root.append(svg('text', { x: xAt(at), y: plot.bottom + 16, 'text-anchor': 'middle' }, xFormat(at)));
    }
    return root;
  };
  const statuses = Object.keys(statusNames);
  return h('figure', { class: 'stack', style: 'margin: 0' }, responsive(draw),
    legend(statuses.map((s) => ({ name: statusNames[s], color: colors[s] }))),
    dataTable(title, ['', ...statuses.map((s) => statusNames[s])],
      rows.map((row) => [row.name, ...statuses.map((s) => String(row.items.filter((item) => item.status === s).length))])));
}
