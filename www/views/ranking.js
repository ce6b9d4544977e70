// The ranking: the filter bar above it, a virtualised list (only the rows in view exist),
// rows keyed by request so they slide to their new place when the order changes (FLIP; none
// with reduced motion), and the detail line below it. Renders on every read of the
// scenario, weight frames included: this is the hot path.

import { h, byId, replace } from '../lib/dom.js';
import { fmt, criterionColour } from '../lib/format.js';
import { FLAG_NAMES, NO_BUCKET } from '../store.js';
import { stripKey, stripColumn, stripHead, stripCell, fillStrip, renderAgreement } from '../lib/rank-strip.js';

/** @type {import('../store.js').Store} */ let store;
/** @type {Readonly<import('../store.js').State>} */ let S;

const ROW_H = 32;
const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');
/** The ranking's scroll offset and height, as last measured. */
const viewport = { top: 0, height: 800 };
/** @type {WeakMap<HTMLElement, Animation>} */
const running = new WeakMap();
const OVERSCAN = 8;
/** @type {Map<number, HTMLElement>} request index → row element */
const rows = new Map();
let headKey = '';
/** Whether the first ranking has been marked for the benchmarks (performance.mark). */
let marked = false;
/** @type {HTMLElement} */ let countEl;

/**
 * Mounts the ranking and its filter bar; returns what the page's keys need of it.
 * @param {import('../store.js').Store} theStore
 */
export function mount(theStore) {
  store = theStore;
  S = store.state;
  countEl = byId('filter-count');
  const list = byId('ranking');
  // The list's scroll position and height are read only when they change (on scroll and
  // resize): reading them during a render would force a layout of the whole page.
  const measure = () => {
    viewport.top = list.scrollTop;
    viewport.height = list.clientHeight || viewport.height;
  };
  list.addEventListener('scroll', () => { measure(); renderRanking(); }, { passive: true });
  new ResizeObserver(() => { measure(); renderRanking(); }).observe(list);
  list.addEventListener('click', (ev) => {
    const row = /** @type {HTMLElement | null} */ (/** @type {HTMLElement} */ (ev.target).closest('.rank-row'));
    if (row) store.open(Number(row.dataset.index));
  });
  // Tabbing into the list lands on the selected row (or the first).
  list.addEventListener('focus', (ev) => {
    if (ev.target === list && S.visible.length) {
      store.select(S.selected < 0 || !S.visible.includes(S.selected) ? S.visible[0] : S.selected, { reveal: true });
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

  const text = byId('filter-text');
  const bucket = byId('filter-bucket');
  const tag = byId('filter-tag');
  const flag = byId('filter-flag');
  for (const el of [text, bucket, tag, flag]) {
    el.addEventListener('input', () => store.setFilter({ text: text.value, bucket: bucket.value, tag: tag.value, flag: Number(flag.value || 0) }));
  }
  byId('add-request').addEventListener('click', () => store.addRequest());

  store.subscribe('scenario', resetRanking);
  store.subscribe('data', ({ structural }) => {
    if (structural) renderFilterOptions();
    renderCount();
    renderRanking();
    if (!marked && S.wb) {
      marked = true;
      requestAnimationFrame(() => performance.mark('thresh-first-ranking'));
    }
  });
  store.subscribe('filter', () => { renderCount(); renderRanking(); });
  // The team's views: the rank strip and the agreement line (lib/rank-strip.js).
  store.subscribe('team', () => { renderAgreement(byId('ranking-agreement'), S); renderRanking(); });
  store.subscribe('data', () => renderAgreement(byId('ranking-agreement'), S));
  store.subscribe('selection', ({ reveal }) => {
    markSelected();
    showDetail(S.selected);
    if (reveal) scrollToSelected();
  });
  return {
    /** Puts the focus in the filter's text (the `/` key). */
    focusFilter() { byId('filter-text').focus(); },
  };
}

/** The bucket and tag choices of the filter, from the scenario (the store keeps the chosen ones valid). */
function renderFilterOptions() {
  const bucketSel = byId('filter-bucket');
  const tagSel = byId('filter-tag');
  replace(bucketSel, h('option', { value: '' }, 'any bucket'),
    ...(S.model.buckets ?? []).map((b) => h('option', { value: b.id }, b.label ?? b.id)),
    h('option', { value: NO_BUCKET }, 'no bucket'));
  const tags = [...new Set(S.requests.flatMap((r) => r.tags))].sort();
  replace(tagSel, h('option', { value: '' }, 'any tag'), ...tags.map((t) => h('option', { value: t }, t)));
  bucketSel.value = S.filter.bucket;
  tagSel.value = S.filter.tag;
}

function renderCount() {
  const count = S.visible.length === S.requests.length
    ? `${S.requests.length} requests` : `${S.visible.length} of ${S.requests.length} requests`;
  if (countEl.textContent !== count) countEl.textContent = count;
}

function columns() {
  return `30px 30px minmax(160px, 3fr) minmax(60px, 0.6fr) ${'minmax(46px, 62px) '.repeat(S.k)} minmax(130px, 1.4fr)${stripColumn(S)}`;
}

/** Forgets every row and cached header: another scenario is shown. */
function resetRanking() {
  for (const row of rows.values()) row.remove();
  rows.clear();
  headKey = '';
  byId('row-detail').textContent = '';
}

function renderHead() {
  const key = `${S.gen}|${S.revision}|${stripKey(S)}`;
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
    h('span', { class: 'num' }, 'Score'),
    stripHead(S));
}

function renderRanking() {
  if (!S.wb) return;
  renderHead();
  const list = byId('ranking');
  const spacer = byId('ranking-spacer');
  const n = S.visible.length;
  // Style writes only when they change: each one invalidates the layout of every row.
  const height = `${n * ROW_H}px`;
  if (spacer.style.height !== height) spacer.style.height = height;
  const cols = columns();
  if (list.style.getPropertyValue('--cols') !== cols) list.style.setProperty('--cols', cols);
  let empty = list.querySelector('.empty-state');
  if (n === 0) {
    for (const row of rows.values()) row.remove();
    rows.clear();
    if (!empty) {
      empty = h('div', { class: 'empty-state' });
      list.append(empty);
    }
    replace(empty, S.requests.length === 0
      ? h('span', {}, 'No requests yet. ', h('button', { type: 'button', class: 'link', onclick: () => store.addRequest() }, 'Add the first one'), ' (or press n).')
      : 'No request matches the filter.');
    return;
  }
  empty?.remove();
  const top = viewport.top;
  const viewHeight = viewport.height;
  const first = Math.max(0, Math.floor(top / ROW_H) - OVERSCAN);
  const last = Math.min(n, Math.ceil((top + viewHeight) / ROW_H) + OVERSCAN);

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
    else {
      const at = `translateY(${pos * ROW_H}px)`;
      if (row.style.transform !== at) row.style.transform = at;
    }
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
  // FLIP with the Web Animations API: each moved row is placed at once and animated
  // from its old place, with no forced layout in between.
  const animate = !reducedMotion.matches;
  for (const [row, from, to] of moved) {
    const target = `translateY(${to * ROW_H}px)`;
    row.style.transform = target;
    if (animate) {
      // (getAnimations() would flush styles; remember our own animation instead.)
      running.get(row)?.cancel();
      running.set(row, row.animate([{ transform: `translateY(${from * ROW_H}px)` }, { transform: target }],
        { duration: 140, easing: 'ease-out' }));
    }
  }
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

/**
 * @typedef {{rank: HTMLElement, move: HTMLElement, bar: HTMLElement, scoreCell: HTMLElement,
 *   scoreNum: HTMLElement, strip: HTMLElement | null, shown: string}} RowParts
 * @type {WeakMap<HTMLElement, RowParts>} the parts of a row that change with the weights
 */
const parts = new WeakMap();

function fillRow(row, i, pos, maxScore) {
  const r = S.requests[i];
  row.dataset.index = String(i);
  row.dataset.pos = String(pos);
  const selected = String(i === S.selected);
  if (row.getAttribute('aria-selected') !== selected) {
    row.setAttribute('aria-selected', selected);
    row.setAttribute('tabindex', i === S.selected ? '0' : '-1');
  }
  // The cells are built when the row shows another request or the scenario changed;
  // a weight change only updates the numbers in place (cheap, and a click that lands
  // while the ranking refreshes keeps its target).
  const struct = `${S.gen}|${S.revision}|${i}|${stripKey(S)}`;
  let p = parts.get(row);
  if (!p || row.dataset.struct !== struct) {
    p = buildRow(row, r, i);
    parts.set(row, p);
    row.dataset.struct = struct;
  }
  updateRow(p, i, maxScore);
}

/** @returns {RowParts} */
function buildRow(row, r, i) {
  row.dataset.requestId = r.id;
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
  const bucket = r.bucket ? (S.model.buckets ?? []).find((b) => b.id === r.bucket) : null;
  const p = {
    rank: h('span', { class: 'rank' }),
    move: h('span', { class: 'move' }),
    bar: h('span', { class: 'bar', 'aria-hidden': 'true' }),
    scoreNum: h('span', { class: 'score-num' }),
    scoreCell: h('span', { class: 'score-cell' }),
    strip: stripCell(S),
    shown: '',
  };
  p.scoreCell.append(p.bar, p.scoreNum);
  replace(row,
    p.rank,
    p.move,
    h('span', { class: 'title-cell' },
      h('span', { class: 'title-text', text: r.title, title: r.title }),
      h('span', { class: 'rid', text: r.id }), ...badges),
    h('span', { class: 'bucket cell', text: bucket ? (bucket.label ?? bucket.id) : '' }),
    ...values,
    p.scoreCell,
    p.strip);
  return p;
}

/** Writes the numbers that change with the weights, when they changed. */
function updateRow(p, i, maxScore) {
  fillStrip(p.strip, S, i);
  const k = S.k;
  const ranked = S.scores.length > 0;
  // An unscorable request is ranked (after every scored one) but has no score: NaN.
  const scored = ranked && !Number.isNaN(S.scores[i]);
  const score = scored ? S.scores[i] : NaN;
  const move = scored ? S.movement[i] : 0;
  const contributions = scored && S.contributions.length ? S.contributions.subarray(i * k, i * k + k) : null;
  const shown = `${ranked ? S.ranks[i] : '-'}|${score}|${move}|${maxScore}|${contributions ? contributions.join(',') : ''}`;
  if (p.shown === shown) return;
  p.shown = shown;
  p.rank.textContent = ranked ? String(S.ranks[i]) : '–';
  p.move.className = `move ${move > 0 ? 'up' : move < 0 ? 'down' : ''}`;
  p.move.textContent = move > 0 ? `▲${move}` : move < 0 ? `▼${-move}` : '';
  if (move) p.move.setAttribute('aria-label', `moved ${move > 0 ? 'up' : 'down'} ${Math.abs(move)}`);
  else p.move.removeAttribute('aria-label');
  // The bar is one gradient with a hard stop per criterion: repainted, never re-laid out.
  const stops = [];
  let at = 0;
  const segment = (colour, share) => {
    const to = Math.min(100, at + Math.max(0, share));
    stops.push(`${colour} ${at}% ${to}%`);
    at = to;
  };
  if (contributions && scored) {
    S.model.criteria.forEach((c, c_) => segment(criterionColour(c_), (100 * contributions[c_]) / maxScore));
  } else if (scored) {
    segment('var(--accent)', (100 * score) / maxScore);
  }
  const breakdown = scoreBreakdown(i, 1);
  stops.push(`transparent ${at}% 100%`);
  p.bar.style.backgroundImage = `linear-gradient(to right, ${stops.join(', ')})`;
  p.scoreCell.title = breakdown;
  p.scoreCell.setAttribute('aria-label', `score ${breakdown}`);
  p.scoreNum.textContent = scored ? fmt(score) : '–';
}

/** "52.8 = Reach 30.8 + Urgency 0 + …" (weighted sum), or the score alone; '' unscored. */
function scoreBreakdown(i, digits) {
  if (!S.scores.length) return '';
  if (Number.isNaN(S.scores[i])) return 'not scored (see the warning)';
  if (!S.contributions.length) return fmt(S.scores[i], 2);
  const k = S.k;
  const parts = S.model.criteria.map((c, c_) => `${c.label} ${fmt(S.contributions[i * k + c_], digits)}`);
  return `${fmt(S.scores[i], digits)} = ${parts.join(' + ')}`;
}

function showDetail(i) {
  const r = S.requests[i];
  if (!r) return;
  let text = `${r.id} · ${r.title}`;
  if (S.scores.length) text += ` — rank ${S.ranks[i]}, score ${scoreBreakdown(i, 2)}`;
  byId('row-detail').textContent = text;
}

/** Marks the selected row (one tab stop: it, or the list when it is not rendered). */
function markSelected() {
  const i = S.selected;
  for (const [j, row] of rows) {
    row.setAttribute('aria-selected', String(j === i));
    row.setAttribute('tabindex', j === i ? '0' : '-1');
  }
  byId('ranking').tabIndex = rows.has(i) ? -1 : 0;
}

/** Scrolls the selected row into view and focuses it. */
function scrollToSelected() {
  const list = byId('ranking');
  const pos = S.visible.indexOf(S.selected);
  if (pos < 0) return;
  const y = pos * ROW_H;
  if (y < list.scrollTop) list.scrollTop = y;
  else if (y + ROW_H > list.scrollTop + list.clientHeight) list.scrollTop = y + ROW_H - list.clientHeight;
  viewport.top = list.scrollTop;
  viewport.height = list.clientHeight || viewport.height;
  renderRanking();
  rows.get(S.selected)?.focus({ preventScroll: true });
}
