// The ranking: a virtualised list (only the rows in view exist), rows keyed by request so
// they slide to their new place when the order changes (FLIP; none with reduced motion).

import { h, byId, replace, fmt } from './dom.js';
import { S, FLAG_NAMES, criterionColour } from './state.js';
import { openDrawer } from './drawer.js';

const ROW_H = 32;
const OVERSCAN = 8;
/** @type {Map<number, HTMLElement>} request index → row element */
const rows = new Map();
let headKey = '';

export function setupRanking() {
  const list = byId('ranking');
  list.addEventListener('scroll', () => renderRanking(), { passive: true });
  window.addEventListener('resize', () => renderRanking());
  list.addEventListener('click', (ev) => {
    const row = /** @type {HTMLElement | null} */ (/** @type {HTMLElement} */ (ev.target).closest('.rank-row'));
    if (!row) return;
    select(Number(row.dataset.index));
    openDrawer(S.selected);
  });
  // Tabbing into the list lands on the selected row (or the first).
  list.addEventListener('focus', (ev) => {
    if (ev.target === list && S.visible.length) {
      if (S.selected < 0 || !S.visible.includes(S.selected)) select(S.visible[0]);
      scrollToSelected();
    }
  });
  list.addEventListener('focusin', (ev) => {
    const row = /** @type {HTMLElement | null} */ (/** @type {HTMLElement} */ (ev.target).closest('.rank-row'));
    if (row) showDetail(Number(row.dataset.index));
  });
  list.addEventListener('mouseover', (ev) => {
    const row = /** @type {HTMLElement | null} */ (/** @type {HTMLElement} */ (ev.target).closest('.rank-row'));
    if (row) showDetail(Number(row.dataset.index));
  });
}

function columns() {
  return `32px 28px minmax(180px, 3fr) minmax(64px, 0.7fr) ${'minmax(50px, 72px) '.repeat(S.k)} minmax(110px, 1.2fr)`;
}

function renderHead() {
  const key = `${S.revision}`;
  if (key === headKey) return;
  headKey = key;
  const head = byId('ranking-head');
  head.style.setProperty('--cols', columns());
  replace(head,
    h('span', { class: 'num', text: '#' }),
    h('span', { 'aria-label': 'Movement' }, '±'),
    h('span', {}, 'Request'),
    h('span', {}, 'Bucket'),
    ...S.model.criteria.map((c, k) => h('span', { class: 'crit', title: c.description },
      h('span', { class: 'swatch', style: `background:${criterionColour(k)}` }), h('span', { class: 'cell', text: c.label }))),
    h('span', { class: 'num' }, 'Score'));
}

export function renderRanking() {
  if (!S.wb) return;
  renderHead();
  const list = byId('ranking');
  const spacer = byId('ranking-spacer');
  const n = S.visible.length;
  spacer.style.height = `${n * ROW_H}px`;
  list.style.setProperty('--cols', columns());
  let empty = list.querySelector('.empty-state');
  if (n === 0) {
    for (const row of rows.values()) row.remove();
    rows.clear();
    if (!empty) {
      empty = h('div', { class: 'empty-state' });
      list.append(empty);
    }
    replace(empty, S.requests.length === 0
      ? h('span', {}, 'No requests yet. ', h('button', { type: 'button', class: 'link', onclick: () => byId('add-request').click() }, 'Add the first one'), ' (or press n).')
      : 'No request matches the filter.');
    return;
  }
  empty?.remove();
  const top = list.scrollTop;
  const height = list.clientHeight || 600;
  const first = Math.max(0, Math.floor(top / ROW_H) - OVERSCAN);
  const last = Math.min(n, Math.ceil((top + height) / ROW_H) + OVERSCAN);

  const maxScore = scoreScale();
  const wanted = new Map();
  /** @type {[HTMLElement, number, number][]} row, old position, new position */
  const moved = [];
  for (let pos = first; pos < last; pos++) {
    const i = S.visible[pos];
    let row = rows.get(i);
    const isNew = !row;
    if (!row) row = h('div', { class: 'rank-row row-grid', role: 'option', 'data-testid': 'rank-row', tabindex: '-1' });
    const oldPos = isNew ? pos : Number(row.dataset.pos);
    fillRow(row, i, pos, maxScore);
    wanted.set(i, row);
    if (oldPos !== pos) moved.push([row, oldPos, pos]);
    else row.style.transform = `translateY(${pos * ROW_H}px)`;
  }
  for (const [i, row] of rows) if (!wanted.has(i)) row.remove();
  rows.clear();
  // DOM order follows rank order (tests and screen readers read it so).
  let prev = spacer;
  for (let pos = first; pos < last; pos++) {
    const row = /** @type {HTMLElement} */ (wanted.get(S.visible[pos]));
    rows.set(S.visible[pos], row);
    if (prev.nextSibling !== row) prev.after(row);
    prev = row;
  }
  // FLIP: start moved rows at their old place, then let the transition carry them.
  if (moved.length) {
    for (const [row, from] of moved) {
      row.style.transition = 'none';
      row.style.transform = `translateY(${from * ROW_H}px)`;
    }
    void list.offsetHeight;
    for (const [row, , to] of moved) {
      row.style.transition = '';
      row.style.transform = `translateY(${to * ROW_H}px)`;
    }
  }
  if (S.selected >= 0 && !S.requests[S.selected]) S.selected = -1;
  // One tab stop: the selected row when it is rendered, else the list itself.
  list.tabIndex = rows.has(S.selected) ? -1 : 0;
}

/** The score that fills a bar: 100 for weighted sums, else the highest score. */
function scoreScale() {
  if (S.model.method === 'weighted-sum') return 100;
  let max = 0;
  for (const s of S.scores) if (s > max) max = s;
  return max || 1;
}

function fillRow(row, i, pos, maxScore) {
  const r = S.requests[i];
  row.dataset.index = String(i);
  row.dataset.pos = String(pos);
  row.dataset.requestId = r.id;
  row.setAttribute('aria-selected', String(i === S.selected));
  row.setAttribute('tabindex', i === S.selected ? '0' : '-1');
  // Rebuild the cells only when what they show changed: cheaper, and a click that
  // lands while the ranking refreshes keeps its target.
  const k0 = i * S.k;
  const sig = `${S.revision}|${S.ranks[i]}|${S.scores[i]}|${S.movement[i]}|${maxScore}|${S.contributions.subarray(k0, k0 + S.k).join(',')}`;
  if (row.dataset.sig === sig) return;
  row.dataset.sig = sig;
  const scored = S.scores.length > 0;
  const score = scored ? S.scores[i] : NaN;
  const move = scored ? S.movement[i] : 0;
  const k = S.k;
  const badges = [];
  for (const [bit, name] of FLAG_NAMES) {
    if (S.flags[i] & bit) badges.push(h('span', { class: `badge ${name}`, text: name }));
  }
  if (r.plan) badges.push(h('span', { class: 'badge plan', text: r.plan === 'must' ? 'must do' : 'never' }));
  const values = S.model.criteria.map((c, c_) => {
    const x = S.raw[i * k + c_];
    const origin = S.origins[i * k + c_];
    if (origin === 2) return h('span', { class: 'val missing', title: `${c.label}: missing; counted as the worst value, ${fmt(x)}` }, fmt(x));
    return h('span', { class: 'val', title: `${c.label}: ${x}${origin === 1 ? ' (derived)' : ''}` },
      fmt(x), origin === 1 ? h('span', { class: 'f', 'aria-label': 'derived' }, 'ƒ') : null);
  });
  const segments = [];
  let breakdown = '';
  if (scored && S.contributions.length) {
    const parts = [];
    S.model.criteria.forEach((c, c_) => {
      const x = S.contributions[i * k + c_];
      if (x > 0) segments.push(h('span', { style: `width:${(100 * x) / maxScore}%;background:${criterionColour(c_)}` }));
      parts.push(`${c.label} ${fmt(x)}`);
    });
    breakdown = `${fmt(score)} = ${parts.join(' + ')}`;
  } else if (scored) {
    segments.push(h('span', { style: `width:${Math.max(0, (100 * score) / maxScore)}%;background:var(--accent)` }));
    breakdown = `${fmt(score, 2)}`;
  }
  const bucket = r.bucket ? (S.model.buckets ?? []).find((b) => b.id === r.bucket) : null;
  replace(row,
    h('span', { class: 'rank', text: scored ? S.ranks[i] : '–' }),
    h('span', { class: `move ${move > 0 ? 'up' : move < 0 ? 'down' : ''}`, 'aria-label': move ? `moved ${move > 0 ? 'up' : 'down'} ${Math.abs(move)}` : null },
      move > 0 ? `▲${move}` : move < 0 ? `▼${-move}` : ''),
    h('span', { class: 'title-cell' },
      h('span', { class: 'title-text', text: r.title, title: r.title }),
      h('span', { class: 'rid', text: r.id }), ...badges),
    h('span', { class: 'bucket cell', text: bucket ? (bucket.label ?? bucket.id) : '' }),
    ...values,
    h('span', { class: 'score-cell', title: breakdown, 'aria-label': `score ${breakdown}` },
      h('span', { class: 'bar', 'aria-hidden': 'true' }, ...segments),
      h('span', { class: 'score-num', text: scored ? fmt(score) : '–' })));
}

function showDetail(i) {
  const r = S.requests[i];
  if (!r) return;
  const k = S.k;
  let text = `${r.id} · ${r.title}`;
  if (S.scores.length) {
    text += ` — rank ${S.ranks[i]}, score ${fmt(S.scores[i], 2)}`;
    if (S.contributions.length) {
      text += ' = ' + S.model.criteria.map((c, c_) => `${c.label} ${fmt(S.contributions[i * k + c_], 2)}`).join(' + ');
    }
  }
  byId('row-detail').textContent = text;
}

function select(i) {
  S.selected = i;
  for (const [j, row] of rows) {
    row.setAttribute('aria-selected', String(j === i));
    row.setAttribute('tabindex', j === i ? '0' : '-1');
  }
  byId('ranking').tabIndex = rows.has(i) ? -1 : 0;
  showDetail(i);
}

/** Moves the selection up or down the visible ranking and keeps it in view. */
export function moveSelection(step) {
  const n = S.visible.length;
  if (!n) return;
  const pos = S.visible.indexOf(S.selected);
  const next = pos < 0 ? 0 : Math.min(n - 1, Math.max(0, pos + step));
  select(S.visible[next]);
  scrollToSelected();
}

export function scrollToSelected() {
  const list = byId('ranking');
  const pos = S.visible.indexOf(S.selected);
  if (pos < 0) return;
  const y = pos * ROW_H;
  if (y < list.scrollTop) list.scrollTop = y;
  else if (y + ROW_H > list.scrollTop + list.clientHeight) list.scrollTop = y + ROW_H - list.clientHeight;
  renderRanking();
  rows.get(S.selected)?.focus({ preventScroll: true });
}
