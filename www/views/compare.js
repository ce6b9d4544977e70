// Compare and merge, in one dialog.
//
// "Compare with…" another saved scenario or a file: a review of what changed — grouped
// (model and weights, teams, accounts, buckets and capacity, requests added, removed and
// changed), each change in words — and of what it does (the ranking side by side with the
// movement, the plan's ins and outs). Each change can be taken into the open scenario on
// its own or all at once; every take is one store change, so one undo step.
//
// "Merge a colleague's file": against the export it came from (the latest export of the
// open scenario is offered; any other remembered export, or a file, can be the base),
// showing only the conflicts to decide — each side in words — and what the merge brings in.
// The result replaces the open scenario as one undoable step.
//
// Every comparison, take and merge runs in the page's worker (analysis-worker.js, with its own
// WebAssembly module): this view sends the open scenario's text and the other file's bytes,
// and shows the JSON that comes back. The words are Rust's (thresh::compare::page).

import { h, byId, replace } from '../lib/dom.js';
import { fmt } from '../lib/format.js';
import { toast } from '../notices.js';

/** @typedef {import('../pkg-analysis/thresh.js').Review} Review */
/** @typedef {import('../pkg-analysis/thresh.js').ReviewChange} ReviewChange */
/** @typedef {import('../pkg-analysis/thresh.js').ChangeGroup} ChangeGroup */
/** @typedef {import('../pkg-analysis/thresh.js').MergeReview} MergeReview */
/** @typedef {import('../pkg-analysis/thresh.js').MergeConflict} MergeConflict */
/** @typedef {import('../pkg-analysis/thresh.js').Taken} Taken */
/** @typedef {import('../pkg-analysis/thresh.js').Resolution} Resolution */
/** @typedef {import('../lib/storage.js').ExportHead} ExportHead */
/**
 * A file or a saved scenario's text, how to name it, and the key the worker keeps it under
 * (it reads a source once).
 * @typedef {{label: string, data: Uint8Array | string, key: number}} Source
 * @typedef {{label: string, n: number | null, data: Uint8Array | string | null, key: number}} Base
 *   the base of a merge: an export remembered (n), or a file
 * @typedef {{kind: string, file: string | null, messages: string[]}} WorkerError
 */

/** @type {import('../store.js').Store} */ let store;
/** @type {Readonly<import('../store.js').State>} */ let S;

/** Changes listed per group (requests per group of changed requests) before "Show all". */
const GROUP_ROWS = 40;
/** Ranking rows shown before "Show more" (the worker sends up to 200). */
const RANKING_ROWS = 25;
/** A refresh after the open scenario changed waits this long for more changes. */
const REFRESH_MS = 150;

// ----- the worker -----

let workerUrl = '';
/** @type {Worker | null} */ let worker = null;
let asked = 0;
/** @type {Map<number, {resolve: (v: {result: any, ms: number}) => void, reject: (e: WorkerError) => void}>} */
const waiting = new Map();

/**
 * Asks the worker: resolves with its answer and the ms it took inside the worker.
 * @param {'review' | 'take' | 'merge' | 'resolve' | 'warm' | 'prepare'} op @param {object} message
 * @returns {Promise<{result: any, ms: number}>}
 */
function ask(op, message) {
  if (!worker) {
    worker = new Worker(workerUrl, { type: 'module' });
    worker.onmessage = (ev) => {
      const { id, result, error, ms } = ev.data;
      const w = waiting.get(id);
      if (!w) return;
      waiting.delete(id);
      if (error) w.reject(error); else w.resolve({ result, ms });
    };
    worker.onerror = (ev) => {
      ev.preventDefault();
      stopWorker({ kind: 'failure', file: null, messages: [`The page's worker stopped: ${ev.message || 'it could not start'}.`] });
    };
  }
  const id = ++asked;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    /** @type {Worker} */ (worker).postMessage({ id, op, ...message });
  });
}

/** A worker started ahead of the dialog is stopped if the dialog has not opened by then. */
const IDLE_MS = 60_000;
let idleTimer = 0;

/**
 * Starts the worker ahead of a comparison, and has it run its warm-up: the first run of
 * WebAssembly code is slow (a baseline compilation) until the engine has compiled it at
 * full speed, which the warm-up gets done while the PM picks a file.
 */
function prewarm() {
  if (worker) return;
  ask('warm', {}).catch(() => {});
  clearTimeout(idleTimer);
  idleTimer = window.setTimeout(() => {
    if (!/** @type {HTMLDialogElement} */ (byId('compare')).open) stopWorker(CLOSED);
  }, IDLE_MS);
}

/** Stops the worker (its memory goes with it); what was asked is answered with `error`. @param {WorkerError} error */
function stopWorker(error) {
  clearTimeout(idleTimer);
  worker?.terminate();
  worker = null;
  for (const w of waiting.values()) w.reject(error);
  waiting.clear();
}

const CLOSED = { kind: 'closed', file: null, messages: ['The dialog was closed.'] };

/** The open scenario's text (the store exports it once per state of it). */
const oursText = () => store.openText();

/**
 * Has the worker read the open scenario (and the base of a merge) while the PM picks a
 * file, so that the comparison starts when it comes. A failure here is said, if it
 * matters, by the request that needs the file.
 * @param {boolean} withBase
 */
async function prepare(withBase) {
  try {
    const base = withBase ? await baseData() : null;
    await ask('prepare', base ? { ours: oursText(), base } : { ours: oursText() });
  } catch {
    // (see above)
  }
}

let keys = 0;
/** @param {string} label @param {Uint8Array | string} data @returns {Source} */
const source = (label, data) => ({ label, data, key: ++keys });
/** @param {string} label @param {number | null} n @param {Uint8Array | string | null} data @returns {Base} */
const baseOf = (label, n, data) => ({ label, n, data, key: ++keys });

// ----- state -----

/**
 * What the dialog shows. `key` identifies the open scenario's state a result was made for
 * (`id|pulls`): a result for an older state is made again.
 */
const C = {
  /** @type {null | 'choose' | 'compare' | 'merge'} */ mode: null,
  /** The other scenario (compare) or their file (merge). @type {Source | null} */ other: null,
  /** @type {Review | null} */ review: null,
  /** @type {MergeReview | null} */ merge: null,
  /** @type {WorkerError | null} */ error: null,
  running: false,
  busy: false,
  key: '',
  /** Groups shown in full. @type {Set<string>} */ expanded: new Set(),
  rankingAll: false,
  /** What the last take did, with Undo. @type {string} */ lastTake: '',
  // merge
  /** @type {ExportHead[]} */ exports: [],
  /** The base: an export (n) or a file. @type {Base} */
  base: baseOf('', null, null),
  /** Decisions by path (JSON). @type {Map<string, 'ours' | 'theirs'>} */ choices: new Map(),
  /** Conflicts the choices left (a second round), by path. @type {MergeConflict[]} */ extra: [],
  /** ms in the worker for the last answer, for the benchmarks. */ workerMs: 0,
  /** ms the last take held the main thread (the Workbench's replace, the redraw). */ takeMs: 0,
  /** Called after each render of a result (benchmarks and tests wait on it). @type {(() => void)[]} */ rendered: [],
};

let refreshTimer = 0;
const keyNow = () => `${S.id}|${S.pulls}`;
/** @param {string[]} path */
const pathKey = (path) => JSON.stringify(path);

/**
 * Mounts the dialog and its two entries in the scenario menu; returns hooks for the
 * benchmarks.
 * @param {import('../store.js').Store} theStore @param {{workerUrl: string}} options
 */
export function mount(theStore, options) {
  store = theStore;
  S = store.state;
  workerUrl = options.workerUrl;
  const dialog = /** @type {HTMLDialogElement} */ (byId('compare'));
  dialog.addEventListener('close', reset);
  byId('compare-open').addEventListener('click', () => openChooser());
  byId('merge-open').addEventListener('click', () => openMerge());
  const sync = () => {
    for (const id of ['compare-open', 'merge-open']) byId(id).disabled = !S.wb;
  };
  store.subscribe('scenario', () => {
    sync();
    // Another scenario is open: what the dialog showed was about the one left.
    if (dialog.open) dialog.close();
  });
  // The open scenario changed (a take, an undo): what is shown is marked out of date at
  // once (its buttons disabled), and made again when the changes pause.
  store.subscribe('data', () => {
    if (!dialog.open || (C.mode !== 'compare' && C.mode !== 'merge') || !C.other || C.key === keyNow()) return;
    if (!C.busy) render();
    clearTimeout(refreshTimer);
    refreshTimer = window.setTimeout(() => {
      if (C.key !== keyNow() && !C.busy) run();
    }, REFRESH_MS);
  });
  store.subscribe('compare', () => {
    const req = S.compare;
    if (!req) { prewarm(); return; }
    if (!S.wb) return;
    const other = source(req.file.name, req.file.bytes);
    if (req.mode === 'merge') openMerge(other); else startCompare(other);
  });
  sync();
  return {
    /**
     * For the benchmarks: starts the worker, runs its warm-up and has it read the open
     * scenario (as opening the dialog does, while the PM picks a file), resolving with the
     * ms it took, worker start included.
     */
    async benchWarm() {
      const t0 = performance.now();
      await ask('warm', {});
      await ask('prepare', { ours: oursText() });
      return performance.now() - t0;
    },
    /**
     * For the benchmarks: compares the open scenario with `text` and resolves once the
     * review is drawn, with the ms from the request to the drawing and inside the worker.
     * @param {string} text
     */
    async benchCompare(text) {
      const t0 = performance.now();
      const done = nextRender();
      startCompare(source('benchmark.thresh.json', text));
      await done;
      return { ms: performance.now() - t0, workerMs: C.workerMs, changes: C.review?.count ?? null, error: C.error?.messages.join(' ') ?? null };
    },
    /**
     * For the benchmarks: takes the review's first change, and resolves once the review
     * is made again for the result, with the ms to the take done (of which `mainMs` held
     * the main thread: the Workbench's replace and the redraw) and to the new review.
     */
    async benchTake() {
      const change = C.review?.groups[0]?.changes[0];
      if (!change) return null;
      const t0 = performance.now();
      const again = nextRender();
      await take([change.path]);
      const ms = performance.now() - t0;
      await again;
      return { ms, mainMs: C.takeMs, reviewedMs: performance.now() - t0, error: C.error?.messages.join(' ') ?? null };
    },
    /**
     * For the benchmarks: merges `theirs` into the open scenario against `base`, and
     * resolves once the merge is drawn.
     * @param {string} base @param {string} theirs
     */
    async benchMerge(base, theirs) {
      const t0 = performance.now();
      const done = nextRender();
      openMerge(source('benchmark-theirs.thresh.json', theirs), baseOf('benchmark-base.thresh.json', null, base));
      await done;
      return { ms: performance.now() - t0, workerMs: C.workerMs, conflicts: C.merge?.conflicts.length ?? null,
        incoming: C.merge?.incoming_count ?? null, error: C.error?.messages.join(' ') ?? null };
    },
    close() { if (dialog.open) dialog.close(); },
  };
}

/** Resolves after the next result (or error) is drawn. */
function nextRender() {
  return new Promise((resolve) => C.rendered.push(() => resolve(undefined)));
}

/** The dialog was closed: the worker stops, and everything shown is forgotten. */
function reset() {
  clearTimeout(refreshTimer);
  stopWorker(CLOSED);
  Object.assign(C, {
    mode: null, other: null, review: null, merge: null, error: null, running: false, busy: false, key: '',
    rankingAll: false, lastTake: '', exports: [], base: baseOf('', null, null), extra: [],
  });
  C.expanded.clear();
  C.choices.clear();
  replace(byId('compare'));
}

function show() {
  const dialog = /** @type {HTMLDialogElement} */ (byId('compare'));
  if (!dialog.open) dialog.showModal();
}

/** Draws what the dialog shows now. */
function render() {
  if (C.mode === 'compare') renderReview();
  else if (C.mode === 'merge') renderMerge();
}

/** Whether what is shown was made for another state of the open scenario, or is being made. */
function outdated() {
  return C.running || C.busy || C.key !== keyNow();
}

/** The work behind the dialog: a review or a merge of the open scenario as it is now. */
function run() {
  if (C.mode === 'compare') runReview();
  else if (C.mode === 'merge') runMerge();
}

/** @param {unknown} e @returns {WorkerError} */
function asError(e) {
  const x = /** @type {any} */ (e);
  if (x && Array.isArray(x.messages)) return x;
  return { kind: 'failure', file: null, messages: [String(x?.message ?? x)] };
}

// ----- choosing what to compare with -----

function openChooser() {
  if (!S.wb) return;
  prewarm();
  C.mode = 'choose';
  C.error = null;
  renderChooser();
  show();
  prepare(false);
}

function renderChooser() {
  const others = S.scenarios.filter((e) => e.id !== S.id && !e.damaged);
  const input = h('input', { type: 'file', accept: '.json,application/json', class: 'visually-hidden', tabindex: '-1',
    'data-testid': 'compare-file', 'aria-label': 'A scenario file to compare with' });
  input.addEventListener('change', async () => {
    const file = input.files?.[0];
    input.value = '';
    if (file) startCompare(source(file.name, new Uint8Array(await file.arrayBuffer())));
  });
  replace(byId('compare'),
    h('div', { class: 'compare-chooser', 'data-testid': 'compare-chooser' },
      h('h2', { id: 'compare-title', class: 'dialog-title' }, `Compare “${S.wb.name()}” with…`),
      h('p', { class: 'muted small-print' }, 'See what differs, what it does to the ranking and the plan, and take the changes you want, one by one or all at once. Nothing changes until you take something.'),
      C.error ? errorBox(C.error, 'That scenario', 'compared') : null,
      others.length
        ? h('ul', { class: 'compare-saved' }, ...others.map((e) => h('li', {},
          h('button', { type: 'button', class: 'ghost', 'data-testid': 'compare-saved', dataset: { scenarioId: e.id },
            onclick: () => compareSaved(e.id, e.name) }, e.name))))
        : h('p', { class: 'muted' }, 'There is no other saved scenario.'),
      h('div', { class: 'dialog-actions' },
        h('button', { type: 'button', class: 'ghost', onclick: () => input.click() }, 'A file…'), input,
        h('button', { type: 'button', class: 'ghost', onclick: () => byId('compare').close() }, 'Cancel'))));
}

/** @param {string} id @param {string} name */
async function compareSaved(id, name) {
  const text = await store.savedText(id);
  if (text === null) {
    C.error = { kind: 'file', file: 'theirs', messages: [`"${name}" could not be read from this browser's storage.`] };
    renderChooser();
    return;
  }
  startCompare(source(name, text));
}

// ----- the review -----

/** @param {Source} other */
function startCompare(other) {
  if (!S.wb) return;
  C.mode = 'compare';
  C.other = other;
  C.review = null;
  C.error = null;
  C.lastTake = '';
  C.expanded.clear();
  C.rankingAll = false;
  show();
  runReview();
}

async function runReview() {
  const other = C.other;
  if (!other || !S.wb) return;
  const key = keyNow();
  C.key = key;
  C.running = true;
  renderReview();
  try {
    const { result, ms } = await ask('review', { ours: oursText(), theirs: other });
    if (C.other !== other || C.key !== key) return;
    C.review = result;
    C.workerMs = ms;
    C.error = null;
  } catch (e) {
    if (C.other !== other || asError(e).kind === 'closed') return;
    C.error = asError(e);
  }
  C.running = false;
  renderReview();
  for (const fn of C.rendered.splice(0)) fn();
}

/** Takes the changes at `paths` (all of them: null) into the open scenario: one undo step. @param {string[][] | null} paths */
async function take(paths) {
  const other = C.other;
  if (!other || !S.wb || C.busy) return;
  C.busy = true;
  renderReview();
  let taken = null;
  let key = '';
  try {
    // The open scenario may change while the worker works (an undo): take again on the new one.
    do {
      key = keyNow();
      const { result } = await ask('take', { ours: oursText(), theirs: other, request: paths ? { paths } : { all: true } });
      taken = /** @type {Taken} */ (result);
    } while (key !== keyNow() && C.other === other);
  } catch (e) {
    C.busy = false;
    if (asError(e).kind === 'closed') return;
    C.error = asError(e);
    renderReview();
    return;
  }
  C.busy = false;
  if (C.other !== other || !taken) return;
  const text = taken.text;
  const t0 = performance.now();
  const done = store.change(() => { S.wb.replace_text(text); return true; }, {
    what: paths ? 'Taking that change' : 'Taking every change',
    onError: (message) => { C.error = { kind: 'failure', file: null, messages: [message] }; },
  });
  C.takeMs = performance.now() - t0;
  if (done) {
    const what = taken.taken.length === 1 ? `“${taken.taken[0]}”` : `${taken.taken.length} changes`;
    C.lastTake = `Took ${what}${taken.along.length ? `, and with it ${taken.along.map((w) => `“${w}”`).join(', ')} (it needs ${taken.along.length === 1 ? 'it' : 'them'})` : ''}.`;
    C.error = null;
  }
  // The data topic has asked for a fresh review; until it comes, the list shows as busy.
  renderReview();
}

function renderReview() {
  const r = C.review;
  const stale = outdated();
  const head = h('header', { class: 'compare-head' },
    h('div', { class: 'compare-title' },
      h('h2', { id: 'compare-title', class: 'dialog-title' }, `Compare with “${C.other?.label ?? ''}”`),
      r ? h('p', { class: 'muted small-print' },
        `Here: “${r.a.name}”, open (${r.a.requests} requests). There: “${r.b.name}” (${r.b.requests} requests). Taking a change brings its “there” side here.`) : null),
    h('div', { class: 'compare-actions' },
      r && r.count > 0 ? h('button', { type: 'button', 'data-testid': 'take-all', disabled: stale ? true : null, onclick: () => take(null) },
        `Take all ${r.count} change${r.count === 1 ? '' : 's'}`) : null,
      h('button', { type: 'button', class: 'ghost', 'data-testid': 'compare-close', onclick: () => byId('compare').close() }, 'Close')));
  const parts = [head];
  if (C.lastTake) {
    parts.push(h('div', { class: 'compare-note', role: 'status', 'data-testid': 'compare-took' },
      h('span', { text: C.lastTake }),
      h('button', { type: 'button', class: 'small ghost', 'data-testid': 'compare-undo', onclick: () => { C.lastTake = ''; store.undo(); } }, 'Undo')));
  }
  if (C.error) parts.push(errorBox(C.error, C.other?.label ?? 'The file', 'compared'));
  if (!r) {
    if (!C.error) parts.push(h('p', { class: 'compare-status muted', role: 'status' }, 'Comparing…'));
    replace(byId('compare'), h('div', { class: 'compare-view', 'data-testid': 'compare-view', 'aria-busy': 'true' }, ...parts));
    return;
  }
  const body = r.count === 0
    ? h('div', { class: 'compare-empty' },
      h('p', { class: 'big' }, 'No differences.'),
      h('p', { class: 'muted' }, `“${C.other?.label}” and the open scenario are the same scenario (fields at their defaults count as the same).`))
    : h('div', { class: 'compare-body' },
      h('section', { class: 'compare-changes', 'aria-label': 'What changed' },
        h('h3', {}, 'What changed', h('span', { class: 'count', text: String(r.count) })),
        ...r.groups.map((g) => changeGroup(g, stale))),
      h('section', { class: 'compare-effect', 'aria-label': 'What it does' },
        h('h3', {}, 'What it does'),
        rankingTable(r),
        planDifference(r)));
  parts.push(body);
  replace(byId('compare'), h('div', { class: `compare-view${stale ? ' stale' : ''}`, 'data-testid': 'compare-view',
    'aria-busy': stale ? 'true' : null }, ...parts));
}

/**
 * A file's problem, said with its place, and that nothing changed.
 * @param {WorkerError} e @param {string} label @param {string} verb
 */
function errorBox(e, label, verb) {
  const which = e.file === 'base' ? `The base file “${C.base.label}”` : e.file === 'theirs' ? `“${label}”` : e.file === 'ours' ? 'The open scenario' : null;
  const title = e.kind === 'file' && which
    ? `${which} cannot be ${verb}: it is not a valid scenario file. The open scenario is unchanged.`
    : `That did not work. The open scenario is unchanged.`;
  const hint = e.kind === 'file' && e.file !== 'request'
    ? '\n\nFix the file (the place is given as a JSON path, or line and column) and choose it again.' : '';
  return h('div', { class: 'banner error compare-error', role: 'alert', 'data-testid': 'error' },
    h('div', { class: 'message' }, h('strong', { text: title }), `${e.messages.join('\n')}${hint}`));
}

/** @param {ChangeGroup} g @param {boolean} stale */
function changeGroup(g, stale) {
  const all = C.expanded.has(g.id);
  const takeButton = (/** @type {ReviewChange} */ c, /** @type {string} */ label) =>
    h('button', { type: 'button', class: 'small ghost', 'data-testid': 'change-take', 'aria-label': `Take: ${c.words}`,
      disabled: stale ? true : null, onclick: () => take([c.path]) }, label);
  const row = (/** @type {ReviewChange} */ c, /** @type {string} */ text, /** @type {string} */ cls = '') =>
    h('li', { class: `change ${c.kind} ${cls}`, 'data-testid': 'change', dataset: { path: pathKey(c.path) } },
      h('span', { class: 'change-words', text }), takeButton(c, 'Take'));
  /** @type {HTMLElement[]} */
  let items;
  let total;
  if (g.id === 'requests-changed') {
    // One heading per request, its changes under it.
    /** @type {Map<string, ReviewChange[]>} */
    const byRequest = new Map();
    for (const c of g.changes) {
      const id = c.path[1];
      if (!byRequest.has(id)) byRequest.set(id, []);
      byRequest.get(id).push(c);
    }
    total = byRequest.size;
    items = [...byRequest.values()].slice(0, all ? undefined : GROUP_ROWS).map((list) =>
      h('li', { class: 'change-item' },
        h('div', { class: 'change-subject', text: list[0].subject }),
        h('ul', {}, ...list.map((c) => row(c, c.detail, 'field')))));
  } else {
    total = g.changes.length;
    const words = (/** @type {ReviewChange} */ c) => (g.id === 'requests-added' || g.id === 'requests-removed' ? c.subject : c.words);
    items = g.changes.slice(0, all ? undefined : GROUP_ROWS).map((c) => row(c, words(c)));
  }
  return h('div', { class: 'change-group', 'data-testid': 'change-group', dataset: { group: g.id } },
    h('h4', {}, g.title, h('span', { class: 'count', text: String(g.id === 'requests-changed' ? total : g.changes.length) })),
    h('ul', { class: 'change-list' }, ...items),
    !all && total > GROUP_ROWS
      ? h('button', { type: 'button', class: 'link', onclick: () => { C.expanded.add(g.id); renderReview(); } }, `Show all ${total}`)
      : null);
}

/** The ranking there (B's order) beside the rank here, with the movement. @param {Review} r */
function rankingTable(r) {
  const rows = C.rankingAll ? r.ranking : r.ranking.slice(0, RANKING_ROWS);
  const line = r.moved === 0
    ? `No request changes its rank (${r.ranked} ranked).`
    : `${r.moved} of ${r.ranked} requests change their rank.`;
  return h('div', { class: 'compare-ranking' },
    h('h4', {}, 'Ranking', h('span', { class: 'muted small', text: line })),
    h('table', { class: 'rank-compare', 'data-testid': 'compare-ranking' },
      h('thead', {}, h('tr', {},
        h('th', { class: 'num', scope: 'col', title: 'Rank there' }, 'There'),
        h('th', { class: 'num', scope: 'col', title: 'Rank here (the open scenario)' }, 'Here'),
        h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Movement')),
        h('th', { scope: 'col' }, 'Request'),
        h('th', { class: 'num', scope: 'col' }, 'Score here → there'))),
      h('tbody', {}, ...rows.map((m) => {
        const { text, cls, label } = movement(m.rank_a, m.rank_b);
        return h('tr', { 'data-testid': 'compare-rank-row', dataset: { requestId: m.id }, class: m.rank_a === m.rank_b ? 'same' : '' },
          h('td', { class: 'num rank', text: m.rank_b ?? '–' }),
          h('td', { class: 'num muted', text: m.rank_a ?? '–' }),
          h('td', { class: `move ${cls}`, 'aria-label': label, title: label }, text),
          h('td', { class: 'title' }, h('span', { class: 'title-text', text: m.title ?? m.id }), h('span', { class: 'rid', text: m.id })),
          h('td', { class: 'num score', text: `${m.score_a === null ? '–' : fmt(m.score_a)} → ${m.score_b === null ? '–' : fmt(m.score_b)}` }));
      }))),
    !C.rankingAll && r.ranking.length > RANKING_ROWS
      ? h('button', { type: 'button', class: 'link', onclick: () => { C.rankingAll = true; renderReview(); } },
        `Show ${r.ranking.length - RANKING_ROWS} more${r.ranked > r.ranking.length ? ` (of ${r.ranked})` : ''}`)
      : null);
}

/**
 * A rank here (a) and there (b) as a movement mark.
 * @param {number | null} a @param {number | null} b
 */
function movement(a, b) {
  if (a === null && b !== null) return { text: 'new', cls: 'new', label: 'ranked only there' };
  if (b === null) return { text: 'out', cls: 'down', label: 'ranked only here' };
  const d = a - b;
  if (d > 0) return { text: `▲${d}`, cls: 'up', label: `${d} up there` };
  if (d < 0) return { text: `▼${-d}`, cls: 'down', label: `${-d} down there` };
  return { text: '', cls: '', label: 'same rank' };
}

/** The plan's ins and outs. @param {Review} r */
function planDifference(r) {
  const p = r.plan;
  if (!p) {
    return h('div', { class: 'compare-plan' }, h('h4', {}, 'Plan'),
      h('p', { class: 'muted small-print' }, 'Not compared: one of the two has no capacity, or no plan fits its constraints.'));
  }
  const list = (/** @type {{id: string, title: string | null}[]} */ items, /** @type {number} */ count, /** @type {string} */ testid) =>
    h('ul', { class: 'plan-ids', 'data-testid': testid }, ...items.map((x) =>
      h('li', {}, h('span', { class: 'title-text', text: x.title ?? x.id }), h('span', { class: 'rid', text: x.id }))),
    count > items.length ? h('li', { class: 'muted', text: `… and ${count - items.length} more` }) : null);
  return h('div', { class: 'compare-plan' },
    h('h4', {}, 'Plan', h('span', { class: 'muted small', text: `${p.only_b_count} in, ${p.only_a_count} out, ${p.both} in both` })),
    p.only_b_count || p.only_a_count
      ? h('div', { class: 'plan-diff' },
        h('div', {}, h('h5', { class: 'in' }, 'In: only in the plan there'), p.only_b_count ? list(p.only_b, p.only_b_count, 'plan-in') : h('p', { class: 'muted small-print' }, 'None.')),
        h('div', {}, h('h5', { class: 'out' }, 'Out: only in the plan here'), p.only_a_count ? list(p.only_a, p.only_a_count, 'plan-out') : h('p', { class: 'muted small-print' }, 'None.')))
      : h('p', { class: 'muted small-print' }, 'The same requests are planned on both sides.'));
}

// ----- merge -----

/**
 * Opens the merge: their file (given by an import, or chosen here) merged into the open
 * scenario against the latest export of it (or `base`).
 * @param {Source} [theirs] @param {Base} [base]
 */
async function openMerge(theirs, base) {
  if (!S.wb) return;
  prewarm();
  const id = S.id;
  C.mode = 'merge';
  C.other = theirs ?? null;
  C.merge = null;
  C.error = null;
  C.choices.clear();
  C.extra = [];
  C.exports = await store.exportsOf(id).catch(() => []);
  if (S.id !== id || C.mode !== 'merge') return;
  if (base) C.base = base;
  else if (C.exports.length) C.base = baseOf(exportLabel(C.exports[0]), C.exports[0].n, null);
  else C.base = baseOf('', null, null);
  show();
  if (C.other && (C.base.n !== null || C.base.data !== null)) runMerge();
  else {
    renderMerge();
    if (!C.other) prepare(true);
  }
}

/** @param {ExportHead} e */
function exportLabel(e) {
  // The date first and short (no year this year): on a phone a select shows one line.
  const at = new Date(e.at);
  const year = at.getFullYear() === new Date().getFullYear() ? undefined : 'numeric';
  return `${at.toLocaleString(undefined, { day: 'numeric', month: 'short', year, hour: '2-digit', minute: '2-digit' })} · ${e.file}`;
}

async function runMerge() {
  const theirs = C.other;
  if (!theirs || !S.wb) { renderMerge(); return; }
  const key = keyNow();
  C.key = key;
  C.running = true;
  renderMerge();
  try {
    const base = await baseData();
    const { result, ms } = await ask('merge', { base, ours: oursText(), theirs });
    if (C.other !== theirs || C.key !== key) return;
    C.merge = result;
    C.workerMs = ms;
    C.error = null;
    C.extra = [];
    // Decisions already made stay with their conflicts.
    const paths = new Set(C.merge.conflicts.map((c) => pathKey(c.path)));
    for (const k of [...C.choices.keys()]) if (!paths.has(k)) C.choices.delete(k);
  } catch (e) {
    if (C.other !== theirs || asError(e).kind === 'closed') return;
    C.error = asError(e);
    C.merge = null;
  }
  C.running = false;
  renderMerge();
  for (const fn of C.rendered.splice(0)) fn();
}

/** The base, its text or bytes read (an export is read from storage once). @returns {Promise<Base>} */
async function baseData() {
  if (C.base.data === null && C.base.n !== null) {
    const text = await store.exportText(C.base.n);
    if (text === null) throw { kind: 'file', file: 'base', messages: ['That export is no longer kept in this browser. Choose another base.'] };
    C.base.data = text;
  }
  if (C.base.data === null) throw { kind: 'file', file: 'base', messages: ['There is no base to merge against.'] };
  return C.base;
}

/** Every conflict to decide: the merge's, then those the choices left. */
function conflicts() {
  return [...(C.merge?.conflicts ?? []), ...C.extra];
}

async function applyMerge() {
  const m = C.merge;
  const theirs = C.other;
  if (!m || !theirs || C.busy) return;
  C.busy = true;
  renderMerge();
  let text = m.text;
  /** @type {string[]} */
  let restored = [];
  try {
    if (C.key !== keyNow()) throw { kind: 'stale', file: null, messages: ['The open scenario changed meanwhile; the merge was made again. Check it, then apply.'] };
    if (text === null) {
      const choices = [...C.choices].map(([k, side]) => ({ path: JSON.parse(k), side }));
      const { result } = await ask('resolve', { base: await baseData(), ours: oursText(), theirs, choices });
      const r = /** @type {Resolution} */ (result);
      if (r.conflicts) {
        const known = new Set(conflicts().map((c) => pathKey(c.path)));
        C.extra.push(...r.conflicts.filter((c) => !known.has(pathKey(c.path)) || !C.choices.has(pathKey(c.path))));
        for (const c of r.conflicts) C.choices.delete(pathKey(c.path));
        C.busy = false;
        C.error = { kind: 'more', file: null, messages: ['Your choices leave the scenario invalid at the places marked below: decide them too.'] };
        renderMerge();
        return;
      }
      text = r.text;
      restored = r.restored ?? [];
    }
  } catch (e) {
    C.busy = false;
    if (asError(e).kind === 'closed') return;
    if (asError(e).kind === 'stale') { C.error = asError(e); runMerge(); return; }
    C.error = asError(e);
    renderMerge();
    return;
  }
  C.busy = false;
  const decided = conflicts().length;
  const done = store.change(() => { S.wb.replace_text(text); return true; }, {
    what: 'The merge',
    onError: (message) => { C.error = { kind: 'failure', file: null, messages: [message] }; },
  });
  if (!done) { renderMerge(); return; }
  byId('compare').close();
  const parts = [`${m.incoming_count} change${m.incoming_count === 1 ? '' : 's'} came in`];
  if (decided) parts.push(`${decided} conflict${decided === 1 ? '' : 's'} decided`);
  if (restored.length) parts.push(`${restored.join(', ')} kept for what refers to ${restored.length === 1 ? 'it' : 'them'}`);
  toast(`Merged “${theirs.label}”: ${parts.join('; ')}.`, ['Undo', () => store.undo()]);
}

function renderMerge() {
  const m = C.merge;
  const stale = outdated() && Boolean(C.other);
  const list = conflicts();
  const open = list.filter((c) => !C.choices.has(pathKey(c.path))).length;
  const theirsInput = h('input', { type: 'file', accept: '.json,application/json', class: 'visually-hidden', tabindex: '-1',
    'data-testid': 'merge-file', 'aria-label': 'Their file' });
  theirsInput.addEventListener('change', async () => {
    const file = theirsInput.files?.[0];
    theirsInput.value = '';
    if (!file) return;
    C.other = source(file.name, new Uint8Array(await file.arrayBuffer()));
    C.merge = null;
    C.choices.clear();
    C.extra = [];
    if (C.base.n !== null || C.base.data !== null) runMerge(); else renderMerge();
  });
  const baseInput = h('input', { type: 'file', accept: '.json,application/json', class: 'visually-hidden', tabindex: '-1',
    'data-testid': 'merge-base-file', 'aria-label': 'The base: the file you sent' });
  baseInput.addEventListener('change', async () => {
    const file = baseInput.files?.[0];
    baseInput.value = '';
    if (!file) return;
    C.base = baseOf(file.name, null, new Uint8Array(await file.arrayBuffer()));
    C.choices.clear();
    if (C.other) runMerge(); else renderMerge();
  });

  const baseSelect = C.exports.length
    ? (() => {
      const sel = h('select', { id: 'merge-base', 'data-testid': 'merge-base', disabled: stale ? true : null },
        ...C.exports.map((e, i) => h('option', { value: String(e.n), selected: C.base.n === e.n ? true : null },
          `${i === 0 ? 'Latest: ' : ''}${exportLabel(e)}${C.other && e.file === C.other.label ? ' (same file name)' : ''}`)),
        C.base.n === null && C.base.data !== null ? h('option', { value: '', selected: true }, `the file ${C.base.label}`) : null);
      sel.addEventListener('change', () => {
        const e = C.exports.find((x) => String(x.n) === sel.value);
        if (!e) return;
        C.base = baseOf(exportLabel(e), e.n, null);
        C.choices.clear();
        if (C.other) runMerge();
      });
      return sel;
    })()
    : null;

  const head = h('header', { class: 'compare-head' },
    h('div', { class: 'compare-title' },
      h('h2', { id: 'compare-title', class: 'dialog-title' }, C.other ? `Merge “${C.other.label}” into “${S.wb?.name() ?? ''}”` : `Merge a colleague's file into “${S.wb?.name() ?? ''}”`),
      h('p', { class: 'muted small-print' }, 'Your changes and theirs, each since the version you sent them (the base). Only where both changed the same thing do you decide.')),
    h('div', { class: 'compare-actions' },
      h('button', { type: 'button', 'data-testid': 'merge-apply',
        disabled: !m || stale || open > 0 || (m.incoming_count === 0 && list.length === 0) ? true : null, onclick: applyMerge },
      'Apply the merge'),
      h('button', { type: 'button', class: 'ghost', onclick: () => byId('compare').close() }, 'Cancel')));

  const setup = h('div', { class: 'merge-setup' },
    h('div', { class: 'field-row' },
      h('span', { class: 'setup-label' }, 'Their file'),
      C.other ? h('span', { class: 'setup-value', text: C.other.label }) : h('span', { class: 'muted setup-value' }, 'none chosen yet'),
      h('button', { type: 'button', class: 'small ghost', 'data-testid': 'merge-choose-file', onclick: () => theirsInput.click() }, C.other ? 'Another file…' : 'Choose their file…'),
      theirsInput),
    h('div', { class: 'field-row' },
      baseSelect ? h('label', { class: 'setup-label', for: 'merge-base' }, 'Base') : h('span', { class: 'setup-label' }, 'Base'),
      baseSelect ?? (C.base.data !== null ? h('span', { class: 'setup-value', text: `the file ${C.base.label}` })
        : h('span', { class: 'setup-value muted' }, 'No export of this scenario is remembered in this browser.')),
      h('button', { type: 'button', class: 'small ghost', onclick: () => baseInput.click() }, 'A file as the base…'),
      baseInput),
    !C.exports.length && C.base.data === null
      ? h('p', { class: 'muted small-print' }, 'Every export is remembered here (the last 20), so that a colleague\'s copy can be merged against it. Choose the file you sent them as the base, or compare their file instead (Compare with…).')
      : null);

  const parts = [head, setup];
  if (C.error) {
    parts.push(C.error.kind === 'more'
      ? h('div', { class: 'banner compare-error', role: 'status', 'data-testid': 'warning' }, h('div', { class: 'message' }, C.error.messages.join('\n')))
      : errorBox(C.error, C.other?.label ?? 'Their file', 'merged'));
  }
  if (C.running) parts.push(h('p', { class: 'compare-status muted', role: 'status' }, 'Merging…'));
  if (m) {
    const summary = m.theirs_changes === 0
      ? 'Their file changes nothing since the base.'
      : `Since the base, their file makes ${m.theirs_changes} change${m.theirs_changes === 1 ? '' : 's'} and you made ${m.ours_changes}. `
        + (list.length ? `${list.length} conflict${list.length === 1 ? '' : 's'} to decide${open < list.length ? ` (${open} left)` : ''}.` : 'No conflicts: their changes and yours fit together.');
    parts.push(h('p', { class: 'merge-summary', role: 'status', 'data-testid': 'merge-summary' }, summary));
    const body = [];
    if (list.length) {
      body.push(h('section', { class: 'merge-conflicts', 'aria-label': 'Conflicts to decide' },
        h('h3', {}, 'Conflicts to decide', h('span', { class: 'count', text: String(list.length) })),
        h('ol', { class: 'conflict-list' }, ...list.map((c) => conflictRow(c, stale)))));
    }
    body.push(h('section', { class: 'merge-incoming', 'aria-label': 'What the merge brings in' },
      h('h3', {}, 'What the merge brings in', h('span', { class: 'count', text: String(m.incoming_count) })),
      m.incoming_count
        ? h('div', {}, ...m.incoming.map((g) => incomingGroup(g)))
        : h('p', { class: 'muted' }, list.length ? 'Nothing besides what you decide above.' : 'Nothing: the open scenario already has all of their changes.')));
    parts.push(h('div', { class: 'merge-body' }, ...body));
  }
  replace(byId('compare'), h('div', { class: `compare-view merge${stale ? ' stale' : ''}`, 'data-testid': 'merge-view',
    'aria-busy': stale ? 'true' : null }, ...parts));
}

/** A conflict: where, base, yours and theirs in words, and the two choices. @param {MergeConflict} c @param {boolean} stale */
function conflictRow(c, stale) {
  const key = pathKey(c.path);
  const chosen = C.choices.get(key);
  const choose = (/** @type {'ours' | 'theirs'} */ side) => { C.choices.set(key, side); renderMerge(); };
  const side = (/** @type {'ours' | 'theirs'} */ which, /** @type {string} */ title, /** @type {string} */ words, /** @type {string} */ label) =>
    h('div', { class: `side ${which}${chosen === which ? ' chosen' : ''}` },
      h('div', { class: 'side-title', text: title }),
      h('div', { class: 'side-words', text: words }),
      h('button', { type: 'button', class: `small ${chosen === which ? '' : 'ghost'}`, 'data-testid': `conflict-${which}`,
        'aria-pressed': String(chosen === which), disabled: stale ? true : null, onclick: () => choose(which) }, label));
  const where = c.path.length === 0 ? 'The whole scenario' : c.field ? `${c.subject} · ${c.field}` : c.subject;
  return h('li', { class: `conflict${chosen ? ' decided' : ''}`, 'data-testid': 'merge-conflict', dataset: { path: key, chosen: chosen ?? '' } },
    h('div', { class: 'conflict-where', text: where }),
    c.problem ? h('div', { class: 'conflict-problem', text: `Together they do not fit: ${c.problem}.` }) : null,
    h('div', { class: 'conflict-sides' },
      h('div', { class: 'side base' }, h('div', { class: 'side-title', text: 'Base' }), h('div', { class: 'side-words', text: c.base || '—' })),
      side('ours', 'Yours', c.ours, 'Keep yours'),
      side('theirs', 'Theirs', c.theirs, 'Take theirs')));
}

/** @param {ChangeGroup} g */
function incomingGroup(g) {
  const all = C.expanded.has(`in:${g.id}`);
  const rows = all ? g.changes : g.changes.slice(0, GROUP_ROWS);
  return h('div', { class: 'change-group' },
    h('h4', {}, g.title, h('span', { class: 'count', text: String(g.changes.length) })),
    h('ul', { class: 'change-list' }, ...rows.map((c) =>
      h('li', { class: `change ${c.kind}`, 'data-testid': 'merge-incoming', dataset: { path: pathKey(c.path) } },
        h('span', { class: 'change-words', text: g.id === 'requests-added' || g.id === 'requests-removed' ? c.subject : c.words })))),
    !all && g.changes.length > GROUP_ROWS
      ? h('button', { type: 'button', class: 'link', onclick: () => { C.expanded.add(`in:${g.id}`); renderMerge(); } }, `Show all ${g.changes.length}`)
      : null);
}
