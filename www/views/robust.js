// The "How sure?" view (robustness-v1, issue 11): how solid the ranking is when the weights
// are a negotiation and the estimates are guesses. Rust samples the ranking in the plan
// worker's module (www/analysis-worker.js, a worker of its own here), in chunks: the page shows
// progress, can cancel, and never freezes. Per request: the chance of being in the top K
// (a bar), the range of its rank (5th to 95th percentile, a whisker around the median),
// the chance of making the plan, and how often it takes each of the first K places (a
// heat map); above them, the findings in Rust's words. A change to the scenario marks the
// results stale and runs the analysis again by itself (while the view is shown; else when
// it is shown next). The last results go to the store in brief, for the report.

import { h, byId, replace, keepFocus } from '../lib/dom.js';

/** @type {import('../store.js').Store} */ let store;
/** @type {Readonly<import('../store.js').State>} */ let S;

/** @typedef {import('../pkg-analysis/thresh.js').RobustResult} RobustResult */
/** @typedef {import('../pkg-analysis/thresh.js').RobustRequest} RobustRequest */

/** Rows drawn at first, and added by "Show more". */
const ROWS_PAGE = 50;
/** The ranks kept per run are min(n², n · samples) numbers: the samples offered keep them under this. */
const RANK_CELLS_MAX = 25_000_000;
const SAMPLE_CHOICES = [1_000, 2_000, 5_000, 10_000, 20_000, 50_000];
/** A run after a change waits this long for the PM to stop changing things. */
const REFRESH_DELAY_MS = 400;
/** Plans per sample cost much more than ranks: on by default only up to this many requests. */
const PLAN_DEFAULT_MAX = 200;

/** @type {Worker | null} */ let worker = null;
let workerUrl = '';
let job = 0;
let debounce = 0;
let rowsShown = ROWS_PAGE;

/** What the PM chose (samples 0: the default for the scenario's size). */
const settings = { samples: 0, mode: 'around', spread: 0.25, plan: /** @type {boolean | null} */ (null) };

/** The view's state: the results shown, the run going on. */
const R = {
  /** @type {RobustResult | null} */ result: null,
  /** The scenario state and settings the result is for. */
  resultKey: '',
  /** The run going on: its key, progress. */
  running: false,
  runKey: '',
  started: 0,
  progress: { done: 0, total: 0 },
  /** @type {string | null} */ error: null,
  cancelled: false,
  /** Time of the last run in the worker (ms, request to result) and on the page. */
  workerMs: 0,
  ms: 0,
  /** @type {((r: {result: RobustResult | null, error: string | null, ms: number, workerMs: number}) => void)[]} */
  waiting: [],
};

/**
 * Mounts the view; returns what the benchmark hooks need of it.
 * @param {import('../store.js').Store} theStore @param {{workerUrl: string}} options
 */
export function mount(theStore, options) {
  store = theStore;
  S = store.state;
  workerUrl = options.workerUrl;
  store.subscribe('scenario', reset);
  store.subscribe('view', () => {
    if (S.view !== 'robust') return;
    render();
    // In a task of its own: the scenario's text is made for the worker (ms per 1,000 requests).
    if (!upToDate() && !R.running) setTimeout(() => { if (S.view === 'robust' && !upToDate() && !R.running) run(); }, 0);
  });
  store.subscribe('data', ({ live }) => {
    if (!S.wb) return;
    if (S.view === 'robust') renderStatus();
    if (live || upToDate()) return;
    // The results (or the run going on) are for another scenario: refresh by themselves.
    if (S.view === 'robust') schedule();
  });
  return { nextResult, configure };
}

/**
 * Sets the samples and the plan option as the PM would (benchmarks and tests), and
 * refreshes when the view is shown. @param {{samples?: number, plan?: boolean}} choice
 */
function configure({ samples: count, plan }) {
  if (count !== undefined) settings.samples = count;
  if (plan !== undefined) settings.plan = plan;
  if (S.view === 'robust') { render(); if (!upToDate()) run(); }
}

/** Resolves with the next finished run (benchmarks and tests). */
function nextResult() {
  return new Promise((resolve) => R.waiting.push(resolve));
}

// ----- settings -----

function ranked() {
  return S.order.length;
}

function maxSamples() {
  const n = Math.max(1, ranked());
  return n * n <= RANK_CELLS_MAX ? SAMPLE_CHOICES[SAMPLE_CHOICES.length - 1] : Math.max(100, Math.floor(RANK_CELLS_MAX / n / 100) * 100);
}

function hasCapacity() {
  const c = S.model?.capacity;
  return Array.isArray(c) ? c.length > 0 : Boolean(c);
}

function planOn() {
  return hasCapacity() && (settings.plan ?? ranked() <= PLAN_DEFAULT_MAX);
}

function samples() {
  const max = maxSamples();
  return Math.min(settings.samples || (planOn() ? 1_000 : 10_000), max);
}

function top() {
  const n = ranked();
  return Math.min(S.robustTop || 10, n) || 1;
}

function mode() {
  return settings.mode === 'views' && !S.wb.view_count() ? 'around' : settings.mode;
}

/** The scenario as it is and the settings: results for another key are stale. */
function keyNow() {
  return `${S.gen}|${S.revision}|${S.weights.join(',')}|${samples()}|${top()}|${mode()}|${settings.spread}|${planOn()}`;
}

function upToDate() {
  const key = keyNow();
  return R.running ? R.runKey === key : R.resultKey === key && !R.cancelled;
}

// ----- running -----

function schedule() {
  clearTimeout(debounce);
  markStale();
  debounce = window.setTimeout(() => { if (S.view === 'robust' && !upToDate()) run(); }, REFRESH_DELAY_MS);
}

function startWorker() {
  worker = new Worker(workerUrl, { type: 'module' });
  worker.onmessage = (ev) => {
    const msg = ev.data;
    if (msg.robustId === undefined || msg.robustId !== job || !R.running) return;
    if (msg.progress) {
      R.progress = msg.progress;
      renderStatus();
      return;
    }
    R.running = false;
    R.ms = performance.now() - R.started;
    R.workerMs = msg.ms ?? 0;
    if (msg.error) {
      R.error = msg.error;
    } else {
      R.error = null;
      R.result = msg.result;
      R.resultKey = R.runKey;
      publish();
    }
    // Drawn in a task of its own, after the message.
    setTimeout(() => {
      if (S.view === 'robust') render();
      for (const resolve of R.waiting.splice(0)) resolve({ result: R.result, error: R.error, ms: R.ms, workerMs: R.workerMs });
      // The scenario changed while this run went on: the next one starts now.
      if (S.view === 'robust' && !upToDate()) schedule();
    }, 0);
  };
}

/** Runs the analysis of the scenario as it is now, with the settings (a run going on is replaced). */
function run() {
  if (!S.wb) return;
  clearTimeout(debounce);
  if (!ranked()) {
    R.error = S.scoreError ?? 'No request is ranked, so there is nothing to analyse.';
    R.result = null;
    render();
    return;
  }
  if (!worker) startWorker();
  job++;
  R.running = true;
  R.cancelled = false;
  R.error = null;
  R.runKey = keyNow();
  R.started = performance.now();
  R.progress = { done: 0, total: samples() };
  const text = store.openText();
  /** @type {Worker} */ (worker).postMessage({ robust: { id: job, text, samples: samples(), top: top(), mode: mode(),
    spread: settings.spread, plan: planOn(), seed: 1 } });
  render();
}

function cancel() {
  if (!R.running) return;
  worker?.postMessage({ cancelRobust: job });
  job++;
  R.running = false;
  R.cancelled = true;
  render();
  byId('robust-run')?.focus();
}

/** Another scenario is open: forget everything. */
function reset() {
  clearTimeout(debounce);
  if (R.running) worker?.postMessage({ cancelRobust: job });
  job++;
  Object.assign(R, { result: null, resultKey: '', running: false, runKey: '', error: null, cancelled: false });
  rowsShown = ROWS_PAGE;
}

/** The findings and the top of the list in brief, for the report (state.robust). */
function publish() {
  const r = /** @type {RobustResult} */ (R.result);
  const listed = r.requests.filter((q, pos) => pos < r.top || q.p_top >= 0.05).slice(0, Math.max(r.top, 30));
  store.setRobust({ summary: {
    pulls: S.pulls,
    settings: r.settings,
    findings: r.findings,
    requests: listed.map((q) => ({ id: q.id, title: q.title, rank: q.rank, p_top: q.p_top, rank_p05: q.rank_p05,
      rank_p95: q.rank_p95, ...(q.p_plan === undefined ? {} : { p_plan: q.p_plan }) })),
  } });
}

// ----- drawing -----

const pct = (/** @type {number} */ x) => {
  const p = Math.round(x * 100);
  return p === 0 && x > 0 ? '<1%' : p === 100 && x < 1 ? '>99%' : `${p}%`;
};

function markStale() {
  if (S.view !== 'robust') return;
  byId('view-robust').querySelector('.robust-results')?.classList.add('stale');
  renderStatus();
}

function render() {
  const view = byId('view-robust');
  if (!S.wb) { replace(view); return; }
  const stale = Boolean(R.result) && R.resultKey !== keyNow();
  keepFocus(view, () => replace(view, h('div', { class: 'robust-view' },
    h('div', { class: 'robust-intro' },
      h('h2', { text: 'How sure is the ranking?' }),
      h('p', { class: 'muted', text: `The ranking drawn again many times with the weights and the estimates varied: where each request lands, and how often it is in the top ${top()}. Estimates given as a range (low / likely / high) vary within it.` })),
    controls(),
    h('div', { id: 'robust-status', class: 'robust-status', role: 'status', 'aria-live': 'polite', 'data-testid': 'robust-status' }),
    R.error ? h('div', { class: 'score-error', role: 'alert', 'data-testid': 'robust-error', text: R.error }) : null,
    R.result ? results(R.result, stale) : null)));
  renderStatus();
}

function controls() {
  const n = ranked();
  const max = maxSamples();
  const choices = [...new Set([...SAMPLE_CHOICES.filter((x) => x <= max), Math.min(max, samples())])].sort((a, b) => a - b);
  const sampleSelect = h('select', { id: 'robust-samples', 'data-testid': 'robust-samples',
    onchange: (/** @type {Event} */ ev) => { settings.samples = Number(/** @type {HTMLSelectElement} */ (ev.target).value); schedule(); render(); } },
  ...choices.map((x) => h('option', { value: String(x), selected: x === samples() ? true : null }, x.toLocaleString('en'))));
  const topInput = h('input', { id: 'robust-top', type: 'number', min: '1', max: String(n), step: '1', value: String(top()), 'data-testid': 'robust-top',
    onchange: (/** @type {Event} */ ev) => {
      const input = /** @type {HTMLInputElement} */ (ev.target);
      const k = Math.round(Number(input.value));
      if (!(k >= 1 && k <= n)) { input.value = String(top()); return; }
      store.setRobust({ top: k });
      schedule();
      render();
    } });
  const views = S.wb.view_count();
  const modeSelect = h('select', { id: 'robust-mode', 'data-testid': 'robust-mode',
    onchange: (/** @type {Event} */ ev) => { settings.mode = /** @type {HTMLSelectElement} */ (ev.target).value; schedule(); render(); } },
  h('option', { value: 'around', selected: mode() === 'around' ? true : null }, 'around the model’s weights'),
  h('option', { value: 'any', selected: mode() === 'any' ? true : null }, 'any weights at all'),
  views ? h('option', { value: 'views', selected: mode() === 'views' ? true : null }, `a mix of the team’s ${views} views`) : null);
  const spreadInput = h('input', { id: 'robust-spread', type: 'number', min: '0', max: '100', step: '5', value: String(Math.round(settings.spread * 100)),
    'data-testid': 'robust-spread', disabled: mode() === 'around' ? null : true,
    onchange: (/** @type {Event} */ ev) => {
      const input = /** @type {HTMLInputElement} */ (ev.target);
      const s = Number(input.value);
      if (!(s >= 0 && s <= 100)) { input.value = String(Math.round(settings.spread * 100)); return; }
      settings.spread = s / 100;
      schedule();
      render();
    } });
  const capacity = hasCapacity();
  const planBox = h('input', { id: 'robust-plan', type: 'checkbox', checked: planOn() ? true : null, disabled: capacity ? null : true,
    'data-testid': 'robust-plan',
    onchange: (/** @type {Event} */ ev) => { settings.plan = /** @type {HTMLInputElement} */ (ev.target).checked; schedule(); render(); } });
  const field = (/** @type {string} */ label, /** @type {HTMLElement} */ input, /** @type {string} */ title, /** @type {string} */ unit = '') =>
    h('span', { class: 'robust-field', title }, h('label', { for: input.id, text: label }), input, unit ? h('span', { class: 'muted', text: unit }) : null);
  return h('div', { class: 'robust-controls' },
    field('Samples', sampleSelect, `How many times the ranking is drawn again.${max < SAMPLE_CHOICES[SAMPLE_CHOICES.length - 1] ? ` At most ${max.toLocaleString('en')} for ${n.toLocaleString('en')} requests (memory).` : ''}`),
    field('Top', topInput, 'K: the size of the top the chances are about (the weights’ tipping bands use it too).'),
    field('Weights', modeSelect, 'Around: each weight anywhere within ± the spread of its own (or within its weight range). Any: every mix of the criteria weighted above 0 equally likely. Team: a random compromise of the team’s views.'),
    field('±', spreadInput, 'Spread: how far each weight may move, as a share of itself (mode “around”).', '%'),
    h('span', { class: 'robust-field', title: capacity ? 'Make each sample’s optimal plan and count how often each request is in it (slower: a plan per sample).' : 'Needs a capacity (the Plan view sets it).' },
      planBox, h('label', { for: 'robust-plan', text: 'chance of making the plan' })),
    h('span', { class: 'spacer' }),
    h('button', { type: 'button', id: 'robust-run', 'data-testid': 'robust-run', onclick: run }, R.result || R.running ? 'Run again' : 'Run'),
    h('button', { type: 'button', id: 'robust-cancel', class: 'ghost', 'data-testid': 'robust-cancel', disabled: R.running ? null : true, onclick: cancel }, 'Cancel'));
}

/** The status line: progress while running, else what the results are (or that they are out of date). */
function renderStatus() {
  const el = document.getElementById('robust-status');
  if (!el) return;
  const stale = Boolean(R.result) && R.resultKey !== keyNow();
  const results = byId('view-robust').querySelector('.robust-results');
  results?.classList.toggle('stale', stale || R.running);
  const cancel = /** @type {HTMLButtonElement | null} */ (document.getElementById('robust-cancel'));
  if (cancel) cancel.disabled = !R.running;
  if (R.running) {
    const { done, total } = R.progress;
    el.dataset.state = 'running';
    replace(el, h('progress', { max: String(total), value: String(done), 'data-testid': 'robust-progress', 'aria-label': 'Samples drawn' }),
      h('span', { class: 'muted', text: `${done.toLocaleString('en')} of ${total.toLocaleString('en')} samples drawn${stale ? ' (the scenario changed: a new run follows)' : ''}…` }));
    return;
  }
  const state = R.cancelled ? 'cancelled' : R.error ? 'error' : stale ? 'stale' : R.result ? 'done' : 'none';
  const text = R.cancelled ? `Cancelled.${R.result ? ' The results below are from the last run completed.' : ''}`
    : stale ? 'Out of date: the scenario or the settings changed since these results. They refresh by themselves.'
      : R.result ? `${R.result.settings}. ${(R.workerMs / 1000).toFixed(1)} s in the background.` : '';
  // Called on every frame of a weight drag: the same words are not built again.
  if (el.dataset.state === state && el.textContent === text) return;
  el.dataset.state = state;
  replace(el, text ? h('span', { class: stale ? 'stale-note' : 'muted', text }) : '');
}

/** @param {RobustResult} r @param {boolean} stale */
function results(r, stale) {
  const rows = r.requests.slice(0, rowsShown);
  const k = r.top;
  const plan = r.plan_infeasible !== undefined;
  // The rank axis of the whiskers: from 1 to the largest 95th percentile shown (at least K + 1).
  const axis = Math.max(k + 1, ...rows.map((q) => q.rank_p95));
  const [first, ...rest] = r.findings;
  return h('div', { class: `robust-results${stale ? ' stale' : ''}`, 'data-testid': 'robust-results' },
    h('div', { class: 'robust-findings', 'data-testid': 'robust-findings' },
      h('p', { class: 'lead', text: first }),
      h('ul', {}, ...rest.map((f) => h('li', { text: f })))),
    h('div', { class: `robust-head robust-grid${plan ? ' with-plan' : ''}` },
      h('span', { class: 'num', title: 'Rank in the ranking as it is' }, '#'),
      h('span', {}, 'Request'),
      h('span', { title: `The share of the samples in which it is in the top ${k}` }, `In top ${k}`),
      h('span', { title: `Its rank in 90% of the samples (5th to 95th percentile), the dot at the median; the line marks the top ${k}` }, 'Rank range'),
      plan ? h('span', { class: 'num', title: 'The share of the samples whose optimal plan holds it' }, 'In plan') : null,
      h('span', { class: 'heat-head', title: `How often it takes each of the places 1 to ${k}` }, `Places 1–${k}`)),
    rowsIn(rows, k, axis, plan),
    r.requests.length > rowsShown
      ? h('button', { type: 'button', class: 'small ghost', 'data-testid': 'robust-more',
        onclick: () => { rowsShown += ROWS_PAGE; render(); } }, `Show ${Math.min(ROWS_PAGE, r.requests.length - rowsShown)} more of ${r.requests.length - rowsShown}`)
      : null);
}

/** Rows drawn in one task; the rest follow in later tasks (the page stays responsive on a busy machine). */
const ROWS_PER_TASK = 12;
let rowsDrawing = 0;

/**
 * The rows, the first ROWS_PER_TASK at once and the others in tasks of their own.
 * @param {RobustRequest[]} rows @param {number} k @param {number} axis @param {boolean} plan
 */
function rowsIn(rows, k, axis, plan) {
  const el = h('div', { class: 'robust-rows' }, ...rows.slice(0, ROWS_PER_TASK).map((q) => row(q, k, axis, plan)));
  const drawing = ++rowsDrawing;
  const more = (/** @type {number} */ from) => {
    if (drawing !== rowsDrawing || !el.isConnected || from >= rows.length) return;
    el.append(...rows.slice(from, from + ROWS_PER_TASK).map((q) => row(q, k, axis, plan)));
    setTimeout(() => more(from + ROWS_PER_TASK), 0);
  };
  setTimeout(() => more(ROWS_PER_TASK), 0);
  return el;
}

/** @param {RobustRequest} q @param {number} k @param {number} axis @param {boolean} plan */
function row(q, k, axis, plan) {
  const at = (/** @type {number} */ rank) => `${((rank - 1) / Math.max(1, axis - 1)) * 100}%`;
  const whisker = h('span', { class: 'whisker', title: `Rank ${q.rank_p05}–${q.rank_p95} in 90% of the samples; median ${q.rank_median}` },
    h('span', { class: 'whisker-cut', style: `left:${at(k + 0.5)}` }),
    h('span', { class: 'whisker-line', style: `left:${at(q.rank_p05)};width:calc(${at(q.rank_p95)} - ${at(q.rank_p05)})` }),
    h('span', { class: 'whisker-dot', style: `left:${at(q.rank_median)}` }));
  // One element per row (a gradient of K cells), not K: a thousand rows stay light.
  const heat = h('span', { class: 'heat', role: 'img',
    'aria-label': `Places 1 to ${k}: ${q.acceptability.map((p, i) => `#${i + 1} ${pct(p)}`).join(', ')}` });
  heat.title = heat.getAttribute('aria-label');
  heat.style.background = heatGradient(q.acceptability);
  const open = () => store.open(q.index);
  // A button for the keyboard too: Enter or Space opens the request's drawer.
  return h('div', { class: `robust-row robust-grid${plan ? ' with-plan' : ''}`, 'data-testid': 'robust-row', 'data-request-id': q.id,
    role: 'button', tabindex: '0',
    onclick: open, onkeydown: (/** @type {KeyboardEvent} */ ev) => { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); open(); } } },
  h('span', { class: 'num rank', text: String(q.rank) }),
  h('span', { class: 'title-cell' }, h('span', { class: 'title-text', text: q.title, title: q.title }), h('span', { class: 'id', text: q.id })),
  h('span', { class: 'p-top', title: `In the top ${k} in ${pct(q.p_top)} of the samples` },
    h('span', { class: 'bar' }, h('span', { class: 'bar-fill', style: `width:${q.p_top * 100}%` })),
    h('span', { class: 'num', text: pct(q.p_top) })),
  h('span', { class: 'rank-range' }, whisker, h('span', { class: 'num muted', text: q.rank_p05 === q.rank_p95 ? `${q.rank_p05}` : `${q.rank_p05}–${q.rank_p95}` })),
  plan ? h('span', { class: 'num p-plan', text: pct(q.p_plan ?? 0) }) : null,
  heat);
}

/**
 * The heat map of a request's places 1 to K as one background: a cell per place, the
 * accent colour as strong as the share of samples in that place, a hairline between cells.
 * @param {number[]} shares
 */
function heatGradient(shares) {
  const k = shares.length;
  const stops = shares.map((p, i) => {
    const from = (i / k) * 100;
    const to = ((i + 1) / k) * 100;
    const colour = p > 0 ? `color-mix(in srgb, var(--accent) ${Math.round(12 + 88 * p)}%, transparent)` : 'transparent';
    return `${colour} ${from}% calc(${to}% - 1px), var(--line) calc(${to}% - 1px) ${to}%`;
  });
  return `linear-gradient(to right, ${stops.join(', ')})`;
}
