// The other views: value-versus-effort chart, accounts, and the editable lists of
// accounts, teams (sources) and buckets. Every number comes from Rust.

import { h, svg, byId, replace, fmt, keepFocus } from './dom.js';
import { S, bucketColour } from './state.js';
import { change } from './app.js';
import { openDrawer } from './drawer.js';

// ----- chart -----

export function renderChart() {
  const view = byId('view-chart');
  const chart = S.wb ? JSON.parse(S.wb.chart()) : null;
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
      'aria-label': title, onclick: () => { S.selected = i; openDrawer(i); },
      onkeydown: (/** @type {KeyboardEvent} */ e) => { if (e.key === 'Enter') { S.selected = i; openDrawer(i); } } },
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

// ----- accounts -----

export function renderAccounts() {
  const view = byId('view-accounts');
  const accounts = JSON.parse(S.wb.accounts_json());
  if (!accounts.length) {
    replace(view, h('div', { class: 'empty-state' }, 'No accounts yet. Add them under “Accounts, teams & buckets”, then name them in requests\' asks.'));
    return;
  }
  accounts.sort((a, b) => b.arr - a.arr);
  replace(view, h('div', { class: 'cards' }, ...accounts.map((a) => h('article', { class: 'card' },
    h('h3', {}, a.strategic ? '★ ' : '', a.name),
    h('div', { class: 'meta', text: [`ARR ${fmt(a.arr)}`, a.segment, `${a.asks.length} ask${a.asks.length === 1 ? '' : 's'}`].filter(Boolean).join(' · ') }),
    a.asks.length
      ? h('ol', {}, ...a.asks.map((q) => h('li', {},
        h('span', { class: 'num', text: q.rank ? `#${q.rank}` : '–' }),
        h('span', { class: 't', title: `${q.title}${q.source ? ` — relayed by ${q.source}` : ''}` },
          h('button', { type: 'button', class: 'link', onclick: () => { S.selected = q.request; openDrawer(q.request); } }, q.title),
          q.single_account ? h('span', { class: 'badge', title: 'Only this account asks for it', text: 'alone' }) : null),
        h('span', { class: 'num', text: q.score === null ? '' : fmt(q.score) }))))
      : h('p', { class: 'muted', text: 'No asks.' }),
    a.single_account ? h('p', { class: 'warning', text: `${a.single_account} request${a.single_account === 1 ? ' is' : 's are'} asked for by this account alone.` }) : null))));
}

// ----- accounts, teams and buckets as editable tables -----

export function renderData() {
  const m = S.model;
  const view = byId('view-data');
  keepFocus(view, () => replace(view, h('div', { class: 'data' },
    h('h2', {}, 'Accounts'),
    table('accounts', m.accounts ?? [], [
      ['id', 'Id', 'text'], ['name', 'Name', 'text'], ['arr', 'ARR', 'number'], ['segment', 'Segment', 'text'], ['strategic', 'Strategic', 'checkbox'],
    ], () => ({ id: freshId(m.accounts, 'account'), name: 'New account' })),
    h('h2', {}, 'Teams that relay asks (sources)'),
    table('sources', m.sources ?? [], [
      ['id', 'Id', 'text'], ['label', 'Label', 'text'], ['credibility', 'Credibility 0–1', 'number'],
    ], () => ({ id: freshId(m.sources, 'team'), label: 'New team', credibility: 1 })),
    h('h2', {}, 'Portfolio buckets'),
    table('buckets', m.buckets ?? [], [
      ['id', 'Id', 'text'], ['label', 'Label', 'text'], ['min_share', 'Min share', 'number'], ['max_share', 'Max share', 'number'],
    ], () => ({ id: freshId(m.buckets, 'bucket'), label: 'New bucket' })))));
}

function freshId(list, base) {
  const ids = new Set((list ?? []).map((x) => x.id));
  let n = (list ?? []).length + 1;
  while (ids.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}

function table(path, items, cols, fresh) {
  const body = items.map((item, index) => {
    const cells = cols.map(([key, label, type]) => {
      const input = type === 'checkbox'
        ? h('input', { type: 'checkbox', checked: Boolean(item[key]), 'aria-label': `${label} of ${item.id}` })
        : h('input', { type, step: type === 'number' ? 'any' : null, value: item[key] ?? '', 'aria-label': `${label} of ${item.id}`,
          readonly: key === 'id' ? true : null, title: key === 'id' ? 'Ids are fixed: requests refer to them' : null });
      input.addEventListener('change', () => {
        const next = { ...item };
        if (type === 'checkbox') next[key] = input.checked;
        else if (input.value === '') delete next[key];
        else next[key] = type === 'number' ? Number(input.value) : input.value;
        change(() => S.wb.put_item(path, index, JSON.stringify(next)), { what: `Changing ${item.id}` });
      });
      return h('td', {}, input);
    });
    return h('tr', {}, ...cells, h('td', {}, h('button', { type: 'button', class: 'small ghost', 'aria-label': `Remove ${item.id}`,
      onclick: () => change(() => S.wb.remove_item(path, index), { what: `Removing ${item.id}` }) }, '✕')));
  });
  return h('div', {},
    h('table', {}, h('thead', {}, h('tr', {}, ...cols.map(([, label]) => h('th', { text: label })), h('th', {}))), h('tbody', {}, ...body)),
    h('button', { type: 'button', class: 'small ghost', onclick: () => change(() => S.wb.put_item(path, items.length, JSON.stringify(fresh())), { what: 'Adding' }) }, '+ add'));
}
