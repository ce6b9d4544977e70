// The ranking: the filter bar above it, a virtualised list (only the rows in view exist),
// rows keyed by request so they slide to their new place when the order changes (FLIP; none
// with reduced motion), and the footer line below it. Renders on every read of the
// scenario, weight frames included: this is the hot path.
//
// Columns: criteria at weight 0 are left out unless the PM shows them; every column is as
// wide as what it holds (measured once per change of the model, never per frame), and the
// title takes the rest. Archived requests are listed after the ranking, unranked, when the
// PM asks for them.

import { h, byId, replace } from '../lib/dom.js';
import { fmt, criterionColour, jsonNumber, reasonInWords } from '../lib/format.js';
import { FLAG_NAMES, NO_BUCKET } from '../store.js';
import { stripKey, stripColumn, stripWidth, stripHead, stripCell, fillStrip, renderAgreement } from '../lib/rank-strip.js';

/** @type {import('../store.js').Store} */ let store;
/** @type {Readonly<import('../store.js').State>} */ let S;

const ROW_H = 32;
const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');
/** A phone: rank, title and score only (the rest is in the drawer). */
const narrow = window.matchMedia('(max-width: 700px)');
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

/** The criteria shown as columns (indices), and whether those at weight 0 are shown too. */
let shown = /** @type {number[]} */ ([]);
let showZero = false;
/** The grid template, and the title column's width in px (for fitting badges), as last laid out. */
let template = '';
let titleWidth = 300;
/** The request the footer line describes (-1: the whole ranking). */
let footerFor = -1;

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
  new ResizeObserver(() => {
    measure();
    const width = list.clientWidth;
    if (width && Math.abs(width - available) > 8) { available = width; headKey = ''; }
    const w = byId('ranking-head').querySelector('.h-title')?.getBoundingClientRect().width;
    if (w && Math.abs(w - titleWidth) > 4) { titleWidth = w; refit(); }
    renderRanking();
  }).observe(list);
  narrow.addEventListener('change', () => { headKey = ''; renderRanking(); });
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
    if (row) showFooter(Number(row.dataset.index));
  });
  list.addEventListener('mouseover', (ev) => {
    const target = /** @type {HTMLElement} */ (ev.target);
    const row = /** @type {HTMLElement | null} */ (target.closest('.rank-row'));
    if (!row) return;
    showFooter(Number(row.dataset.index));
    const cell = /** @type {HTMLElement | null} */ (target.closest('.val'));
    if (cell) explainCell(cell, Number(row.dataset.index));
  });
  list.addEventListener('mouseleave', () => showFooter(S.selected));

  const text = byId('filter-text');
  const bucket = byId('filter-bucket');
  const tag = byId('filter-tag');
  const flag = byId('filter-flag');
  const status = byId('filter-status');
  for (const el of [text, bucket, tag, flag, status]) {
    el.addEventListener('input', () => store.setFilter({ text: text.value, bucket: bucket.value, tag: tag.value,
      flag: Number(flag.value || 0), status: status.value }));
  }
  byId('show-archived').addEventListener('click', () => store.setFilter({ archived: !S.filter.archived }));
  byId('show-zero').addEventListener('click', () => {
    showZero = !showZero;
    updateShown(true);
    renderCount();
    renderRanking();
  });
  byId('add-request').addEventListener('click', () => store.addRequest());

  store.subscribe('scenario', resetRanking);
  store.subscribe('data', ({ structural, live }) => {
    if (structural) renderFilterOptions();
    // During a weight drag the columns stay as they are; they follow when it ends.
    if (structural || !live) updateShown(structural);
    renderCount();
    renderRanking();
    showFooter(footerFor);
    renderNotes();
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
    showFooter(S.selected);
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
  byId('filter-status').value = S.filter.status;
}

/** How many requests are archived (done, declined): they are not ranked. Counted once per change of the requests. */
function archivedCount() {
  const key = `${S.gen}|${S.revision}`;
  if (archived.key !== key) {
    let n = 0;
    for (const r of S.requests) if (r.status === 'done' || r.status === 'declined') n++;
    archived.key = key;
    archived.n = n;
  }
  return archived.n;
}
const archived = { key: '', n: 0 };

function renderCount() {
  const archived = archivedCount();
  const active = S.requests.length - archived;
  const listed = S.visible.length;
  const count = listed === active && !S.filter.archived ? `${active} requests`
    : listed === S.requests.length ? `${listed} requests` : `${listed} of ${S.filter.archived ? S.requests.length : active} requests`;
  if (countEl.textContent !== count) countEl.textContent = count;
  const arch = byId('show-archived');
  arch.hidden = archived === 0;
  const archText = S.filter.archived ? `hide ${archived} archived` : `+ ${archived} archived`;
  if (arch.textContent !== archText) arch.textContent = archText;
  arch.setAttribute('aria-pressed', String(S.filter.archived));
  arch.title = S.filter.archived ? 'Hide the requests that are done or declined' : 'Show the requests that are done or declined (not ranked), after the ranking';
  const zero = byId('show-zero');
  const atZero = S.model ? S.model.criteria.length - S.model.criteria.filter((_, k) => S.weights[k] > 0).length : 0;
  zero.hidden = atZero === 0;
  const zeroText = showZero ? `hide weight-0 criteria` : `+ ${atZero} criteri${atZero === 1 ? 'on' : 'a'} at weight 0`;
  if (zero.textContent !== zeroText) zero.textContent = zeroText;
  zero.setAttribute('aria-pressed', String(showZero));
}

/**
 * The criteria shown as columns: weighted above 0, or all when the PM shows them. When
 * the set changes (or `force`), the columns are laid out again.
 */
function updateShown(force) {
  if (!S.model) return;
  const all = S.model.criteria.map((_, k) => k);
  let next = showZero ? all : all.filter((k) => S.weights[k] > 0);
  if (!next.length) next = all;
  if (force || next.join() !== shown.join()) {
    shown = next;
    headKey = '';
    for (const row of rows.values()) row.dataset.struct = '';
  }
}

// ----- widths -----

const canvas = document.createElement('canvas').getContext('2d');
// The page's own font (the body's), so that widths measured here are the widths drawn.
const FONT = getComputedStyle(document.body).fontFamily || 'system-ui, sans-serif';
/** Text width in px at `size` px (and `weight`), measured, not laid out. */
function textWidth(text, size = 13, weight = 400) {
  if (text.length > 400) text = text.slice(0, 400);
  if (!canvas) return text.length * size * 0.55;
  canvas.font = `${weight} ${size}px ${FONT}`;
  return canvas.measureText(text).width;
}

/** The narrowest width that sets `words` in at most `lines` lines of `size` px (and `weight`). */
function wrapWidth(text, lines, size, weight = 400) {
  // Words break at spaces and after hyphens, as the browser breaks them.
  const words = text.split(/\s+|(?<=-)/).filter(Boolean);
  const widths = words.map((w) => textWidth(w, size, weight));
  const space = textWidth(' ', size, weight);
  let lo = Math.max(...widths, 0);
  const fits = (w) => {
    let n = 1;
    let line = 0;
    for (const x of widths) {
      if (line === 0) line = x;
      else if (line + space + x <= w) line += space + x;
      else { n++; line = x; }
    }
    return n <= lines;
  };
  let hi = textWidth(text, size, weight);
  if (fits(lo)) return lo;
  while (hi - lo > 1) {
    const mid = (lo + hi) / 2;
    if (fits(mid)) hi = mid; else lo = mid;
  }
  return hi;
}

/** What a criterion's column holds, in two or three words under its label. */
function sublabel(c) {
  const from = { 'asks-count': 'ƒ asks', 'asks-arr': 'ƒ ARR', 'asks-strategic': 'ƒ strategic', deadline: 'ƒ deadline' }[c.derive ?? ''];
  const relative = S.model.method === 'weighted-sum' && c.scale !== 'fixed';
  return `${from ?? (c.direction === 'cost' ? 'entered, cost' : 'entered')}${relative ? ' · relative' : ''}`;
}

/**
 * The grid template: rank, movement, title, bucket, the shown criteria, score. Each
 * criterion's column is as narrow as its numbers and its label in three lines; where the
 * titles leave room (a wide window), labels take two lines or one instead.
 */
function columns() {
  if (narrow.matches) return '22px minmax(0, 1fr) 100px';
  const buckets = S.model.buckets ?? [];
  const bucketW = buckets.length
    ? Math.ceil(Math.min(150, Math.max(52, ...buckets.map((b) => textWidth(b.label ?? b.id, 13))))) : 0;
  const sample = Math.min(S.n, 200);
  /** Per criterion: its width with the label in 1, 2 and 3 lines. */
  const options = shown.map((k) => {
    const c = S.model.criteria[k];
    let values = 36;
    for (let i = 0; i < sample; i++) values = Math.max(values, textWidth(fmt(S.raw[i * S.k + k]), 13) + 10);
    // The small print wraps past 90 px ("entered, cost · relative" in two lines).
    const base = Math.max(40, values, Math.min(textWidth(sublabel(c), 11), 90));
    return [1, 2, 3].map((lines) => Math.ceil(Math.max(base, Math.min(wrapWidth(c.label, lines, 12, 600), 220))) + 3);
  });
  const score = available > 1500 ? 150 : 104;
  let titleNeed = 0;
  for (let i = 0; i < sample; i++) titleNeed = Math.max(titleNeed, textWidth(S.requests[i].title, 14) + textWidth(S.requests[i].id, 12) + 20);
  titleNeed = Math.min(Math.max(titleNeed, 160), 480);
  const gaps = 8 * (4 + (bucketW ? 1 : 0) + shown.length);
  const widths = options.map((o) => o[2]);
  let spare = available - 24 - 48 - bucketW - score - gaps - titleNeed - stripWidth(S) - widths.reduce((a, b) => a + b, 0);
  for (const lines of [1, 0]) {
    const order = widths.map((w, j) => [options[j][lines] - w, j]).sort((a, b) => a[0] - b[0]);
    for (const [cost, j] of order) if (cost <= spare) { widths[j] += cost; spare -= cost; }
  }
  return `24px 24px minmax(140px, 1fr) ${bucketW ? `${bucketW}px ` : ''}${widths.map((w) => `${w}px`).join(' ')} ${score}px${stripColumn(S)}`;
}

/** The ranking's width as last measured (the columns are fitted to it). */
let available = 1000;

/** Forgets every row and cached header: another scenario is shown. */
function resetRanking() {
  for (const row of rows.values()) row.remove();
  rows.clear();
  headKey = '';
  footerFor = -1;
  byId('row-detail').textContent = '';
}

function renderHead() {
  const key = `${S.gen}|${S.revision}|${shown.join()}|${narrow.matches}|${available}|${stripKey(S)}`;
  if (key === headKey) return;
  headKey = key;
  template = columns();
  const head = byId('ranking-head');
  head.style.setProperty('--cols', template);
  byId('ranking').style.setProperty('--cols', template);
  const hasBuckets = (S.model.buckets ?? []).length > 0;
  replace(head,
    h('span', { class: 'num c-rank', title: 'Rank: 1 is the highest score' }, '#'),
    h('span', { class: 'c-move', title: 'Places moved with the last change' }, '±'),
    h('span', { class: 'h-title' }, 'Request'),
    hasBuckets ? h('span', { class: 'c-bucket', title: 'The portfolio bucket it belongs to' }, 'Bucket') : null,
    ...shown.map((k) => {
      const c = S.model.criteria[k];
      const relative = S.model.method === 'weighted-sum' && c.scale !== 'fixed';
      return h('span', { class: 'crit c-crit', title: `${c.description}${relative ? '\nA relative scale: adding or changing requests moves the others\' scores on it.' : ''}`,
        style: `--sw:${criterionColour(k)}`, 'data-criterion': c.id },
        h('span', { class: 'crit-label', text: c.label }),
        h('span', { class: `crit-sub${relative ? ' relative' : ''}`, text: sublabel(c) }));
    }),
    h('span', { class: 'num c-score', title: scoreTitle() }, 'Score'),
    narrow.matches ? null : stripHead(S));
  titleWidth = head.querySelector('.h-title')?.getBoundingClientRect().width || titleWidth;
  for (const row of rows.values()) row.dataset.struct = '';
}

function scoreTitle() {
  const m = S.model.method;
  return m === 'weighted-sum' ? 'Score 0–100: each shown criterion\'s share in its colour (weighted sum of utilities × confidence)'
    : m === 'weighted-product' ? 'Score: the benefits multiplied, divided by the costs, each raised to its weight (× confidence)'
      : 'Score: the weighted benefits divided by the weighted costs (× confidence)';
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
      : S.visible.length === 0 && archivedCount() === S.requests.length
        ? 'Every request is archived (done or declined). Show them with “archived” above.'
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
  const struct = `${S.gen}|${S.revision}|${i}|${headKey}`;
  let p = parts.get(row);
  if (!p || row.dataset.struct !== struct) {
    p = buildRow(row, r, i);
    parts.set(row, p);
    row.dataset.struct = struct;
  }
  updateRow(row, p, i, maxScore);
}

// The file's own words (as CSV files write them).
const STATUS_TEXT = new Map([['planned', 'planned'], ['in-progress', 'in-progress'], ['done', 'done'], ['declined', 'declined']]);

/** @returns {RowParts} */
function buildRow(row, r, i) {
  row.dataset.requestId = r.id;
  const archived = r.status === 'done' || r.status === 'declined';
  row.classList.toggle('archived', archived);
  const k = S.k;
  /** @type {[string, string, string][]} class, text, what it means */
  const chips = [];
  if (STATUS_TEXT.has(r.status)) chips.push([`status ${r.status}`, /** @type {string} */ (STATUS_TEXT.get(r.status)), `status: ${r.status}`]);
  for (const [bit, name] of FLAG_NAMES) {
    if (S.flags[i] & bit) chips.push([name, name, FLAG_MEANING.get(name) ?? name]);
  }
  if (r.plan) chips.push(['plan', r.plan === 'must' ? 'must do' : 'never', r.plan === 'must' ? 'pinned into the plan' : 'pinned out of the plan']);
  const values = shown.map((c_) => {
    const c = S.model.criteria[c_];
    const x = S.raw[i * k + c_];
    const origin = S.origins[i * k + c_];
    const cls = 'val c-crit';
    if (origin === 2) return h('span', { class: `${cls} missing`, 'data-k': c_, title: `${c.label}: missing; counted as the worst value, ${fmt(x)}` }, fmt(x));
    // A range (low / likely / high): the likely value, marked; the range on hover.
    const range = S.ranges.get(i * k + c_);
    if (range) {
      return h('span', { class: `${cls} ranged`, 'data-k': c_, 'data-range': 'yes',
        title: `${c.label}: likely ${range.likely}, from ${range.low} to ${range.high} (low – likely – high)` },
      fmt(x), h('span', { class: 'range-mark', 'aria-label': `a range, ${range.low} to ${range.high}` }, '±'));
    }
    return h('span', { class: cls, 'data-k': c_, 'data-derived': origin === 1 ? 'yes' : null, title: `${c.label}: ${x}${origin === 1 ? ' (derived)' : ''}` },
      fmt(x), origin === 1 ? h('span', { class: 'f', 'aria-label': 'derived' }, 'ƒ') : null);
  });
  const bucket = r.bucket ? (S.model.buckets ?? []).find((b) => b.id === r.bucket) : null;
  const p = {
    rank: h('span', { class: 'rank c-rank' }),
    move: h('span', { class: 'move c-move' }),
    bar: h('span', { class: 'bar', 'aria-hidden': 'true' }),
    scoreNum: h('span', { class: 'score-num' }),
    scoreCell: h('span', { class: 'score-cell c-score' }),
    strip: narrow.matches ? null : stripCell(S),
    shown: '',
  };
  p.scoreCell.append(p.bar, p.scoreNum);
  replace(row,
    p.rank,
    p.move,
    titleCell(r, chips),
    (S.model.buckets ?? []).length ? h('span', { class: 'bucket cell c-bucket', text: bucket ? (bucket.label ?? bucket.id) : '', title: bucket ? (bucket.label ?? bucket.id) : null }) : null,
    ...values,
    p.scoreCell,
    p.strip);
  return p;
}

const FLAG_MEANING = new Map([
  ['incomplete', 'incomplete: a value is missing and counted as the worst (or the default)'],
  ['single-account', 'single-account: one account asks for it, and nobody else'],
  ['overdue', 'overdue: its deadline has passed'],
  ['unscorable', 'unscorable: the method cannot score it (see the drawer); ranked last'],
]);

/**
 * The title, the id (never cut) and the chips that fit beside them: the title keeps at
 * least half the cell; chips that do not fit are counted in a "+n" chip whose tooltip
 * names them.
 * @param {import('../store.js').RequestSummary} r @param {[string, string, string][]} chips
 */
function titleCell(r, chips) {
  const cell = h('span', { class: 'title-cell' },
    h('span', { class: 'title-text', text: r.title, title: r.title }),
    h('span', { class: 'rid', text: r.id }));
  if (!chips.length) return cell;
  const room = titleWidth - Math.max(textWidth(r.title, 14), titleWidth * 0.5) - textWidth(r.id, 12) - 12;
  let used = 0;
  let fit = 0;
  const widths = chips.map(([, text]) => textWidth(text, 11) + 18);
  while (fit < chips.length && used + widths[fit] <= room - (fit < chips.length - 1 ? 30 : 0)) used += widths[fit++];
  for (const [cls, text, meaning] of chips.slice(0, fit)) cell.append(h('span', { class: `badge ${cls}`, text, title: meaning }));
  const rest = chips.slice(fit);
  if (rest.length) {
    cell.append(h('span', { class: 'badge more', text: fit ? `+${rest.length}` : `${rest.length} flag${rest.length === 1 ? '' : 's'}`,
      title: rest.map(([, , m]) => m).join('\n'), 'aria-label': rest.map(([, t]) => t).join(', ') }));
  }
  return cell;
}

/** Lays the chips out again for a new title width (the window was resized). */
function refit() {
  for (const row of rows.values()) row.dataset.struct = '';
}

/** Writes the numbers that change with the weights, when they changed. */
function updateRow(row, p, i, maxScore) {
  fillStrip(p.strip, S, i);
  const k = S.k;
  const ranked = S.scores.length > 0 && S.ranks[i] > 0;
  // An unscorable request is ranked (after every scored one) but has no score: NaN; an
  // archived one is not ranked at all (rank 0).
  const scored = ranked && !Number.isNaN(S.scores[i]);
  const score = scored ? S.scores[i] : NaN;
  const move = scored ? S.movement[i] : 0;
  const contributions = scored && S.contributions.length ? S.contributions.subarray(i * k, i * k + k) : null;
  const shownKey = `${ranked ? S.ranks[i] : '-'}|${score}|${move}|${maxScore}|${contributions ? contributions.join(',') : ''}`;
  if (p.shown === shownKey) return;
  p.shown = shownKey;
  row.setAttribute('data-score', scored ? jsonNumber(score) : '');
  p.rank.textContent = ranked ? String(S.ranks[i]) : '–';
  p.move.className = `move c-move ${move > 0 ? 'up' : move < 0 ? 'down' : ''}`;
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
    for (let c_ = 0; c_ < k; c_++) if (contributions[c_] > 0) segment(criterionColour(c_), (100 * contributions[c_]) / maxScore);
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

/** "52.8 = Reach 30.8 + Urgency 0 + …" (weighted sum, criteria above 0), or the score alone; '' unscored. */
function scoreBreakdown(i, digits) {
  if (!S.scores.length) return '';
  if (S.ranks[i] === 0) return `not ranked: ${S.requests[i].status}`;
  if (Number.isNaN(S.scores[i])) return 'not scored: the method cannot score it (the drawer says why); ranked last';
  if (!S.contributions.length) return fmt(S.scores[i], 2);
  const k = S.k;
  const parts = S.model.criteria.flatMap((c, c_) => (S.weights[c_] > 0 ? [`${c.label} ${fmt(S.contributions[i * k + c_], digits)}`] : []));
  return `${fmt(S.scores[i], digits)} = ${parts.join(' + ')}`;
}

/** A value cell's tooltip: how the number is made ("Reach 42 = QuickFix 1 (…) + 41 askers × 1 (…)"). */
function explainCell(cell, i) {
  if (cell.dataset.explained === `${S.revision}`) return;
  const k = Number(cell.dataset.k);
  const part = S.wb.explain(i).parts[k];
  if (!part) return;
  cell.title = `${part.derivation}${part.scaling ? ` — ${part.scaling}` : ''}`;
  cell.dataset.explained = `${S.revision}`;
}

/**
 * The footer line: request `i` (hovered, focused or selected) with its score written out,
 * or, for -1, the ranking as a whole. Redrawn after every change (a preset, another
 * scenario), so it never describes what is no longer there.
 */
function showFooter(i) {
  const el = byId('row-detail');
  const r = i >= 0 ? S.requests[i] : undefined;
  footerFor = r ? i : -1;
  let text;
  if (!S.wb || !S.model) {
    text = '';
  } else if (r) {
    text = `${r.id} · ${r.title}`;
    if (S.scores.length) text += S.ranks[i] ? ` — rank ${S.ranks[i]}, score ${scoreBreakdown(i, 2)}` : ` — ${scoreBreakdown(i, 2)}`;
  } else {
    const ranked = S.order.length;
    const first = ranked ? S.requests[S.order[0]] : null;
    const zero = S.model.criteria.filter((_, k) => !(S.weights[k] > 0)).length;
    text = [`${S.model.name}: ${ranked} ranked`, first ? `#1 ${first.id} ${first.title}` : null,
      `method ${S.model.method}`, `${S.model.criteria.length - zero} weighted criteria${zero ? ` (${zero} at weight 0)` : ''}`]
      .filter(Boolean).join(' · ');
  }
  if (el.textContent !== text) el.textContent = text;
}

/**
 * What the scores leave out, said above the ranking: criteria that sit out (no request
 * has a value, and there is no default) and requests the method cannot score (ranked
 * last), named by their labels and titles. Written only when it changes.
 */
function renderNotes() {
  const el = byId('score-notes');
  const notes = S.notes;
  const lines = [];
  for (const k of notes.sitting_out) {
    const c = S.model.criteria[k];
    if (c && S.weights[k] > 0) lines.push(`“${c.label}” sits out: no request has a value for it and it has no default, so it takes no part in the scores. Enter values (or give it a default in its settings) to count it.`);
  }
  if (notes.unscorable_total) {
    const named = notes.unscorable.slice(0, 3).map((u) => `“${S.requests[u.request]?.title}” (${reasonInWords(u, S.model.criteria)})`);
    const more = notes.unscorable_total - named.length;
    lines.push(`${notes.unscorable_total} request${notes.unscorable_total === 1 ? '' : 's'} cannot be scored by this method and ${notes.unscorable_total === 1 ? 'is' : 'are'} ranked last: ${named.join('; ')}${more > 0 ? `; and ${more} more` : ''}. Open one to see why.`);
  }
  const text = lines.join('\n');
  if (el.dataset.shown === text) return;
  el.dataset.shown = text;
  el.textContent = text;
  el.hidden = !text;
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
