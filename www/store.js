// The page's state and every change to it. Rust (WebAssembly) owns the scenario and computes
// every number; the store holds the open Workbench, the arrays last read from it, and what
// the PM is looking at (view, filter, selection, drawer), and it is the only module that
// writes them. Views read `store.state`, call the store's actions, and subscribe to the
// topics they render. Imports notices.js and lib/ only: the bindings' classes are handed
// in by main.js, so nothing here loads WebAssembly.

import { banner, clearBanner, toast, hideToast, saveStatus } from './notices.js';
import { download } from './lib/dom.js';
import { slug, today } from './lib/format.js';

/** @typedef {import('./pkg/thresh.js').Workbench} Workbench */
/** @typedef {import('./pkg/thresh.js').Library} Library */

/**
 * @typedef {'ranking' | 'plan' | 'chart' | 'accounts' | 'data'} View
 *
 * @typedef {import('./pkg/thresh.js').RequestSummary} RequestSummary  a request's light fields, in file order
 * @typedef {import('./pkg/thresh.js').ModelView} ModelView
 *
 * @typedef {object} Filter  the ranking's filter as the PM set it ('' and 0 mean any)
 * @property {string} text  found, ignoring case, in titles and ids
 * @property {string} bucket  a bucket id, or NO_BUCKET for requests without one
 * @property {string} tag
 * @property {number} flag  one of the FLAG_NAMES bits
 *
 * @typedef {object} ScenarioEntry  a saved scenario as the library lists it
 * @property {string} id
 * @property {string} name
 * @property {string | null} damaged  why it cannot be opened, when it cannot
 *
 * @typedef {object} DrawerTarget  the request the drawer shows
 * @property {string} id  followed by id: positions change with edits and undo
 * @property {number} index  where that request is now (the store keeps it current)
 *
 * @typedef {object} State
 * @property {Workbench | null} wb  the open scenario, owned by Rust; null on the welcome panel
 * @property {Library | null} lib  the saved scenarios; null when this browser cannot save
 * @property {string | null} id  the library id of the open scenario
 * @property {ScenarioEntry[]} scenarios  the saved scenarios, as last listed
 * @property {number} revision  the Workbench revision the lists below were read at (-1: not yet)
 * @property {ModelView} model  everything but the requests, and the words the page offers
 * @property {RequestSummary[]} requests
 * @property {number} n  how many requests
 * @property {number} k  how many criteria
 * @property {Float64Array} raw  each request's criterion values, request-major (n × k)
 * @property {Uint8Array} origins  for each value: 0 entered, 1 derived, 2 missing
 * @property {Uint8Array} flags  each request's FLAG_NAMES bits
 * @property {Uint32Array} order  request indices in rank order (empty when the scenario cannot be ranked)
 * @property {Uint32Array} ranks
 * @property {Float64Array} scores
 * @property {Float64Array} values
 * @property {Int32Array} movement  places moved since the last change (positive: up)
 * @property {Float64Array} contributions  each criterion's share of each score, request-major (weighted sums; else empty)
 * @property {string | null} scoreError  why the scenario cannot be ranked
 * @property {Filter} filter
 * @property {Uint32Array} visible  the requests the filter keeps, in rank order
 * @property {View} view
 * @property {number} selected  the selected request's index; -1 for none
 * @property {DrawerTarget | null} drawer  the request whose drawer is open; null when it is closed
 * @property {number} gen  grows whenever another scenario is shown: caches keyed on it start over
 * @property {number} pulls  counts reads from Rust: a plan made before the last one is stale
 */

/**
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
 * @property {undefined} library  state.scenarios changed
 */

/** The bucket filter's value for requests without a bucket (no bucket id can be this). */
export const NO_BUCKET = '\u0000none';

/** The bits of `state.flags`, and their names. @type {[number, string][]} */
export const FLAG_NAMES = [[1, 'incomplete'], [2, 'single-account'], [4, 'overdue'], [8, 'unscorable']];

/** @param {unknown} e */
const messageOf = (e) => String(/** @type {any} */ (e)?.message ?? e);

/**
 * Creates the page's store. `Workbench` and `Library` are the bindings' classes (main.js
 * loads the WebAssembly and hands them in).
 * @param {{Workbench: typeof import('./pkg/thresh.js').Workbench, Library: typeof import('./pkg/thresh.js').Library}} bindings
 */
export function createStore({ Workbench, Library }) {
  /** @type {State} */
  const state = {
    wb: null,
    lib: null,
    id: null,
    scenarios: [],
    revision: -1,
    model: null,
    requests: [],
    n: 0,
    k: 0,
    raw: new Float64Array(0),
    origins: new Uint8Array(0),
    flags: new Uint8Array(0),
    order: new Uint32Array(0),
    ranks: new Uint32Array(0),
    scores: new Float64Array(0),
    values: new Float64Array(0),
    movement: new Int32Array(0),
    contributions: new Float64Array(0),
    scoreError: null,
    filter: { text: '', bucket: '', tag: '', flag: 0 },
    visible: new Uint32Array(0),
    view: 'ranking',
    selected: -1,
    drawer: null,
    gen: 0,
    pulls: 0,
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

  /** The requests the filter keeps, in rank order (file order when unranked). */
  function applyFilter() {
    const f = state.filter;
    const text = f.text.trim().toLowerCase();
    const { bucket, tag, flag } = f;
    const order = state.order.length ? state.order : Uint32Array.from(state.requests.keys());
    if (!text && !bucket && !tag && !flag) {
      state.visible = order;
      return;
    }
    const keep = [];
    for (const i of order) {
      const r = state.requests[i];
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
    try {
      state.wb.set_weight(k, weight);
    } catch (e) {
      banner('weight', 'That weight was not set.', messageOf(e));
      return false;
    }
    refresh({ live: true });
    return true;
  }

  /** Ends a weight gesture: one undo step, saved. */
  function commitWeights() {
    state.wb.commit();
    scheduleSave();
    refresh({ live: true });
  }

  function undo() {
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

  /** @param {Partial<Filter>} filter */
  function setFilter(filter) {
    Object.assign(state.filter, filter);
    applyFilter();
    emit('filter');
  }

  // ----- saving -----

  let saveTimer = 0;
  let savePending = false;

  function scheduleSave() {
    savePending = true;
    saveStatus('Saving…', '');
    clearTimeout(saveTimer);
    saveTimer = window.setTimeout(saveNow, 300);
  }

  function saveNow() {
    clearTimeout(saveTimer);
    if (!state.wb || !state.lib || !state.id) return;
    try {
      state.lib.save(state.id, state.wb.name(), state.wb.export());
      savePending = false;
      clearBanner('quota');
      clearBanner('save');
      saveStatus('Saved locally ✓', 'ok');
      listScenarios();
    } catch (e) {
      const err = /** @type {Error} */ (e);
      saveStatus('Not saved', 'bad');
      if (err?.name === 'QuotaExceededError') {
        banner('quota', 'Not saved: the browser\'s storage is full.',
          'Your work is still open here and nothing is lost. Export it to a file now, or delete scenarios you no longer need; saving resumes by itself when there is room.',
          { kind: 'warning', actions: [['Export now', exportFile], ['Try again', saveNow]] });
      } else {
        banner('save', 'Not saved.', `${messageOf(err)}. Your work is still open here; export it to keep a copy.`,
          { kind: 'warning', actions: [['Export now', exportFile]] });
      }
    }
  }

  function listScenarios() {
    state.scenarios = state.lib ? JSON.parse(state.lib.entries()) : [];
    emit('library');
  }

  // ----- scenarios -----

  /**
   * Makes `wb` the open scenario under library id `id`.
   * @param {Workbench} wb @param {string} id @param {{save?: boolean}} [opts]
   */
  function show(wb, id, { save = true } = {}) {
    // The scenario being left keeps its last change; if it cannot be saved (storage full),
    // it stays reachable from a banner rather than being dropped.
    if (savePending) saveNow();
    if (savePending && state.wb && state.id) {
      const text = state.wb.export();
      const name = state.wb.name();
      const leftId = state.id;
      savePending = false;
      setTimeout(() => banner(`unsaved-${leftId}`, `"${name}" is not saved (the browser's storage is full).`,
        'It is kept here until you close the page: export it, or reopen it to keep working on it.', {
          kind: 'warning',
          actions: [
            ['Export it', () => downloadScenario(text, name)],
            ['Reopen it', () => show(Workbench.open(text), leftId)],
          ],
        }), 0);
    }
    for (const key of ['other-tab', 'edit', 'weight', 'open']) clearBanner(key);
    hideToast();
    state.gen++;
    state.wb?.free();
    state.wb = wb;
    state.id = id;
    state.revision = -1;
    state.selected = -1;
    const hadDrawer = state.drawer !== null;
    state.drawer = null;
    emit('scenario');
    if (hadDrawer) emit('drawer');
    refresh();
    if (save) saveNow();
    try { state.lib?.set_current(id); } catch { /* shown by the next save */ }
    listScenarios();
  }

  /** No scenario open: the welcome panel. */
  function showWelcome() {
    const hadDrawer = state.drawer !== null;
    state.drawer = null;
    emit('scenario');
    if (hadDrawer) emit('drawer');
  }

  /** Frees the open scenario (it stays saved, or is already deleted) and shows the welcome panel. */
  function closeScenario() {
    state.wb?.free();
    state.wb = null;
    state.id = null;
    showWelcome();
  }

  function newId() {
    return state.lib ? state.lib.new_id() : `s${Date.now()}`;
  }

  function openExample() {
    show(Workbench.example(), newId());
  }

  function newScenario() {
    show(Workbench.empty('New scenario', today()), newId());
  }

  function duplicateScenario() {
    if (!state.wb) return;
    const copy = Workbench.open(state.wb.export());
    show(copy, newId());
    change(() => copy.set_name(`${copy.name()} (copy)`));
  }

  function deleteScenario() {
    if (!state.wb || !state.lib || !state.id) return;
    const text = state.wb.export();
    const name = state.wb.name();
    const id = state.id;
    try { state.lib.delete(id); } catch (e) { banner('delete', 'Could not delete.', messageOf(e)); return; }
    state.wb.free();
    state.wb = null;
    state.id = null;
    const entries = JSON.parse(state.lib.entries()).filter((e) => !e.damaged);
    if (!(entries.length && openSaved(entries[0].id))) showWelcome();
    listScenarios();
    toast(`Deleted "${name}".`, ['Undo', () => { show(Workbench.open(text), id); }]);
  }

  /** Opens saved scenario `id`; false (with a banner) when it cannot be read. @param {string} id */
  function openSaved(id) {
    const text = state.lib?.load(id);
    if (!text) return false;
    try {
      show(Workbench.open(text), id, { save: false });
      saveStatus('Saved locally ✓', 'ok');
      return true;
    } catch (e) {
      banner('open', 'This saved scenario could not be opened; it is kept as it was.', messageOf(e));
      return false;
    }
  }

  /** Switches to saved scenario `id` (the open one is saved first). @param {string} id */
  function switchScenario(id) {
    if (id !== state.id) { saveNow(); openSaved(id); }
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
      banner('import', `"${fileName}" was not opened. The scenario you had open is unchanged.`,
        `${messageOf(e)}\n\nFix the file (the place is given as a JSON path, or line and column) and import it again.`);
      return;
    }
    clearBanner('import');
    show(wb, newId());
    toast(`Opened "${wb.name()}" from ${fileName} as a new scenario.`);
  }

  /** @param {string} text @param {string} fileName */
  function importText(text, fileName) {
    importBytes(new TextEncoder().encode(text), fileName);
  }

  /** @param {File} file */
  async function importFile(file) {
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
    downloadScenario(state.wb.export(), state.wb.name());
  }

  /** @param {string} text @param {string} name */
  function downloadScenario(text, name) {
    download(text, `${slug(name)}.thresh.json`);
  }

  // ----- other tabs -----

  /** Another tab wrote this browser's storage. @param {StorageEvent} ev */
  function onStorage(ev) {
    if (!ev.key || !ev.key.startsWith('thresh.v1.') || !state.lib) return;
    if (state.lib.is_own_write(ev.key, ev.newValue ?? undefined)) return;
    const id = Library.scenario_id_of_key(ev.key);
    if (id && id === state.id && ev.newValue === null) {
      banner('other-tab', 'This scenario was deleted in another tab.',
        'It is still open here. Keep it (it is saved again from this tab), or close it.', {
          kind: 'warning',
          actions: [
            ['Keep it', () => { try { state.lib?.reload(); } catch { /* shown by the save */ } saveNow(); }],
            ['Close it', () => { try { state.lib?.reload(); } catch { /* the list stays */ } closeScenario(); listScenarios(); }],
          ],
        });
    } else if (id && id === state.id) {
      banner('other-tab', 'This scenario was changed in another tab.',
        'Load that version to see it here, or keep yours (saving yours replaces the other tab\'s changes).', {
          kind: 'warning',
          actions: [
            ['Load the other version', () => { state.lib?.reload(); openSaved(id); }],
            ['Keep mine', () => { state.lib?.reload(); saveNow(); }],
          ],
        });
    } else {
      try { state.lib.reload(); } catch { /* the list stays as it was */ }
      listScenarios();
    }
  }

  // ----- start -----

  /** Opens this browser's saved scenarios and the one last open (or the welcome panel). */
  function start() {
    try {
      state.lib = Library.open();
      for (const notice of JSON.parse(state.lib.notices())) {
        banner(`notice-${notice.length}`, 'Something in this browser\'s saved data could not be read.', notice, { kind: 'warning' });
      }
    } catch (e) {
      banner('storage', 'Saving is not available in this browser.',
        `${messageOf(e)}. You can still work and export files, but nothing is saved here.`, { kind: 'warning' });
    }
    listScenarios();
    const current = state.lib?.current();
    if (!(current && openSaved(current))) showWelcome();
  }

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
    saveNow,
    show,
    newId,
    openExample,
    newScenario,
    duplicateScenario,
    deleteScenario,
    switchScenario,
    importText,
    importBytes,
    importFile,
    exportFile,
    onStorage,
    start,
  };
}

/** @typedef {ReturnType<typeof createStore>} Store */
