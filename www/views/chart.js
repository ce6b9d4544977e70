// The chart: value (y) against the cost criterion (x), one dot per request in its bucket's
// colour, the quadrant lines at the medians, labels for the top ten. Every number comes
// from Rust. Redrawn when shown and after each change (a weight gesture: when it ends).

import { h, svg, byId, replace } from '../lib/dom.js';
import { fmt, bucketColour } from '../lib/format.js';

/** @type {import('../store.js').Store} */ let store;
/** @type {Readonly<import('../store.js').State>} */ let S;

/** @param {import('../store.js').Store} theStore */
export function mount(theStore) {
  store = theStore;
  S = store.state;
  store.subscribe('view', () => { if (S.view === 'chart') renderChart(); });
  store.subscribe('data', ({ live }) => { if (S.view === 'chart' && !live) renderChart(); });
}

function renderChart() {
  const view = byId('view-chart');
  const chart = S.wb ? S.wb.chart() : null;
  if (!chart || !chart.x.length) {
    replace(view, h('div', { class: 'empty-state' },
      chart ? 'No requests to chart yet.' : 'The chart needs a cost criterion and a scenario that can be ranked.'));
    return;
  }
  const W = 960, H = 520, L = 60, R = 30, T = 24, B = 50;
  const xs = chart.x, ys = chart.y;
  const xMax = Math.max(...xs) || 1, yMax = Math.max(...ys) || 1;
  const xMin = Math.min(0, ...xs), yMin = Math.min(0, ...ys);
  const px = (x) => L + ((x - xMin) / (xMax - xMin || 1)) * (W - L - R);
  const py = (y) => H - B - ((y - yMin) / (yMax - yMin || 1)) * (H - T - B);
  const buckets = S.model.buckets ?? [];
  const bucketIndex = new Map(buckets.map((b, i) => [b.id, i]));
  const colour = (i) => {
    const b = S.requests[i].bucket;
    return b && bucketIndex.has(b) ? bucketColour(/** @type {number} */ (bucketIndex.get(b))) : 'var(--c7)';
  };
  const top = new Set(Array.from(S.order.slice(0, 10)));
  const mx = px(chart.x_median), my = py(chart.y_median);
  const dots = [];
  const labels = [];
  xs.forEach((x, i) => {
    const r = S.requests[i];
    const title = `${r.id} · ${r.title}\nrank ${S.ranks[i]} · value ${fmt(ys[i], 2)} · ${chart.x_label} ${fmt(x, 2)}`;
    // The top of the ranking is reachable by Tab; a dot per request for thousands would
    // be a keyboard trap (every request is in the ranking's list anyway).
    dots.push(svg('circle', { class: 'dot', cx: px(x), cy: py(ys[i]), r: 6, fill: colour(i), tabindex: S.ranks[i] <= 50 ? '0' : null, role: 'button',
      'aria-label': title, onclick: () => store.open(i),
      onkeydown: (/** @type {KeyboardEvent} */ e) => { if (e.key === 'Enter') store.open(i); } },
    svg('title', { text: title })));
    if (top.has(i)) labels.push({ x: px(x), y: py(ys[i]), text: r.title.length > 26 ? `${r.title.slice(0, 25)}…` : r.title });
  });
  // Labels for the top ten: right of the dot (left near the right edge), nudged apart
  // vertically so they do not overlap.
  labels.sort((a, b) => a.y - b.y);
  const placed = [];
  for (const l of labels) {
    const left = l.x > W - R - 170;
    const x0 = left ? l.x - 9 - 6.2 * l.text.length : l.x + 9;
    let y = l.y + 4;
    for (const p of placed) {
      const overlapX = x0 < p.x0 + p.w && p.x0 < x0 + 6.2 * l.text.length;
      if (overlapX && Math.abs(p.y - y) < 13) y = p.y + 13;
    }
    placed.push({ x0, y, w: 6.2 * l.text.length, text: l.text, anchor: left ? 'end' : 'start', ax: left ? l.x - 9 : l.x + 9 });
  }
  const labelNodes = placed.map((p) => svg('text', { class: 'label', x: p.ax, y: p.y, 'text-anchor': p.anchor, text: p.text }));
  const quadrant = (text, x, y, anchor) => svg('text', { class: 'quadrant', x, y, 'text-anchor': anchor, text });
  replace(view, h('div', { class: 'chart-wrap' },
    h('div', { class: 'legend' }, ...buckets.map((b, i) => h('span', { style: `--dot:${bucketColour(i)}`, text: b.label ?? b.id })),
      h('span', { style: '--dot:var(--c7)', text: 'no bucket' })),
    svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'group', 'aria-label': `Value against ${chart.x_label}, one dot per request` },
      svg('line', { class: 'axis', x1: L, y1: H - B, x2: W - R, y2: H - B }),
      svg('line', { class: 'axis', x1: L, y1: T, x2: L, y2: H - B }),
      svg('line', { class: 'median', x1: mx, y1: T, x2: mx, y2: H - B }),
      svg('line', { class: 'median', x1: L, y1: my, x2: W - R, y2: my }),
      quadrant('Quick wins', L + 8, T + 14, 'start'),
      quadrant('Big bets', W - R - 8, T + 14, 'end'),
      quadrant('Fill-ins', L + 8, H - B - 8, 'start'),
      quadrant('Money pits', W - R - 8, H - B - 8, 'end'),
      svg('text', { class: 'axis-label', x: (L + W - R) / 2, y: H - 12, 'text-anchor': 'middle', text: `${chart.x_label} →  (dashed lines: medians)` }),
      svg('text', { class: 'axis-label', x: 14, y: (T + H - B) / 2, 'text-anchor': 'middle', transform: `rotate(-90 14 ${(T + H - B) / 2})`, text: 'Value →' }),
      svg('text', { class: 'axis-label', x: L - 6, y: H - B + 4, 'text-anchor': 'end', text: fmt(yMin) }),
      svg('text', { class: 'axis-label', x: L - 6, y: T + 8, 'text-anchor': 'end', text: fmt(yMax) }),
      svg('text', { class: 'axis-label', x: L, y: H - B + 16, 'text-anchor': 'middle', text: fmt(xMin) }),
      svg('text', { class: 'axis-label', x: W - R, y: H - B + 16, 'text-anchor': 'end', text: fmt(xMax) }),
      ...dots, ...labelNodes)));
}
