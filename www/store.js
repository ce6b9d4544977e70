// The page's state and every change to it. Rust (WebAssembly) owns the scenario and computes
// every number; the store holds the open Workbench, the arrays last read from it, and what
// the PM is looking at (view, filter, selection, drawer), and it is the only module that
// writes them. Views read `store.state`, call the store's actions, and subscribe to the
// topics they render. Imports notices.js and lib/ only: the bindings' classes are handed
// in by main.js, so nothing here loads WebAssembly. Saving goes through lib/storage.js
// (IndexedDB); see "saving" below for when this tab writes, and what it does when another
// tab wrote first.

import { banner, clearBanner, isShown, toast, hideToast, saveStatus, storageNote } from './notices.js';
import { afterPaint, download } from './lib/dom.js';
import { slug, today } from './lib/format.js';
import { openStorage, isQuotaError, newScenarioId, TRASH_DAYS } from './lib/storage.js';
import { kindOf } from './lib/sheets.js';

/** @typedef {import('./pkg/thresh.js').Workbench} Workbench */
/** @typedef {import('./lib/storage.js').ScenarioStorage} ScenarioStorage */

/**
 * @typedef {'ranking' | 'plan' | 'chart' | 'accounts' | 'data' | 'team' | 'robust'} View
 *
 * @typedef {import('./pkg/thresh.js').RequestSummary} RequestSummary  a request's light fields, in file order
 * @typedef {import('./pkg/thresh.js').ModelView} ModelView
 *
 * @typedef {object} Filter  the ranking's filter as the PM set it ('' and 0 mean any)
 * @property {string} text  found, ignoring case, in titles and ids
 * @property {string} bucket  a bucket id, or NO_BUCKET for requests without one
 * @property {string} tag
 * @property {number} flag  one of the FLAG_NAMES bits
 * @property {string} status  a status word ('' any)
 * @property {boolean} archived  archived requests (done, declined) are listed too, after the ranking, unranked
 *
 * @typedef {import('./lib/storage.js').Head} ScenarioEntry  a saved scenario as the list shows it
 *
 * @typedef {object} DrawerTarget  the request the drawer shows
 * @property {string} id  followed by id: positions change with edits and undo
 * @property {number} index  where that request is now (the store keeps it current)
 *
 * @typedef {object} State
 * @property {Workbench | null} wb  the open scenario, owned by Rust; null on the welcome panel
 * @property {ScenarioStorage | null} storage  the saved scenarios; null when this browser cannot save
 * @property {string | null} id  the storage id of the open scenario
 * @property {ScenarioEntry[]} scenarios  the saved scenarios, as last listed (not those in the trash)
 * @property {ScenarioEntry[]} trash  the scenarios in the trash, the latest deleted first
 * @property {{id: string, name: string} | null} restorable  the scenario just moved to the trash, which Undo restores
 * @property {number} revision  the Workbench revision the lists below were read at (-1: not yet)
 * @property {ModelView} model  everything but the requests, and the words the page offers
 * @property {RequestSummary[]} requests
 * @property {number} n  how many requests
 * @property {number} k  how many criteria
 * @property {Float64Array} raw  each request's criterion values, request-major (n × k)
 * @property {Uint8Array} origins  for each value: 0 entered, 1 derived, 2 missing
 * @property {Map<number, {low: number, likely: number, high: number}>} ranges  the values given as a range, by cell (request · k + criterion)
 * @property {Uint8Array} flags  each request's FLAG_NAMES bits
 * @property {Uint32Array} order  request indices in rank order (empty when the scenario cannot be ranked)
 * @property {Uint32Array} ranks
 * @property {Float64Array} scores
 * @property {Float64Array} values
 * @property {Int32Array} movement  places moved since the last change (positive: up)
 * @property {Float64Array} contributions  each criterion's share of each score, request-major (weighted sums; else empty)
 * @property {Float64Array} weights  each criterion's weight now (weights move without a new revision)
 * @property {import('./pkg/thresh.js').ScoreNotes} notes  criteria sitting out, requests that cannot be scored
 * @property {PlanMarks | null} plan  the last plan made for the scenario as it is (null: none yet, or none possible)
 * @property {string | null} scoreError  why the scenario cannot be ranked
 * @property {Filter} filter
 * @property {Uint32Array} visible  the requests the filter keeps, in rank order
 * @property {View} view
 * @property {number} selected  the selected request's index; -1 for none
 * @property {DrawerTarget | null} drawer  the request whose drawer is open; null when it is closed
 * @property {number} gen  grows whenever another scenario is shown: caches keyed on it start over
 * @property {number} pulls  counts reads from Rust: a plan made before the last one is stale
 * @property {boolean} teamRanks  the ranking shows each view's rank of every request (the rank strip)
 * @property {number} teamTop  K, the size of the top the team's views are compared on (0: the default, 10)
 * @property {RobustSummary | null} robust  the last "How sure?" analysis, for the report (null: none run for this scenario)
 * @property {number} robustTop  K of the "How sure?" view and the weights' tipping bands (0: the default, min(10, ranked))
 * @property {CompareRequest | null} compare  the last file an import handed to the compare view
 */

/**
 * @typedef {object} RobustSummary  how sure the ranking is, in a few lines, for the report
 * @property {number} pulls  the read of the scenario it was computed for (state.pulls): older than the last read, it is stale
 * @property {string} [settings]  the analysis's settings in words
 * @property {string[]} findings  sentences, the most important first (Rust's words)
 * @property {{id: string, title: string, rank: number, p_top: number, rank_p05?: number,
 *   rank_p95?: number, p_plan?: number}[]} [requests]  fractions 0–1
 *
 * @typedef {object} CompareRequest  a file to compare with the open scenario, or to merge into it
 * @property {'compare' | 'merge'} mode
 * @property {{name: string, bytes: Uint8Array}} file
 */

/**
 * @typedef {object} PlanMarks  which requests the quarter's plan holds, for the views besides the plan's
 * @property {Set<string>} ids  the selected requests' ids
 * @property {number} pulls  the read of the scenario it was made for (state.pulls)
 * @property {string | null} problem  why there is no plan (no capacity, no plan fits), or null
 * @property {import('./pkg-plan/thresh.js').PlanSolution | null} solution  the planner's
 *   solution it came from (the report prints it rather than planning again), or null
 *
 * @typedef {object} Update  what a read of the scenario brought
 * @property {boolean} structural  the scenario changed (its revision moved, or another one is
 *   open): model and requests were read again, not only the scores
 * @property {boolean} live  a frame of a weight gesture: only what must follow it live (the
 *   ranking, the drawer's numbers, a debounced plan) redraws; the rest catches up when it ends
 *
 * @typedef {object} Topics  what each topic's subscribers are given
 * @property {Update} data  after every read of the scenario (edits, undo, weight frames)
 * @property {undefined} scenario  another scenario is open, or none (state.wb null): forget caches
 * @property {undefined} view  state.view changed
 * @property {{reveal: boolean}} selection  state.selected changed; `reveal`: scroll the ranking to it and focus it
 * @property {undefined} drawer  state.drawer changed: the drawer opens, shows another request, or closes
 * @property {undefined} filter  state.filter changed, and state.visible with it
 * @property {undefined} library  state.scenarios, state.trash or state.restorable changed
 * @property {undefined} compare  state.compare changed: an imported file is to be compared or merged
 *   (null: one may be, soon — an edited copy is offered — so the compare view gets ready)
 * @property {undefined} plan  state.plan changed
 * @property {undefined} team  state.teamRanks or state.teamTop changed
 * @property {undefined} robust  state.robust or state.robustTop changed
 * @property {{file: File}} sheet  a spreadsheet (CSV, TSV, text, or a workbook) was chosen or
 *   dropped: the import's mapping step reads it (views/import.js)
 */

/** The bucket filter's value for requests without a bucket (no bucket id can be this). */
export const NO_BUCKET = '\u0000none';

/** The bits of `state.flags`, and their names. @type {[number, string][]} */
export const FLAG_NAMES = [[1, 'incomplete'], [2, 'single-account'], [4, 'overdue'], [8, 'unscorable']];

/** Statuses that archive a request: it is not ranked (rank 0), and listed only when asked for. */
const ARCHIVED = new Set(['done', 'declined']);
/** How many unscorable requests the notes name (the rest are counted). */
const NOTES_LIMIT = 50;

/** Saving waits this long after the last committed change (longer when writes take long). */
const SAVE_DELAY_MS = 400;
const SAVE_DELAY_MAX_MS = 5000;
/** A weight drag that moved within this time is still going on: saving waits for it. */
const GESTURE_QUIET_MS = 1000;
/** A write that failed (a full disk) is tried again after this, then twice as long each time, up to the max. */
const RETRY_FIRST_MS = 2000;
const RETRY_MAX_MS = 30_000;

/** The values given as a range, by cell (see State.ranges). @param {Workbench} wb */
function readRanges(wb) {
  const { cells, low, likely, high } = wb.value_ranges();
  const ranges = new Map();
  for (let x = 0; x < cells.length; x++) ranges.set(cells[x], { low: low[x], likely: likely[x], high: high[x] });
  return ranges;
}

/** @param {unknown} e */
const messageOf = (e) => String(/** @type {any} */ (e)?.message ?? e);

/**
 * Creates the page's store. `Workbench` is the bindings' class (main.js loads the
 * WebAssembly and hands it in).
 * @param {{Workbench: typeof import('./pkg/thresh.js').Workbench}} bindings
 */
export function createStore({ Workbench }) {
  /** @type {State} */
  const state = {
    wb: null,
    storage: null,
    id: null,
    scenarios: [],
    trash: [],
    restorable: null,
    revision: -1,
    model: null,
    requests: [],
    n: 0,
    k: 0,
    raw: new Float64Array(0),
    origins: new Uint8Array(0),
    ranges: new Map(),
    flags: new Uint8Array(0),
    order: new Uint32Array(0),
    ranks: new Uint32Array(0),
    scores: new Float64Array(0),
    values: new Float64Array(0),
    movement: new Int32Array(0),
    contributions: new Float64Array(0),
    weights: new Float64Array(0),
    notes: { sitting_out: [], unscorable: [], unscorable_total: 0 },
    plan: null,
    scoreError: null,
    filter: { text: '', bucket: '', tag: '', flag: 0, status: '', archived: false },
    visible: new Uint32Array(0),
    view: 'ranking',
    selected: -1,
    drawer: null,
    gen: 0,
    pulls: 0,
    compare: null,
    teamRanks: false,
    teamTop: 0,
    robust: null,
    robustTop: 0,
  };

  // ----- subscriptions -----

  /** @type {Map<keyof Topics, ((detail: any) => void)[]>} */
  const subscribers = new Map();

  /**
   * Calls `fn` whenever `topic` happens, in the order of subscription.
   * @template {keyof Topics} T
   * @param {T} topic @param {(detail: Topics[T]) => void} fn
   * @returns {() => void} ends the subscription
   */
  function subscribe(topic, fn) {
    subscribers.set(topic, [...(subscribers.get(topic) ?? []), fn]);
    return () => subscribers.set(topic, (subscribers.get(topic) ?? []).filter((f) => f !== fn));
  }

  /** @template {keyof Topics} T @param {T} topic @param {Topics[T]} [detail] */
  function emit(topic, detail) {
    const list = subscribers.get(topic);
    if (list) for (const fn of list) fn(detail);
  }

  // ----- reading the scenario out of Rust -----

  /**
   * The open scenario's file text, exported once per state of it: saving, "How sure?",
   * the compare dialog and an import into it all need it, and at 100,000 requests an
   * export takes about 300 ms. Keyed on the workbench, its revision (every edit) and the
   * read (weights move without a new revision).
   */
  let exported = { wb: /** @type {Workbench | null} */ (null), revision: -1, pulls: -1, text: '' };
  function openText() {
    const wb = /** @type {Workbench} */ (state.wb);
    const revision = wb.revision();
    if (exported.wb !== wb || exported.revision !== revision || exported.pulls !== state.pulls) {
      exported = { wb, revision, pulls: state.pulls, text: wb.export() };
    }
    return exported.text;
  }

  /** Reads what changed: lists and model when the revision moved, scores always. */
  function pull() {
    const wb = /** @type {Workbench} */ (state.wb);
    state.pulls++;
    const revision = wb.revision();
    const structural = revision !== state.revision;
    if (structural) {
      state.revision = revision;
      state.model = wb.model();
      state.requests = wb.requests();
      state.raw = wb.raw_values();
      state.origins = wb.origins();
      state.ranges = readRanges(wb);
      state.flags = wb.flags();
      state.k = wb.criteria_count();
      state.n = wb.request_count();
    }
    state.order = wb.order();
    state.ranks = wb.ranks();
    state.scores = wb.scores();
    state.values = wb.values();
    state.movement = wb.movement();
    state.contributions = wb.contributions();
    state.weights = wb.weights();
    state.notes = wb.score_notes(NOTES_LIMIT);
    state.scoreError = wb.score_error() ?? null;
    return structural;
  }

  /** After the requests changed: the selection, the drawer and the filter still apply. */
  function reconcile() {
    if (state.selected >= state.requests.length) state.selected = -1;
    const f = state.filter;
    if (f.bucket && f.bucket !== NO_BUCKET && !(state.model.buckets ?? []).some((b) => b.id === f.bucket)) f.bucket = '';
    if (f.tag && !state.requests.some((r) => r.tags.includes(f.tag))) f.tag = '';
    const d = state.drawer;
    if (d) {
      const index = d.index < state.requests.length && state.requests[d.index].id === d.id
        ? d.index : state.requests.findIndex((r) => r.id === d.id);
      state.drawer = index < 0 ? null : index === d.index ? d : { id: d.id, index };
    }
    return state.drawer !== d && state.drawer === null;
  }

  /**
   * The requests the filter keeps, in rank order (file order when unranked); archived
   * requests (not ranked) after the ranked ones when they are asked for.
   */
  function applyFilter() {
    const f = state.filter;
    const text = f.text.trim().toLowerCase();
    const { bucket, tag, flag, status } = f;
    let order = state.order.length ? state.order : Uint32Array.from(state.requests.keys());
    const archived = f.archived || ARCHIVED.has(status);
    if (archived && state.order.length) {
      const rest = [];
      for (let i = 0; i < state.requests.length; i++) if (ARCHIVED.has(state.requests[i].status)) rest.push(i);
      if (rest.length) order = Uint32Array.from([...order, ...rest]);
    } else if (!archived && !state.order.length && state.requests.some((r) => ARCHIVED.has(r.status))) {
      order = order.filter((i) => !ARCHIVED.has(state.requests[i].status));
    }
    if (!text && !bucket && !tag && !flag && !status) {
      state.visible = order;
      return;
    }
    const keep = [];
    for (const i of order) {
      const r = state.requests[i];
      if (status && r.status !== status) continue;
      if (text && !r.title.toLowerCase().includes(text) && !r.id.toLowerCase().includes(text)) continue;
      if (bucket && (bucket === NO_BUCKET ? r.bucket : r.bucket !== bucket)) continue;
      if (tag && !r.tags.includes(tag)) continue;
      if (flag && !(state.flags[i] & flag)) continue;
      keep.push(i);
    }
    state.visible = Uint32Array.from(keep);
  }

  /**
   * Reads the scenario again and tells the subscribers. `live`: a frame of a weight
   * gesture (see Update). This is the weight drag's path: keep it lean.
   */
  function refresh({ live = false } = {}) {
    if (!state.wb) return;
    const structural = pull();
    const drawerClosed = structural && reconcile();
    applyFilter();
    emit('data', { structural, live });
    if (drawerClosed) emit('drawer');
  }

  // ----- changes -----

  /**
   * Runs an edit of the open scenario, then reads it again, redraws and saves; on failure
   * the work stays as it was and the message is shown (in the 'edit' banner, or by
   * `onError`, for a form that shows it next to its fields). Returns what `fn` returned,
   * or undefined when it failed. `follow`: the id the drawer's request has after this edit
   * (an edit that renames it).
   * @template R
   * @param {() => R} fn
   * @param {{what?: string, onError?: (message: string) => void, follow?: string}} [opts]
   * @returns {R | undefined}
   */
  function change(fn, { what = 'That change', onError, follow } = {}) {
    const drawer = state.drawer;
    if (follow !== undefined && drawer) state.drawer = { id: follow, index: drawer.index };
    let result;
    try {
      result = fn();
    } catch (e) {
      state.drawer = drawer;
      if (onError) onError(messageOf(e));
      else banner('edit', `${what} was not made.`, messageOf(e));
      return undefined;
    }
    clearBanner('edit');
    clearBanner('weight');
    // The edit is made: it is saved even if drawing it fails (that is a bug, not a refusal).
    try {
      refresh();
    } finally {
      scheduleSave();
    }
    return result;
  }

  /**
   * Sets a weight during a gesture (slider or number): re-ranks live, not yet an undo
   * step. Returns false when Rust refused it (the 'weight' banner says why).
   * @param {number} k @param {number} weight
   */
  function setWeight(k, weight) {
    gestureAt = performance.now();
    try {
      state.wb.set_weight(k, weight);
    } catch (e) {
      banner('weight', 'That weight was not set.', messageOf(e));
      return false;
    }
    refresh({ live: true });
    return true;
  }

  /** Ends a weight gesture: one undo step, saved; what followed it only live catches up. */
  function commitWeights() {
    gestureAt = -Infinity;
    state.wb.commit();
    scheduleSave();
    refresh();
  }

  function undo() {
    if (state.restorable) { restoreScenario(state.restorable.id); return; }
    if (state.wb?.undo()) { refresh(); scheduleSave(); }
  }

  function redo() {
    if (state.wb?.redo()) { refresh(); scheduleSave(); }
  }

  /** Adds a request, selects it in the ranking and opens its drawer. */
  function addRequest() {
    const wb = state.wb;
    if (!wb) return;
    const id = wb.new_request_id();
    const index = change(() => wb.put_request(wb.request_count(), JSON.stringify({ id, title: 'New request' })),
      { what: 'Adding a request' });
    if (index !== undefined) open(index, { reveal: true });
  }

  // ----- what the PM looks at -----

  /** Selects request `index` (-1: none). @param {number} index @param {{reveal?: boolean}} [opts] */
  function select(index, { reveal = false } = {}) {
    state.selected = index;
    emit('selection', { reveal });
  }

  /** Selects request `index` and opens its drawer (a fresh form). @param {number} index @param {{reveal?: boolean}} [opts] */
  function open(index, { reveal = false } = {}) {
    if (!(index >= 0 && index < state.requests.length)) { close(); return; }
    select(index, { reveal });
    state.drawer = { id: state.requests[index].id, index };
    emit('drawer');
  }

  /** Closes the drawer. */
  function close() {
    if (!state.drawer) return;
    state.drawer = null;
    emit('drawer');
  }

  /** Moves the selection `step` rows through the visible ranking, and reveals it. @param {number} step */
  function move(step) {
    const n = state.visible.length;
    if (!n) return;
    const pos = state.visible.indexOf(state.selected);
    const next = pos < 0 ? 0 : Math.min(n - 1, Math.max(0, pos + step));
    select(state.visible[next], { reveal: true });
  }

  /** @param {View} view */
  function setView(view) {
    state.view = view;
    emit('view');
  }

  /**
   * The plan view's latest plan (its selected ids, and the planner's solution it came
   * from), or why there is none: other views mark what is in the quarter's plan, and the
   * report prints it. `report` null and no `problem`: none yet.
   * @param {{selected: string[]} | null} report @param {string | null} [problem]
   * @param {import('./pkg-plan/thresh.js').PlanSolution | null} [solution]
   */
  function setPlan(report, problem = null, solution = null) {
    state.plan = report || problem
      ? { ids: new Set(report ? report.selected : []), pulls: state.pulls, problem, solution: report ? solution : null }
      : null;
    emit('plan');
  }

  /** @param {Partial<Filter>} filter */
  function setFilter(filter) {
    Object.assign(state.filter, filter);
    applyFilter();
    emit('filter');
  }

  /**
   * The team's views in the ranking (the rank strip) and K, the top they are compared on.
   * @param {{ranks?: boolean, top?: number}} options
   */
  function setTeam({ ranks = state.teamRanks, top = state.teamTop }) {
    state.teamRanks = ranks;
    state.teamTop = top;
    emit('team');
  }

  /**
   * The "How sure?" view's last analysis in brief (the report prints it; null: none) and
   * K, the top it and the weights' tipping bands look at.
   * @param {{summary?: RobustSummary | null, top?: number}} options
   */
  function setRobust({ summary = state.robust, top = state.robustTop }) {
    state.robust = summary;
    state.robustTop = top;
    emit('robust');
  }

  // ----- saving -----
  //
  // The open scenario is written to IndexedDB (lib/storage.js) a moment after each
  // committed change (debounced: a weight drag writes nothing until it ends), never from
  // the input handler itself. A write is a compare-and-set on the record's revision: it
  // goes through only if nobody else wrote the record since this tab last read or wrote
  // it; otherwise the PM is told and chooses. A tab with nothing pending writes nothing —
  // not when it is reloaded, closed, switched to another scenario or left.

  /** The revision of each stored scenario as this tab last read or wrote it. @type {Map<string, number>} */
  const known = new Map();
  /**
   * The open scenario's text as stored, as this tab last read or wrote it: a change that
   * leaves the file as it was (a weight set back where it was) is not written again. (One
   * copy of the text: comparing costs a few milliseconds, a fingerprint of 40 MB hundreds.)
   */
  let storedText = { id: /** @type {string | null} */ (null), text: '' };
  /** Writes of each scenario queued or running in this tab. @type {Map<string, number>} */
  const writing = new Map();
  /** The open scenario has committed changes not yet handed to storage. */
  let dirty = false;
  /**
   * Why the open scenario's saving is held: 'conflict' (another tab saved it; the PM
   * chooses), 'deleted' (another tab moved it to the trash; the PM chooses), 'quota' and
   * 'error' (retried by a timer, and when another tab frees room); null when it is not.
   * @type {null | 'conflict' | 'deleted' | 'quota' | 'error'}
   */
  let held = null;
  let saveTimer = 0;
  let retryTimer = 0;
  let retryDelay = RETRY_FIRST_MS;
  /** The debounce: longer for scenarios whose writes take long. */
  let saveDelay = SAVE_DELAY_MS;
  /** A test or benchmark may set the debounce (ms); null: chosen from the last write. @type {number | null} */
  let fixedDelay = null;
  /** When a weight gesture last moved (performance.now()); a save waits while it moves. */
  let gestureAt = -Infinity;
  /** The writes, one at a time, in order. @type {Promise<unknown>} */
  let queue = Promise.resolve();
  /** When the oldest change not yet committed was made (performance.now()), for the timings. */
  let changedAt = 0;
  /**
   * Scenarios left (another one was opened) whose last changes could not be written, and
   * why: their text is kept until it is written, kept as a new scenario, exported, or the
   * page closes.
   * @type {Map<string, {job: SaveJob, why: 'conflict' | 'deleted' | 'quota' | 'error'}>}
   */
  const stranded = new Map();
  /** Edit → committed, per write of the open scenario: ms waited, exporting, and in the transaction. @type {SaveTiming[]} */
  const timings = [];

  /** Whether the open scenario has changes that are not yet on disk. */
  function pending() {
    return dirty || (state.id !== null && (writing.get(state.id) ?? 0) > 0);
  }

  /** Whether leaving the page now would lose work (it also starts writing what it can). */
  function unsavedOnLeaving() {
    if (dirty && !held) flush();
    return pending() || held !== null || stranded.size > 0;
  }

  /** After a committed change: the open scenario is written when the PM pauses. */
  function scheduleSave() {
    dirty = true;
    state.restorable = null;
    if (!changedAt) changedAt = performance.now();
    if (held === 'conflict' || held === 'deleted') {
      showHeld();
      return;
    }
    if (!held) saveStatus('saving');
    clearTimeout(saveTimer);
    saveTimer = window.setTimeout(flush, fixedDelay ?? saveDelay);
  }

  /**
   * Hands the open scenario's pending changes to storage now. Resolves when what was
   * pending has been written (true) or could not be (false).
   * @returns {Promise<boolean>}
   */
  function flush() {
    clearTimeout(saveTimer);
    saveTimer = 0;
    const { wb, id, storage } = state;
    if (!dirty || !wb || !id || !storage || held === 'conflict' || held === 'deleted') {
      return queue.then(() => !pending() && !held);
    }
    // Not during a weight drag: its frames are not changes yet.
    if (performance.now() - gestureAt < GESTURE_QUIET_MS) {
      saveTimer = window.setTimeout(flush, GESTURE_QUIET_MS);
      return queue.then(() => false);
    }
    // One write of the open scenario at a time: the next one starts from its revision.
    if ((writing.get(id) ?? 0) > 0) return queue.then(() => flush());
    dirty = false;
    const t0 = performance.now();
    const job = { id, name: wb.name(), text: openText(), changedAt: changedAt || t0, exportedAt: t0, exportMs: performance.now() - t0 };
    changedAt = 0;
    // Nothing to write when the file is as stored (a gesture that ended where it began).
    if (storedText.id === id && storedText.text === job.text) {
      if (!held) saveStatus('saved');
      return queue.then(() => !pending() && !held);
    }
    return write(job);
  }

  /**
   * @typedef {object} SaveJob  a scenario's text to write, as it was when exported
   * @property {string} id
   * @property {string} name
   * @property {string} text
   * @property {number} changedAt  when its oldest unsaved change was made (performance.now())
   * @property {number} exportedAt  when its text was exported
   * @property {number} exportMs
   *
   * @typedef {object} SaveTiming
   * @property {number} size  characters written
   * @property {number} waitMs  from the change to the export (the debounce)
   * @property {number} exportMs  Workbench.export()
   * @property {number} writeMs  the transaction, until it committed
   * @property {number} totalMs  from the change to the commit
   */

  /**
   * Queues a write of `job` (a compare-and-set on the revision this tab knows), and deals
   * with what comes of it. Resolves true when it committed. `retry`: the write of a
   * scenario left earlier, tried again (a failure then says nothing new).
   * @param {SaveJob} job @param {{retry?: boolean}} [opts] @returns {Promise<boolean>}
   */
  function write(job, { retry = false } = {}) {
    const storage = /** @type {ScenarioStorage} */ (state.storage);
    writing.set(job.id, (writing.get(job.id) ?? 0) + 1);
    const run = queue.then(async () => {
      const started = performance.now();
      /** @type {import('./lib/storage.js').SaveResult | null} */
      let out = null;
      let error = null;
      try {
        out = await storage.save(job.id, { name: job.name, text: job.text }, known.get(job.id) ?? 0);
      } catch (e) {
        error = e;
      }
      writing.set(job.id, (writing.get(job.id) ?? 1) - 1);
      if (out && out.ok === true) {
        known.set(job.id, out.rev);
        if (job.id === state.id) storedText = { id: job.id, text: job.text };
        const now = performance.now();
        const timing = { size: job.text.length, waitMs: job.exportedAt - job.changedAt, exportMs: job.exportMs,
          writeMs: now - started, totalMs: now - job.changedAt };
        saved(job, timing);
        return true;
      }
      const stored = out && out.ok === false ? out.stored : undefined;
      const why = stored !== undefined ? (stored === null || stored.deleted !== null ? 'deleted' : 'conflict')
        : isQuotaError(error) ? 'quota' : 'error';
      notSaved(job, why, error, retry);
      return false;
    });
    queue = run.catch(() => {});
    return run;
  }

  /** @param {SaveJob} job @param {SaveTiming} timing */
  function saved(job, timing) {
    if (stranded.get(job.id)?.job === job) stranded.delete(job.id);
    clearBanner(`stranded-${job.id}`);
    timings.push(timing);
    if (timings.length > 50) timings.shift();
    if (fixedDelay === null) saveDelay = Math.min(SAVE_DELAY_MAX_MS, Math.max(SAVE_DELAY_MS, 2 * (timing.exportMs + timing.writeMs)));
    if (job.id === state.id) {
      rememberCurrent(job.id);
      if (held === 'quota' || held === 'error') {
        held = null;
        clearBanner('quota');
        clearBanner('save');
      }
      if (!held && !pending()) saveStatus('saved');
    }
    if (!held && !stranded.size) {
      clearTimeout(retryTimer);
      retryDelay = RETRY_FIRST_MS;
    }
    listScenarios();
    askPersistence();
  }

  /**
   * A write did not go through: the work stays in this tab, and the PM is told.
   * @param {SaveJob} job @param {'conflict' | 'deleted' | 'quota' | 'error'} why @param {unknown} error
   * @param {boolean} retry
   */
  function notSaved(job, why, error, retry) {
    if (job.id === state.id) {
      dirty = true;
      if (!changedAt) changedAt = job.changedAt;
      clearTimeout(saveTimer);
      // A conflict outranks a full disk: retrying would not help. A failed retry says
      // nothing new: the banner is shown again only when the reason changes.
      const was = held;
      if (!(held === 'conflict' || held === 'deleted') || why === 'conflict' || why === 'deleted') held = why;
      if (held !== was) shownHeld = '';
      showHeld(error, { again: false });
    } else {
      const before = stranded.get(job.id);
      stranded.set(job.id, { job, why });
      if (!retry || before?.why !== why) showStranded(job, why, error);
    }
    if (why === 'quota' || why === 'error') retryLater();
  }

  /**
   * Tells the PM why the open scenario is not saved: the status, and the banner. A banner
   * already shown for the same reason stays as it is (rebuilding it under the PM's
   * pointer would swallow a click on its buttons); a dismissed one comes back with the
   * next change (`again`), not with a retry that failed again.
   * @param {unknown} [error] @param {{again?: boolean}} [opts]
   */
  function showHeld(error, { again = true } = {}) {
    const name = state.wb?.name() ?? 'This scenario';
    const key = held === 'conflict' || held === 'deleted' ? 'conflict' : held === 'quota' ? 'quota' : 'save';
    const reason = held ?? '';
    if (held === 'conflict') saveStatus('unsaved', { detail: 'changed in another tab' });
    else if (held === 'deleted') saveStatus('unsaved', { detail: 'moved to the trash in another tab' });
    else if (held === 'quota') saveStatus('unsaved', { detail: 'storage full' });
    else if (held === 'error') saveStatus('unsaved', { detail: messageOf(error) });
    if (shownHeld === reason && (isShown(key) || !again)) return;
    shownHeld = reason;
    if (held === 'conflict') {
      banner('conflict', `"${name}" was changed in another tab.`,
        'Your changes here are not saved: saving them would replace that tab\'s work. Reload theirs to continue from the saved version (your changes here are dropped), or keep yours as a new scenario.', {
          kind: 'warning',
          actions: [['Reload theirs', reloadTheirs], ['Keep mine as a new scenario', keepMine]],
        });
    } else if (held === 'deleted') {
      banner('conflict', `"${name}" was moved to the trash in another tab.`,
        `Your changes here are not saved. Keep them as a new scenario, or close it here (it stays in the trash for ${TRASH_DAYS} days).`, {
          kind: 'warning',
          actions: [['Keep mine as a new scenario', keepMine], ['Close it', () => { dirty = false; held = null; closeScenario(); }]],
        });
    } else if (held === 'quota') {
      banner('quota', 'Not saved: the browser\'s storage is full.',
        'Your work is still open here and nothing is lost. Export it to a file now, or free room (empty the trash, delete other scenarios for good, or clear space on the disk); saving resumes by itself when there is room.',
        { kind: 'warning', actions: [['Export now', exportFile], ['Try again', retryNow]] });
    } else if (held === 'error') {
      banner('save', 'Not saved.', `${messageOf(error)}. Your work is still open here; export it to keep a copy. Saving is tried again by itself.`,
        { kind: 'warning', actions: [['Export now', exportFile], ['Try again', retryNow]] });
    }
  }
  /** The reason the held banner was last shown for ('' for none). */
  let shownHeld = '';

  /**
   * A scenario left with changes that could not be written: kept here, and offered.
   * @param {SaveJob} job @param {'conflict' | 'deleted' | 'quota' | 'error'} why @param {unknown} error
   */
  function showStranded(job, why, error) {
    const reason = why === 'conflict' ? 'it was changed in another tab meanwhile'
      : why === 'deleted' ? 'it was moved to the trash in another tab'
        : why === 'quota' ? 'the browser\'s storage is full' : messageOf(error);
    /** @type {import('./notices.js').NoticeAction[]} */
    const actions = [['Export it', () => exportScenario(job.id, job.text, job.name)]];
    if (why === 'conflict' || why === 'deleted') {
      actions.push(['Keep it as a new scenario', () => { stranded.delete(job.id); keepAsNew(job); }]);
    } else {
      actions.push(['Reopen it', () => { stranded.delete(job.id); reopenStranded(job); }]);
    }
    banner(`stranded-${job.id}`, `Your last changes to "${job.name}" are not saved: ${reason}.`,
      why === 'quota' || why === 'error' ? 'They are kept here and saved by themselves when there is room; export them to be safe.'
        : 'They are kept here until you close the page.', { kind: 'warning', actions });
  }

  /** Tries the held writes again later (a full disk, a failed write). */
  function retryLater() {
    clearTimeout(retryTimer);
    retryTimer = window.setTimeout(retryNow, retryDelay);
    retryDelay = Math.min(retryDelay * 2, RETRY_MAX_MS);
  }

  /** Tries the held writes again now: the open scenario's, and those of scenarios left. */
  function retryNow() {
    clearTimeout(retryTimer);
    if (held === 'quota' || held === 'error') flush();
    // A scenario left without room is written now; one left in conflict waits for the PM.
    for (const [id, { job, why }] of [...stranded]) {
      if (why === 'quota' || why === 'error') {
        stranded.delete(id);
        write(job, { retry: true });
      }
    }
  }

  /** Reloads the stored version of the open scenario, dropping this tab's changes. */
  async function reloadTheirs() {
    const id = state.id;
    if (!id || !state.storage) return;
    dirty = false;
    held = null;
    changedAt = 0;
    clearTimeout(saveTimer);
    clearBanner('conflict');
    await queue;
    const record = await state.storage.load(id).catch(() => null);
    if (state.id !== id) return;
    if (!record || record.deleted !== null || record.damaged !== null) {
      closeScenario();
      return;
    }
    openRecord(record, { keepView: true });
  }

  /** Keeps the open scenario (with this tab's changes) as a new scenario; the stored one stays as the other tab left it. */
  function keepMine() {
    const wb = state.wb;
    if (!wb) return;
    clearBanner('conflict');
    held = null;
    state.id = newId();
    rememberCurrent(state.id);
    change(() => wb.set_name(`${wb.name()} (my version)`), { what: 'Keeping your version' });
    flush();
  }

  /** A left scenario's text, kept as a new scenario (saved, not opened). @param {SaveJob} job */
  function keepAsNew(job) {
    let text = job.text;
    let name = `${job.name} (my version)`;
    try {
      const wb = Workbench.open(job.text);
      wb.set_name(name);
      text = wb.export();
      name = wb.name();
      wb.free();
    } catch { /* kept under its own name */ }
    write({ ...job, id: newId(), name, text }).then((ok) => { if (ok) toast(`Kept your version as "${name}".`); });
  }

  /** Opens a left scenario again with the changes that could not be saved, and tries to save them. @param {SaveJob} job */
  function reopenStranded(job) {
    let wb;
    try { wb = Workbench.open(job.text); } catch (e) { banner('open', 'It could not be reopened.', messageOf(e)); return; }
    show(wb, job.id, { save: true });
  }

  /** Asks the browser once to keep this page's data (not evict it), and says its answer once. */
  let persistenceAsked = false;
  async function askPersistence() {
    const storage = state.storage;
    if (persistenceAsked || !storage) return;
    persistenceAsked = true;
    try {
      const settings = await storage.settings();
      if (settings.persistAsked !== null) return;
      let granted = null;
      try {
        granted = navigator.storage?.persist ? await navigator.storage.persist() : null;
      } catch { /* not available here */ }
      await storage.setSettings({ persistAsked: Date.now(), persisted: granted });
      storageNote(granted ? 'This browser will keep your saved scenarios, even when the disk runs low.'
        : 'This browser may clear saved scenarios if the disk runs low: export the ones that matter.');
    } catch { /* asked again next time */ }
  }

  let listed = 0;
  /** Reads the list of saved scenarios again (the latest read wins). */
  async function listScenarios() {
    const storage = state.storage;
    if (!storage) return;
    const n = ++listed;
    let heads;
    try { heads = await storage.list(); } catch { return; }
    if (n !== listed) return;
    state.scenarios = heads.filter((h) => h.deleted === null);
    state.trash = heads.filter((h) => h.deleted !== null).sort((a, b) => /** @type {number} */ (b.deleted) - /** @type {number} */ (a.deleted));
    emit('library');
  }

  /** Remembers the open scenario as the one to open next time (only when it changed). @param {string} id */
  let current = /** @type {string | null} */ (null);
  function rememberCurrent(id) {
    if (!state.storage || current === id) return;
    current = id;
    state.storage.setSettings({ current: id }).catch(() => { current = null; });
  }

  // ----- scenarios -----

  /**
   * Makes `wb` the open scenario under storage id `id`. `rev`: the stored revision it was
   * read at (undefined: not read from storage). `save`: write it at once (a new scenario);
   * `keepView`: the same scenario read again — the selection and the drawer stay on their
   * requests, and the toast stays.
   * @param {Workbench} wb @param {string} id
   * @param {{save?: boolean, rev?: number, keepView?: boolean}} [opts]
   */
  function show(wb, id, { save = true, rev, keepView = false } = {}) {
    leave();
    const selectedId = keepView && state.selected >= 0 ? state.requests[state.selected]?.id : undefined;
    const drawerId = keepView ? state.drawer?.id : undefined;
    for (const key of ['conflict', 'other-tab', 'edit', 'weight', 'open']) clearBanner(key);
    if (!keepView) {
      hideToast();
      state.restorable = null;
    }
    state.gen++;
    state.plan = null;
    state.robust = null;
    state.wb?.free();
    state.wb = wb;
    state.id = id;
    if (storedText.id !== id) storedText = { id: null, text: '' };
    if (rev !== undefined) known.set(id, rev);
    dirty = false;
    held = null;
    changedAt = 0;
    state.revision = -1;
    state.selected = -1;
    const hadDrawer = state.drawer !== null;
    state.drawer = null;
    emit('scenario');
    if (hadDrawer) emit('drawer');
    refresh();
    if (selectedId !== undefined) {
      const i = state.requests.findIndex((r) => r.id === selectedId);
      if (i >= 0) select(i);
    }
    if (drawerId !== undefined) {
      const i = state.requests.findIndex((r) => r.id === drawerId);
      if (i >= 0) open(i);
    }
    if (save && state.storage) {
      dirty = true;
      changedAt = performance.now();
      saveStatus('saving');
      // Paint first, save after: exporting the text to write takes a while on a large
      // scenario (about 300 ms at 100,000 requests). It is pending meanwhile, so leaving
      // the page or the scenario writes it at once.
      afterPaint(flush);
    } else if (known.has(id)) {
      saveStatus('saved');
    } else {
      saveStatus('unsaved', { detail: state.storage ? 'not saved yet' : 'this browser cannot save' });
    }
    rememberCurrent(id);
    listScenarios();
  }

  /**
   * The open scenario is being left (another one opens, or none): its pending changes are
   * handed to storage; if they cannot be written they stay here, offered in a banner.
   */
  function leave() {
    clearTimeout(saveTimer);
    saveTimer = 0;
    const { wb, id } = state;
    if (!wb || !id || !dirty) return;
    dirty = false;
    const t0 = performance.now();
    const job = { id, name: wb.name(), text: openText(), changedAt: changedAt || t0, exportedAt: t0, exportMs: performance.now() - t0 };
    if (held === 'conflict' || held === 'deleted') {
      stranded.set(id, { job, why: held });
      showStranded(job, held, null);
    } else if (state.storage) {
      write(job);
    } else {
      stranded.set(id, { job, why: 'error' });
      showStranded(job, 'error', new Error('this browser cannot save'));
    }
  }

  /** No scenario open: the welcome panel. */
  function showWelcome() {
    const hadDrawer = state.drawer !== null;
    state.drawer = null;
    saveStatus('saved', { blank: true });
    emit('scenario');
    if (hadDrawer) emit('drawer');
  }

  /** Closes the open scenario (its pending changes are handed to storage first) and shows the welcome panel. */
  function closeScenario() {
    leave();
    for (const key of ['conflict', 'edit', 'weight', 'open']) clearBanner(key);
    state.wb?.free();
    state.wb = null;
    state.id = null;
    dirty = false;
    held = null;
    showWelcome();
  }

  function newId() {
    return newScenarioId();
  }

  function openExample() {
    show(Workbench.example(), newId());
  }

  function newScenario() {
    show(Workbench.empty('New scenario', today()), newId());
  }

  function duplicateScenario() {
    if (!state.wb) return;
    const copy = Workbench.open(openText());
    show(copy, newId(), { save: false });
    change(() => copy.set_name(`${copy.name()} (copy)`));
    flush();
  }

  /**
   * Moves the open scenario to the trash (its pending changes are written first), opens
   * another, and offers Undo (the toast, Ctrl+Z).
   */
  async function deleteScenario() {
    const { wb, id, storage } = state;
    if (!wb || !id) return;
    const name = wb.name();
    if (!storage || (!dirty && !known.has(id))) {
      // Never saved in this browser: its text is kept for Undo until the page closes.
      const text = wb.export();
      dirty = false;
      closeScenario();
      toast(`Closed "${name}" (it was not saved).`, ['Undo', () => show(Workbench.open(text), id, { save: Boolean(storage) })]);
      return;
    }
    if (!(await flush()) || state.id !== id) {
      if (state.id === id) {
        banner('delete', `"${name}" was not moved to the trash.`, 'Its latest changes are not saved (see above), so it stays open.', { kind: 'warning' });
      }
      return;
    }
    let rev;
    try {
      rev = await storage.trash(id);
    } catch (e) {
      banner('delete', `"${name}" was not moved to the trash.`, messageOf(e));
      return;
    }
    if (rev !== null) known.set(id, rev);
    if (state.id === id) closeScenario();
    await listScenarios();
    const next = state.scenarios.find((e) => e.id !== id && !e.damaged);
    if (!state.wb && next) await openSaved(next.id);
    if (rev === null) return;
    state.restorable = { id, name };
    emit('library');
    toast(`Moved "${name}" to the trash.`, ['Undo', () => restoreScenario(id)]);
  }

  /** Takes a scenario out of the trash and opens it. @param {string} id */
  async function restoreScenario(id) {
    const storage = state.storage;
    if (!storage) return;
    if (state.restorable?.id === id) state.restorable = null;
    hideToast();
    try {
      const rev = await storage.restore(id);
      if (rev === null) {
        banner('restore', 'That scenario could not be restored.', 'It is no longer in the trash.', { kind: 'warning' });
        listScenarios();
        return;
      }
      known.set(id, rev);
    } catch (e) {
      banner('restore', 'That scenario could not be restored.', messageOf(e));
      return;
    }
    await openSaved(id);
  }

  /** Deletes a scenario in the trash for good. @param {string} id */
  async function purgeScenario(id) {
    try {
      await state.storage?.purge(id);
    } catch (e) {
      banner('restore', 'That scenario could not be deleted.', messageOf(e));
    }
    await listScenarios();
    // Room may have been freed.
    if (held === 'quota' || stranded.size) retryNow();
  }

  /**
   * Opens a stored record. `keepView`: it is the open scenario, read again.
   * @param {import('./lib/storage.js').ScenarioRecord} record @param {{keepView?: boolean}} [opts]
   */
  function openRecord(record, { keepView = false } = {}) {
    try {
      show(Workbench.open(record.text), record.id, { save: false, rev: record.rev, keepView });
      storedText = { id: record.id, text: record.text };
      return true;
    } catch (e) {
      banner('open', 'This saved scenario could not be opened; it is kept as it was.', messageOf(e));
      return false;
    }
  }

  /** Opens saved scenario `id`; false (with a banner) when it cannot be read. @param {string} id */
  async function openSaved(id) {
    let record;
    try {
      // Writes this tab has queued (a scenario just left) land first: what is read is the latest.
      await queue;
      record = await state.storage?.load(id);
    } catch (e) {
      banner('open', 'This saved scenario could not be read.', messageOf(e));
      return false;
    }
    if (!record || record.deleted !== null || record.damaged !== null) return false;
    return openRecord(record);
  }

  /** Switches to saved scenario `id` (the open one's pending changes are written first). @param {string} id */
  async function switchScenario(id) {
    if (id !== state.id) await openSaved(id);
  }

  // ----- files -----

  /**
   * Opens a file's bytes as a new scenario, read exactly as the command line reads them; a
   * bad file changes nothing that is open.
   * @param {Uint8Array} bytes @param {string} fileName
   */
  function importBytes(bytes, fileName) {
    let wb;
    try {
      wb = Workbench.open_bytes(bytes);
    } catch (e) {
      // One person's view of the weights (a .thresh-view file) goes into the open scenario.
      if (state.wb && messageOf(e).includes('"thresh.view"')) {
        importView(bytes, fileName);
        return;
      }
      banner('import', `"${fileName}" was not opened. The scenario you had open is unchanged.`,
        `${messageOf(e)}\n\nFix the file (the place is given as a JSON path, or line and column) and import it again.`);
      return;
    }
    clearBanner('import');
    const copy = copyOf(wb);
    if (copy) {
      offerCopy(wb, bytes, fileName, copy);
      return;
    }
    openAsNew(wb, fileName);
  }

  /** @param {Workbench} wb @param {string} fileName */
  function openAsNew(wb, fileName) {
    show(wb, newId());
    toast(`Opened "${wb.name()}" from ${fileName} as a new scenario.`);
  }

  /**
   * Takes one person's view of the weights (a view file a colleague filled in) into the
   * open scenario: added, or replacing the view with its id — one undo step. A bad file
   * changes nothing and is explained with its places. Returns what was taken in.
   * @param {Uint8Array} bytes @param {string} fileName
   * @returns {import('./pkg/thresh.js').ViewImport | undefined}
   */
  function importView(bytes, fileName) {
    const wb = state.wb;
    if (!wb) return undefined;
    clearBanner('import');
    const done = change(() => wb.import_view(bytes), {
      onError: (message) => banner('import', `"${fileName}" was not taken in. The scenario is unchanged.`,
        `${message}\n\nFix the file (each place is given as a JSON path, or line and column) and import it again.`),
    });
    if (done) {
      const what = `${done.replaced ? 'Replaced' : 'Added'} the view of "${done.label}" from ${fileName}.`;
      toast([what, ...done.notes].join(' '), ['Undo', undo]);
    }
    return done;
  }

  /** @param {string} text @param {string} fileName */
  function importText(text, fileName) {
    importBytes(new TextEncoder().encode(text), fileName);
  }

  /** A scenario file opens as a scenario; a spreadsheet goes to the import's mapping step (topic `sheet`). @param {File} file */
  async function importFile(file) {
    if (kindOf(file, new Uint8Array(await file.slice(0, 8).arrayBuffer())) !== 'scenario') {
      emit('sheet', { file });
      return;
    }
    // The whole-file bound (indentation included); the core checks the content limit.
    const limit = Workbench.limits().file_bytes;
    if (file.size > limit) {
      banner('import', `"${file.name}" was not opened.`, `It is ${(file.size / 1048576).toFixed(1)} MiB; the limit is ${limit / 1048576} MiB in all.`);
      return;
    }
    importBytes(new Uint8Array(await file.arrayBuffer()), file.name);
  }


  /** Downloads the open scenario as `<name>.thresh.json`, as `thresh fmt` writes it. */
  function exportFile() {
    if (!state.wb) return;
    exportScenario(state.id, openText(), state.wb.name());
  }

  /** @param {string} text @param {string} name @returns {string} the file name */
  function downloadScenario(text, name) {
    const file = `${slug(name)}.thresh.json`;
    download(text, file);
    return file;
  }

  // ----- exports remembered, and files compared or merged -----

  /** The last export being remembered: reading the exports waits for it. @type {Promise<unknown>} */
  let remembering = Promise.resolve();

  /**
   * Downloads a scenario's text and remembers it with scenario `id` (the last 20 are kept):
   * when a colleague sends the file back edited, it is the base of the merge. A failure to
   * remember costs only that, and is said.
   * @param {string | null} id @param {string} text @param {string} name
   */
  function exportScenario(id, text, name) {
    const file = downloadScenario(text, name);
    const storage = state.storage;
    if (!storage || !id) return;
    remembering = storage.addExport(id, { file, name, text }).catch((e) => {
      banner('export-memory', `"${file}" was exported, but not remembered for merging.`,
        `${messageOf(e)}. A colleague's edited copy of it can still be compared; to merge it, choose this file as the base.`, { kind: 'warning' });
    });
  }

  /** The exports remembered of scenario `id`, the latest first. @param {string} id */
  async function exportsOf(id) {
    await remembering;
    return state.storage ? state.storage.exports(id) : [];
  }

  /** An export's text (null when no longer kept). @param {number} n */
  function exportText(n) {
    return state.storage ? state.storage.exportText(n) : Promise.resolve(null);
  }

  /** A saved scenario's text, the latest written (null when it cannot be read). @param {string} id */
  async function savedText(id) {
    await queue;
    const record = await state.storage?.load(id).catch(() => null);
    return record && record.deleted === null && record.damaged === null ? record.text : null;
  }

  /**
   * The scenario a file is clearly an edited copy of: the open one when it has the same name
   * or shares most request ids with it, else a saved one with the same name; null if none.
   * @param {Workbench} wb
   * @returns {{id: string, name: string, why: string} | null}
   */
  function copyOf(wb) {
    const name = wb.name();
    if (state.wb && state.id) {
      const open = state.wb.name();
      if (open === name) return { id: state.id, name: open, why: 'the same name' };
      const ids = new Set(state.requests.map((r) => r.id));
      const theirs = wb.requests();
      let shared = 0;
      for (const r of theirs) if (ids.has(r.id)) shared++;
      if (shared > 0 && 2 * shared > Math.max(ids.size, theirs.length)) {
        return { id: state.id, name: open, why: `${shared} of its ${theirs.length} requests in common` };
      }
    }
    const saved = state.scenarios.find((e) => e.name === name && !e.damaged && e.id !== state.id);
    return saved ? { id: saved.id, name: saved.name, why: 'the same name' } : null;
  }

  /** A file offered for compare or merge (opened, in case it is opened as new), until the PM chooses. @type {Workbench | null} */
  let offered = null;

  /**
   * An imported file that is an edited copy of a scenario here: compare it, merge it, or
   * open it as a new scenario — the PM chooses.
   * @param {Workbench} wb @param {Uint8Array} bytes @param {string} fileName
   * @param {{id: string, name: string, why: string}} copy
   */
  function offerCopy(wb, bytes, fileName, copy) {
    offered?.free();
    offered = wb;
    state.compare = null;
    emit('compare');
    const forget = () => { offered?.free(); offered = null; };
    banner('import', `"${fileName}" looks like an edited copy of "${copy.name}" (${copy.why}).`,
      `Compare it to see its changes and take them one by one; merge it to keep your changes and theirs (against the file you exported); or open it as a new scenario.`, {
        kind: 'warning',
        actions: [
          ['Compare', () => { forget(); compareFile('compare', copy.id, { name: fileName, bytes }); }, 'import-compare'],
          ['Merge', () => { forget(); compareFile('merge', copy.id, { name: fileName, bytes }); }, 'import-merge'],
          ['Open as new', () => {
            const w = offered ?? Workbench.open_bytes(bytes);
            offered = null;
            openAsNew(w, fileName);
          }, 'import-open-new'],
        ],
      });
  }

  /**
   * Opens scenario `id` (if it is not open) and hands `file` to the compare view.
   * @param {'compare' | 'merge'} mode @param {string} id @param {{name: string, bytes: Uint8Array}} file
   */
  async function compareFile(mode, id, file) {
    if (id !== state.id && !(await openSaved(id))) return;
    state.compare = { mode, file };
    emit('compare');
  }

  // ----- other tabs -----

  /**
   * Another tab committed a write (BroadcastChannel). The list is read again; the open
   * scenario, if it is the one written, is read again silently when this tab has nothing
   * pending, and otherwise the PM is told (a conflict) and chooses. A write elsewhere may
   * also have freed room: held writes are tried again.
   * @param {import('./lib/storage.js').Change} c
   */
  async function onOtherTab(c) {
    listScenarios();
    if (held === 'quota' || held === 'error' || stranded.size) retryNow();
    if (c.id !== state.id || !state.wb) return;
    const id = c.id;
    if (c.type === 'saved' || c.type === 'restored') {
      if ((known.get(id) ?? 0) >= c.rev) return;
      if (pending() || held) {
        conflict('conflict');
        return;
      }
      const record = await state.storage?.load(id).catch(() => null);
      if (!record || state.id !== id || (known.get(id) ?? 0) >= record.rev) return;
      // A change made here while it was being read is not overwritten.
      if (pending() || held) {
        conflict(record.deleted !== null ? 'deleted' : 'conflict');
      } else if (record.deleted === null && record.damaged === null) {
        openRecord(record, { keepView: true });
      }
    } else if (c.type === 'deleted' || c.type === 'purged') {
      if (pending() || held) {
        conflict('deleted');
        return;
      }
      const name = state.wb.name();
      closeScenario();
      banner('other-tab', `"${name}" was moved to the trash in another tab.`,
        c.type === 'deleted' ? `It is closed here. It stays in the trash for ${TRASH_DAYS} days (Scenarios ▸ Trash).` : 'It is closed here.', {
          kind: 'warning',
          actions: c.type === 'deleted' ? [['Restore it', () => restoreScenario(id)]] : [],
        });
    }
  }

  /**
   * Catches up with what other tabs wrote while this one was hidden (a message may not
   * reach a frozen tab, and some browsers have no BroadcastChannel): the list is read
   * again, and a newer revision of the open scenario is handled as a message would be.
   */
  async function catchUp() {
    const { storage, id } = state;
    if (!storage || !id) return;
    let heads;
    try { heads = await storage.list(); } catch { return; }
    const head = heads.find((h) => h.id === id);
    if (state.id !== id || !head || head.rev <= (known.get(id) ?? 0)) {
      listScenarios();
      return;
    }
    onOtherTab({ type: head.deleted !== null ? 'deleted' : 'saved', id, rev: head.rev, tab: '' });
  }

  /** The open scenario's pending changes conflict with another tab's write: saving waits for the PM. @param {'conflict' | 'deleted'} why */
  function conflict(why) {
    clearTimeout(saveTimer);
    if (held !== 'deleted') held = why;
    dirty = true;
    showHeld();
  }

  // ----- start -----

  /**
   * Opens this browser's saved scenarios (moving the earlier version's localStorage data
   * into IndexedDB once), throws out of the trash what has been there 30 days, listens to
   * the other tabs, and opens the scenario last open (or the welcome panel).
   */
  async function start() {
    try {
      state.storage = await openStorage({ check: checkText });
      for (const [i, notice] of state.storage.notices.entries()) {
        banner(`notice-${i}`, 'Something in this browser\'s saved data could not be read.', notice, { kind: 'warning' });
      }
      state.storage.onChange((c) => { onOtherTab(c); });
      await state.storage.purgeTrash().catch(() => {});
    } catch (e) {
      state.storage = null;
      banner('storage', 'Saving is not available in this browser.',
        `${messageOf(e)}. You can still work and export files, but nothing is saved here.`, { kind: 'warning' });
    }
    await listScenarios();
    let last = null;
    try { last = (await state.storage?.settings())?.current ?? null; } catch { /* none */ }
    current = last;
    if (!(last && await openSaved(last))) showWelcome();
  }

  /** Whether a stored text opens: its name, or why not. @type {import('./lib/storage.js').Check} */
  function checkText(text) {
    let wb;
    try {
      wb = Workbench.open(text);
      return { name: wb.name() };
    } catch (e) {
      return { damaged: messageOf(e).split('\n')[0] };
    } finally {
      wb?.free();
    }
  }

  /** For tests and benchmarks: the debounce in ms (null: chosen from the last write), and the save timings. */
  const saving = {
    /** @param {number | null} ms */
    setDelay(ms) { fixedDelay = ms; },
    timings,
  };

  return {
    /** Read it; change it only through the actions below. */
    state: /** @type {Readonly<State>} */ (state),
    subscribe,
    refresh,
    change,
    setWeight,
    commitWeights,
    undo,
    redo,
    addRequest,
    select,
    open,
    close,
    move,
    setView,
    setFilter,
    setPlan,
    flush,
    unsavedOnLeaving,
    catchUp,
    saving,
    show,
    newId,
    openExample,
    newScenario,
    duplicateScenario,
    deleteScenario,
    restoreScenario,
    purgeScenario,
    switchScenario,
    importText,
    importBytes,
    importView,
    setTeam,
    setRobust,
    importFile,
    exportFile,
    exportsOf,
    exportText,
    savedText,
    start,
    openText,
  };
}

/** @typedef {ReturnType<typeof createStore>} Store */
