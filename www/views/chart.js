// The chart: value (y) against the effort (x), one dot per request in its bucket's colour,
// the quadrant lines at the medians, axes with ticks, and labels for the top ten and the
// largest efforts — each placed where it overlaps nothing, or left out (the full title is
// on every dot, on hover and focus). Every number comes from Rust; past 1,500 requests it
// sends a sample (the best ranked, the largest efforts, an even spread of the rest) and
// the view says so. Redrawn when shown, after each change (a weight gesture: when it
// ends), and when its size changes.

import { h, svg, byId, replace } from '../lib/dom.js';
import { fmt, bucketColour } from '../lib/format.js';

/** @type {import('../store.js').Store} */ let store;
/** @type {Readonly<import('../store.js').State>} */ let S;

/** The most dots drawn; more requests are sampled (in Rust). */
const LIMIT = 1500;
/** Labelled: this many of the best ranked, and this many of the largest efforts. */
const TOP_LABELS = 10;
const HEAVY_LABELS = 4;
const LABEL_CHARS = 34;
let drawnWidth = 0;

/** @param {import('../store.js').Store} theStore */
export function mount(theStore) {
  store = theStore;
  S = store.state;
  store.subscribe('view', () => { if (S.view === 'chart') renderChart(); });
  store.subscribe('data', ({ live }) => { if (S.view === 'chart' && !live) renderChart(); });
  let pending = 0;
  new ResizeObserver(() => {
    if (S.view !== 'chart' || pending) return;
    pending = requestAnimationFrame(() => {
      pending = 0;
      if (Math.abs(byId('view-chart').clientWidth - drawnWidth) > 24) renderChart();
    });
  }).observe(byId('view-chart'));
}

const canvas = document.createElement('canvas').getContext('2d');
// The page's own font (the body's), so that widths measured here are the widths drawn.
const FONT = getComputedStyle(document.body).fontFamily || 'system-ui, sans-serif';
function textWidth(text, size = 11) {
  if (!canvas) return text.length * size * 0.55;
  canvas.font = `${size}px ${FONT}`;
  return canvas.measureText(text).width;
}

/** Round tick steps: 1, 2, 2.5 or 5 × 10ⁿ, about `count` of them over [lo, hi]. */
function ticks(lo, hi, count) {
  const span = hi - lo || 1;
  const raw = span / count;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * p).find((s) => s >= raw) ?? 10 * p;
  const first = Math.floor(lo / step + 1e-9) * step;
  const last = Math.ceil(hi / step - 1e-9) * step;
  const out = [];
  for (let t = first; t <= last + step * 1e-9; t += step) out.push(Math.round(t / step) * step);
  return { step, list: out };
}

function renderChart() {
  const view = byId('view-chart');
  const chart = S.wb ? S.wb.chart_sample(LIMIT) : null;
  if (!chart || !chart.total) {
    replace(view, h('div', { class: 'empty-state' },
      chart ? 'No requests to chart yet.' : 'The chart needs a cost criterion (the effort) and a scenario that can be ranked.'));
    return;
  }
  drawnWidth = view.clientWidth;
  const W = Math.max(300, drawnWidth - 24);
  const H = Math.round(Math.min(620, Math.max(280, view.clientHeight - 96, W * 0.45)));
  const narrowChart = W < 560;
  const L = 52, R = 14, T = 12, B = 46;
  const xTicks = ticks(Math.min(0, chart.x_min), chart.x_max || 1, narrowChart ? 4 : 8);
  const yTicks = ticks(Math.min(0, chart.y_min), chart.y_max || 1, narrowChart ? 4 : 6);
  const xLo = xTicks.list[0], xHi = Math.max(xTicks.list[xTicks.list.length - 1], chart.x_max);
  const yLo = yTicks.list[0], yHi = Math.max(yTicks.list[yTicks.list.length - 1], chart.y_max);
  const px = (x) => L + ((x - xLo) / (xHi - xLo || 1)) * (W - L - R);
  const py = (y) => H - B - ((y - yLo) / (yHi - yLo || 1)) * (H - T - B);
  const buckets = S.model.buckets ?? [];
  const bucketIndex = new Map(buckets.map((b, i) => [b.id, i]));
  const colour = (i) => {
    const b = S.requests[i].bucket;
    return b && bucketIndex.has(b) ? bucketColour(/** @type {number} */ (bucketIndex.get(b))) : 'var(--c7)';
  };
  const n = chart.index.length;
  const radius = n > 400 ? 3.5 : n > 60 ? 4.5 : 6;
  const tip = h('div', { class: 'chart-tip', role: 'status', hidden: true });
  const describe = (i, x, y) => `${S.requests[i].title}\n${S.requests[i].id} · rank ${S.ranks[i]} · value ${fmt(y, 2)} · ${chart.x_label} ${fmt(x, 2)}`;
  const showTip = (i, x, y) => {
    tip.textContent = describe(i, x, y);
    tip.hidden = false;
    const left = Math.min(px(x) + 12, W - 260);
    tip.style.cssText = `left:${Math.max(4, left)}px;top:${Math.max(0, py(y) - 8)}px`;
  };
  const hideTip = () => { tip.hidden = true; };

  // The dots, the lowest ranked first so that the best are drawn on top. The events are
  // the plot's (one listener each, not one per dot: there may be 1,500 of them).
  const dots = [];
  for (let j = n - 1; j >= 0; j--) {
    const i = chart.index[j];
    const x = chart.x[j], y = chart.y[j];
    const title = describe(i, x, y);
    // The top of the ranking is reachable by Tab; a dot per request for thousands would
    // be a keyboard trap (every request is in the ranking's list anyway).
    // (The title shows in the plot's own tooltip, on hover and focus: no <title> per dot.)
    dots.push(svg('circle', { class: 'dot', cx: px(x), cy: py(y), r: radius, fill: colour(i), tabindex: S.ranks[i] <= 50 ? '0' : null, role: 'button',
      'aria-label': title.replace('\n', ' — '), 'data-request-id': S.requests[i].id, 'data-j': j }));
  }
  /** The dot an event is about: [request index, x, y], or null. @param {Event} ev */
  const dotOf = (ev) => {
    const el = /** @type {Element} */ (ev.target);
    if (!el.classList?.contains('dot')) return null;
    const j = Number(/** @type {SVGElement} */ (el).dataset.j);
    return /** @type {[number, number, number]} */ ([chart.index[j], chart.x[j], chart.y[j]]);
  };
  const on = {
    onclick: (/** @type {Event} */ ev) => { const d = dotOf(ev); if (d) store.open(d[0]); },
    onmouseover: (/** @type {Event} */ ev) => { const d = dotOf(ev); if (d) showTip(...d); },
    onmouseout: (/** @type {Event} */ ev) => { if (dotOf(ev)) hideTip(); },
    onfocusin: (/** @type {Event} */ ev) => { const d = dotOf(ev); if (d) showTip(...d); },
    onfocusout: hideTip,
    onkeydown: (/** @type {KeyboardEvent} */ ev) => { const d = dotOf(ev); if (d && ev.key === 'Enter') store.open(d[0]); },
  };

  // Labels: the best ranked, then the largest efforts; each at the first place around its
  // dot where it overlaps no other label, no labelled dot and no quadrant name, inside
  // the plot — or not at all.
  const wanted = [];
  for (let j = 0; j < Math.min(TOP_LABELS, n); j++) wanted.push(j);
  const byEffort = [...Array(n).keys()].sort((a, b) => chart.x[b] - chart.x[a]);
  for (const j of byEffort.slice(0, HEAVY_LABELS)) if (!wanted.includes(j)) wanted.push(j);
  /** @type {{x0: number, y0: number, x1: number, y1: number}[]} */
  const taken = [];
  const quadrants = [
    ['Quick wins', L + 6, T + 13, 'start'], ['Big bets', W - R - 6, T + 13, 'end'],
    ['Fill-ins', L + 6, H - B - 7, 'start'], ['Money pits', W - R - 6, H - B - 7, 'end'],
  ];
  for (const [text, x, y, anchor] of quadrants) {
    const w = textWidth(/** @type {string} */ (text), 12) + 4;
    const x0 = anchor === 'start' ? /** @type {number} */ (x) : /** @type {number} */ (x) - w;
    taken.push({ x0, y0: /** @type {number} */ (y) - 11, x1: x0 + w, y1: /** @type {number} */ (y) + 3 });
  }
  for (const j of wanted) {
    const cx = px(chart.x[j]), cy = py(chart.y[j]);
    taken.push({ x0: cx - radius - 1, y0: cy - radius - 1, x1: cx + radius + 1, y1: cy + radius + 1 });
  }
  const overlaps = (a) => taken.some((b) => a.x0 < b.x1 + 2 && b.x0 < a.x1 + 2 && a.y0 < b.y1 + 1 && b.y0 < a.y1 + 1);
  const labelNodes = [];
  for (const j of wanted) {
    const i = chart.index[j];
    const title = S.requests[i].title;
    const text = title.length > LABEL_CHARS ? `${title.slice(0, LABEL_CHARS - 1).trimEnd()}…` : title;
    const w = textWidth(text) + 2, hgt = 13;
    const cx = px(chart.x[j]), cy = py(chart.y[j]);
    const g = radius + 4;
    const places = [
      [cx + g, cy - hgt / 2], [cx - g - w, cy - hgt / 2], [cx - w / 2, cy - g - hgt], [cx - w / 2, cy + g],
      [cx + g, cy - g - hgt + 4], [cx + g, cy + g - 4], [cx - g - w, cy - g - hgt + 4], [cx - g - w, cy + g - 4],
    ];
    for (const [x0, y0] of places) {
      const box = { x0, y0, x1: x0 + w, y1: y0 + hgt };
      if (x0 < L + 2 || box.x1 > W - R || y0 < T || box.y1 > H - B - 2 || overlaps(box)) continue;
      taken.push(box);
      labelNodes.push(svg('text', { class: 'label', x: x0 + 1, y: y0 + 10, 'data-request-id': S.requests[i].id, text },
        svg('title', { text: title })));
      break;
    }
  }

  const grid = [];
  for (const t of xTicks.list) {
    const x = px(t);
    grid.push(svg('line', { class: 'grid', x1: x, y1: T, x2: x, y2: H - B }),
      svg('line', { class: 'tick', x1: x, y1: H - B, x2: x, y2: H - B + 4 }),
      svg('text', { class: 'tick-label', x, y: H - B + 16, 'text-anchor': 'middle', text: fmt(t, 2) }));
  }
  for (const t of yTicks.list) {
    const y = py(t);
    grid.push(svg('line', { class: 'grid', x1: L, y1: y, x2: W - R, y2: y }),
      svg('line', { class: 'tick', x1: L - 4, y1: y, x2: L, y2: y }),
      svg('text', { class: 'tick-label', x: L - 7, y: y + 4, 'text-anchor': 'end', text: fmt(t, 2) }));
  }
  const mx = px(chart.x_median), my = py(chart.y_median);
  const quadrant = (text, x, y, anchor) => svg('text', { class: 'quadrant', x, y, 'text-anchor': anchor, text });
  const sampled = n < chart.total;
  const note = sampled
    ? `Showing ${n.toLocaleString()} of ${chart.total.toLocaleString()} requests: the ${Math.min(100, Math.floor(LIMIT / 5))} best ranked, the 20 largest efforts and an even spread of the rest (every request is in the ranking). Medians and axes are over all of them.`
    : `${chart.total} request${chart.total === 1 ? '' : 's'}. Labels: the top ${TOP_LABELS} and the largest efforts, where they fit; hover or focus a dot for its full title, click it to open it.`;
  replace(view, h('div', { class: 'chart-wrap' },
    h('div', { class: 'legend' }, ...buckets.map((b, i) => h('span', { style: `--dot:${bucketColour(i)}`, text: b.label ?? b.id })),
      h('span', { style: '--dot:var(--c7)', text: 'no bucket' })),
    h('p', { class: `chart-note muted small-print${sampled ? ' sampled' : ''}`, 'data-testid': 'chart-note', text: note }),
    h('div', { class: 'chart-box' },
      svg('svg', { width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: 'group', 'aria-label': `Value against ${chart.x_label}, one dot per request${sampled ? ' (a sample)' : ''}`, ...on },
        ...grid,
        svg('line', { class: 'axis', x1: L, y1: H - B, x2: W - R, y2: H - B }),
        svg('line', { class: 'axis', x1: L, y1: T, x2: L, y2: H - B }),
        svg('line', { class: 'median', x1: mx, y1: T, x2: mx, y2: H - B }),
        svg('line', { class: 'median', x1: L, y1: my, x2: W - R, y2: my }),
        ...quadrants.map(([text, x, y, anchor]) => quadrant(text, x, y, anchor)),
        svg('text', { class: 'axis-label', x: (L + W - R) / 2, y: H - 8, 'text-anchor': 'middle', text: `${chart.x_label} →   (dashed lines: the medians)` }),
        svg('text', { class: 'axis-label', x: 12, y: (T + H - B) / 2, 'text-anchor': 'middle', transform: `rotate(-90 12 ${(T + H - B) / 2})`,
          text: narrowChart ? 'Value →' : 'Value → (the benefit criteria\'s score)' }),
        ...dots, ...labelNodes),
      tip)));
}
