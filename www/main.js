// Thresh — the page's composition root. Rust (WebAssembly) owns the scenario and computes
// every number; the store (store.js) holds what was read from it and every change to it;
// the views (views/) render the store and call its actions, and never import each other.
// This file loads the WebAssembly, creates the store, mounts the views, and wires what
// belongs to the whole page: keys, tabs, the scenario menu, dropped files, other tabs, and
// the hooks for the benchmarks and tests. Nothing imports it.

import init, { Workbench } from './pkg/thresh.js';
import { h, byId } from './lib/dom.js';
import { scoreProblem } from './notices.js';
import { createStore, FLAG_NAMES } from './store.js';
import * as modelView from './views/model.js';
import * as rankingView from './views/ranking.js';
import * as chartView from './views/chart.js';
import * as accountsView from './views/accounts.js';
import * as listsView from './views/lists.js';
import * as planView from './views/plan.js';
import * as scenariosView from './views/scenarios.js';
import * as drawerView from './views/drawer.js';
import * as compareView from './views/compare.js';
import * as teamView from './views/team.js';
import * as robustView from './views/robust.js';
import * as importView from './views/import.js';
import * as reportView from './views/report.js';

/** @typedef {import('./store.js').Store} Store */
/** @typedef {import('./store.js').View} View */

const VIEWS = /** @type {View[]} */ (['ranking', 'plan', 'chart', 'accounts', 'team', 'robust', 'data']);

// ----- keyboard -----

/** Whether keys typed at `el` are text (then Ctrl+Z and letters are the field's). */
function isTextEntry(el) {
  if (el.closest('textarea, [contenteditable]')) return true;
  const input = el.closest('input');
  return Boolean(input) && !['range', 'checkbox', 'radio', 'button', 'file', 'color'].includes(/** @type {HTMLInputElement} */ (input).type);
}

/**
 * `/` filter, ↑/↓ move, Enter open, Esc close, `n` new request, Ctrl/Cmd+Z and
 * Shift+Ctrl/Cmd+Z (or Ctrl+Y) undo and redo.
 * @param {Store} store @param {{focusFilter: () => void}} ranking @param {() => void} closeMenu
 */
function wireKeys(store, ranking, closeMenu) {
  const S = store.state;
  document.addEventListener('keydown', (ev) => {
    const target = /** @type {HTMLElement} */ (ev.target);
    const typing = isTextEntry(target) || target.closest('select');
    const mod = ev.ctrlKey || ev.metaKey;
    if (mod && ev.key.toLowerCase() === 'z' && !isTextEntry(target)) {
      ev.preventDefault();
      if (ev.shiftKey) store.redo(); else store.undo();
      return;
    }
    if (mod && ev.key.toLowerCase() === 'y' && !isTextEntry(target)) { ev.preventDefault(); store.redo(); return; }
    if (ev.key === 'Escape') {
      if (S.drawer) { store.close(); ev.preventDefault(); }
      closeMenu();
      return;
    }
    if (typing || !S.wb || target.closest('#drawer, .menu, dialog')) return;
    if (ev.key === '/') { ev.preventDefault(); ranking.focusFilter(); return; }
    if (ev.key === 'n' && !mod) { ev.preventDefault(); store.addRequest(); return; }
    // Arrows and Enter belong to the ranking only when it (or nothing) has the focus.
    const inRanking = target === document.body || Boolean(target.closest('#ranking'));
    if (!inRanking) return;
    if (S.view === 'ranking' && (ev.key === 'ArrowDown' || ev.key === 'ArrowUp')) {
      ev.preventDefault();
      store.move(ev.key === 'ArrowDown' ? 1 : -1);
    } else if (S.view === 'ranking' && ev.key === 'Enter' && S.selected >= 0) {
      ev.preventDefault();
      store.open(S.selected);
    }
  });
}

// ----- tabs -----

/** The view tabs (arrow keys move between them) and the panels they show. @param {Store} store */
function wireTabs(store) {
  const tabs = [...document.querySelectorAll('.tabs [role=tab]')].map((t) => /** @type {HTMLElement} */ (t));
  const viewOf = (/** @type {HTMLElement} */ tab) => /** @type {View} */ (tab.dataset.view);
  for (const tab of tabs) {
    tab.addEventListener('click', () => store.setView(viewOf(tab)));
    tab.addEventListener('keydown', (ev) => {
      if (ev.key !== 'ArrowRight' && ev.key !== 'ArrowLeft') return;
      const next = tabs[(tabs.indexOf(tab) + (ev.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
      next.focus();
      store.setView(viewOf(next));
    });
  }
  // Subscribed before the views mount: the panel is shown before it is drawn.
  store.subscribe('view', () => {
    const view = store.state.view;
    for (const tab of tabs) {
      const on = tab.dataset.view === view;
      tab.setAttribute('aria-selected', String(on));
      tab.setAttribute('tabindex', on ? '0' : '-1');
    }
    for (const v of VIEWS) byId(`view-${v}`).hidden = v !== view;
    byId('filters').hidden = view !== 'ranking';
  });
}

// ----- the scenario menu and the [data-action] buttons -----

/**
 * The scenario menu (opened by its button, arrow keys inside, Esc or Tab closes it) and
 * every button with a data-action (the menu's items and the welcome panel's).
 * @param {Map<string, () => void>} actions
 * @returns {() => void} closes the menu
 */
function wireMenu(actions) {
  document.addEventListener('click', (ev) => {
    const el = /** @type {HTMLElement} */ (ev.target).closest('[data-action]');
    if (el) actions.get(/** @type {HTMLElement} */ (el).dataset.action)?.();
  });
  const menu = byId('scenario-menu');
  const menuButton = byId('scenario-menu-button');
  const closeMenu = (focusButton = false) => {
    menu.hidden = true;
    menuButton.setAttribute('aria-expanded', 'false');
    if (focusButton) menuButton.focus();
  };
  menu.addEventListener('keydown', (ev) => {
    const items = [...menu.querySelectorAll('button:not(:disabled)')];
    const at = items.indexOf(/** @type {HTMLElement} */ (document.activeElement));
    if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      ev.preventDefault();
      const next = items[(at + (ev.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length];
      /** @type {HTMLElement} */ (next).focus();
    } else if (ev.key === 'Escape' || ev.key === 'Tab') {
      closeMenu(ev.key === 'Escape');
    }
  });
  document.addEventListener('click', (ev) => {
    if (!menu.hidden && !/** @type {HTMLElement} */ (ev.target).closest('#scenario-menu-button')) closeMenu(false);
  });
  menuButton.addEventListener('click', () => {
    menu.hidden = !menu.hidden;
    menuButton.setAttribute('aria-expanded', String(!menu.hidden));
    if (!menu.hidden) menu.querySelector('button')?.focus();
  });
  // Esc (handled with the other keys) hides the menu and leaves the focus where it is.
  return () => { menu.hidden = true; };
}

// ----- files dropped anywhere -----

/** @param {Store} store */
function wireDrop(store) {
  let depth = 0;
  const overlay = byId('drop-overlay');
  document.addEventListener('dragenter', (ev) => {
    if (!ev.dataTransfer?.types.includes('Files')) return;
    depth++;
    overlay.hidden = false;
  });
  document.addEventListener('dragleave', () => { if (--depth <= 0) { depth = 0; overlay.hidden = true; } });
  document.addEventListener('dragover', (ev) => ev.preventDefault());
  document.addEventListener('drop', (ev) => {
    ev.preventDefault();
    depth = 0;
    overlay.hidden = true;
    const file = ev.dataTransfer?.files?.[0];
    if (file) store.importFile(file);
  });
}

// ----- leaving the page -----

/**
 * A tab that is hidden writes what is pending at once (it may never come back), and one
 * shown again catches up with the other tabs' writes; one that is closed or reloaded with
 * work not yet on disk asks first. A tab with nothing pending writes nothing and asks
 * nothing.
 * @param {Store} store
 */
function wireLeaving(store) {
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') store.flush();
    else store.catchUp();
  });
  window.addEventListener('pagehide', () => { store.flush(); });
  window.addEventListener('beforeunload', (ev) => {
    if (store.unsavedOnLeaving()) {
      ev.preventDefault();
      ev.returnValue = '';
    }
  });
}

// ----- start -----

/**
 * Where the page's WebAssembly and its workers (the planner's, the analyses' and the
 * import's) are: beside the page, or — in the one-file page (dist/thresh.html, made by
 * scripts/build-page.js) — given inline.
 * @type {{pageWasm: Uint8Array, workerUrl: string, analysisWorkerUrl: string, sheetWorkerUrl: string} | null}
 */
const INLINE = /** @type {any} */ (globalThis).__THRESH_INLINE__ ?? null;

async function main() {
  await init({ module_or_path: INLINE ? INLINE.pageWasm : new URL('pkg/thresh_bg.wasm', document.baseURI) });
  const store = createStore({ Workbench });
  wireTabs(store);
  // The views, in the order they redraw after a change: the model panel, the ranking, the
  // other views, the top bar, and the drawer last (it may move the focus).
  const model = modelView.mount(store);
  const ranking = rankingView.mount(store);
  store.subscribe('data', () => scoreProblem(store.state.scoreError));
  chartView.mount(store);
  accountsView.mount(store);
  listsView.mount(store);
  teamView.mount(store);
  const workerUrl = INLINE ? INLINE.workerUrl : new URL('plan-worker.js', document.baseURI).href;
  const analysisWorkerUrl = INLINE ? INLINE.analysisWorkerUrl : new URL('analysis-worker.js', document.baseURI).href;
  const plan = planView.mount(store, { workerUrl });
  const robust = robustView.mount(store, { workerUrl: analysisWorkerUrl });
  const compare = compareView.mount(store, { workerUrl: analysisWorkerUrl });
  const scenarios = scenariosView.mount(store);
  drawerView.mount(store);
  const sheets = importView.mount(store, { Workbench, workerUrl: INLINE ? INLINE.sheetWorkerUrl : new URL('sheet-worker.js', document.baseURI).href });
  const report = reportView.mount(store, { workerUrl });

  const closeMenu = wireMenu(new Map([
    ['open-example', store.openExample],
    // A new, empty scenario: the focus goes to where its first request is added.
    ['new-scenario', () => { store.newScenario(); byId('add-request').focus(); }],
    ['duplicate-scenario', store.duplicateScenario],
    ['rename-scenario', () => { if (store.state.wb) model.focusName(); }],
    ['delete-scenario', store.deleteScenario],
    ['trash', scenarios.showTrash],
    ['import', scenarios.chooseFile],
  ]));
  wireKeys(store, ranking, closeMenu);
  wireDrop(store);
  wireLeaving(store);

  await store.start();

  // Hooks for the benchmark page and end-to-end tests (stable; keep them).
  window.__thresh = {
    loadSynthetic(n) { store.show(Workbench.synthetic(n, 42), store.newId(), { save: false }); },
    /**
     * Opens a generated quarter of `n` requests (capacity a quarter of the effort, four
     * buckets with shares), shows the plan view, and resolves with the plan's time in the
     * worker (request to result, including handing the scenario over) and its quality.
     */
    async planSynthetic(n, seed = 42) {
      store.show(Workbench.synthetic_portfolio(n, seed), store.newId(), { save: false });
      const done = plan.nextPlan();
      store.setView('plan');
      const { report, error, ms, solveMs } = await done;
      return { ms, solveMs, optimal: report?.optimal ?? false, value: report?.value, upperBound: report?.upper_bound,
        selected: report?.selected.length, error: error?.messages?.join('; ') ?? null };
    },
    /**
     * Imports a generated scenario of `n` requests as a file would be imported (its
     * exported bytes, read by the same reader), and resolves after the ranking is painted
     * with the ms spent: `{text}` making the file (not part of the import), `{paint}`
     * import → painted.
     */
    async importSynthetic(n, seed = 42) {
      const t0 = performance.now();
      const generated = Workbench.synthetic(n, seed);
      const bytes = new TextEncoder().encode(generated.export());
      generated.free();
      const t1 = performance.now();
      store.importBytes(bytes, `synthetic-${n}.thresh.json`);
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      return { text: t1 - t0, paint: performance.now() - t1, bytes: bytes.length };
    },
    /**
     * Imports a CSV file's bytes through the mapping step as the PM would, into the open
     * scenario (`into`) or as a new one, and resolves after the ranking is painted with
     * the ms spent: `{mapping}` file → the mapping step showing what will happen (decode,
     * the worker's read, drawing it), of which `{run}` the read in the worker; `{install}`
     * Import clicked → the ranking painted; `{requests}` in the scenario after.
     */
    async importCsv(bytes, name, { into = false } = {}) {
      const t0 = performance.now();
      await sheets.openFile(new File([/** @type {Uint8Array<ArrayBuffer>} */ (bytes)], name, { type: 'text/csv' }), { into });
      await sheets.settled();
      const t1 = performance.now();
      const confirm = /** @type {HTMLButtonElement} */ (document.querySelector('[data-testid="import-confirm"]'));
      if (confirm.disabled) throw new Error(`the import is not possible: ${document.querySelector('[data-testid="import-problems"]')?.textContent ?? 'no result'}`);
      confirm.click();
      // Taken in when the step closes (a big import paints a word first, then takes it in).
      const dialog = /** @type {HTMLDialogElement} */ (document.getElementById('import-dialog'));
      while (dialog.open) await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const t2 = performance.now();
      return { mapping: t1 - t0, run: sheets.timings.run, decode: sheets.timings.decode, install: t2 - t1, requests: store.state.requests.length };
    },
    /** Makes the printed report now (planning first), without printing: tests look at it under print media. */
    prepareReport: () => report.prepare(),
    /** Sets a weight as a slider would, and resolves after the next paint. */
    setWeight(k, w) {
      const t0 = performance.now();
      store.state.wb.set_weight(k, w);
      const t1 = performance.now();
      store.refresh({ live: true });
      const t2 = performance.now();
      this.timings.push({ rescore: t1 - t0, render: t2 - t1 });
      return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    },
    /**
     * Opens a generated scenario of `n` requests, runs the "How sure?" analysis on it with
     * `samples` samples (no plan), and resolves with its times: `ms` from the request to
     * the result on the page (handing the scenario over included), `workerMs` in the worker.
     */
    async robustSynthetic(n, samples = 1000, seed = 42) {
      store.show(Workbench.synthetic(n, seed), store.newId(), { save: false });
      robust.configure({ samples, plan: false });
      const done = robust.nextResult();
      store.setView('robust');
      const { result, error, ms, workerMs } = await done;
      return { ms, workerMs, requests: result?.requests.length ?? 0, samples: result?.samples ?? 0, error };
    },
    /** The last "How sure?" summary the store holds for the report (state.robust), and the read it is for against the latest. */
    robustSummary() { return { summary: store.state.robust, pulls: store.state.pulls }; },
    /** ms per computation of every weight's tipping band (Rust, the prepared table) on the open scenario: the median of `runs`. */
    timeTipping(runs = 11) {
      const times = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        store.state.wb.tipping(store.state.robustTop || undefined);
        times.push(performance.now() - t0);
      }
      return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
    },
    /**
     * Generates a scenario of `n` requests (the base) and two edited copies (as
     * benches/compare.rs: a weight, every 50th request's value on one criterion, 20
     * requests removed and 20 added, each copy elsewhere); opens "ours", compares it with
     * "theirs" (twice, after the worker's warm-up), takes one change, then merges
     * "theirs" into it against the base, as the compare dialog does (in the page's
     * worker). Resolves with the ms from each request to the dialog drawn, and inside the
     * worker.
     */
    async compareSynthetic(n, seed = 42) {
      const generated = Workbench.synthetic(n, seed);
      const base = generated.export();
      generated.free();
      const edit = (/** @type {number} */ offset, /** @type {string} */ criterion, /** @type {string} */ tag) => {
        const doc = JSON.parse(base);
        doc.model.criteria[offset - 1].weight = 5 + offset;
        for (let i = offset; i < doc.requests.length; i += 50) {
          const v = doc.requests[i].values;
          v[criterion] = (typeof v[criterion] === 'number' ? v[criterion] : 1) + 1;
        }
        doc.requests.splice(offset * 100 + 7, 20);
        for (let i = 0; i < 20; i++) doc.requests.push({ ...doc.requests[i], id: `${tag}-${i}` });
        return JSON.stringify(doc, null, 2);
      };
      const criteria = JSON.parse(base).model.criteria.map((/** @type {any} */ c) => c.id);
      store.show(Workbench.open(edit(1, criteria[3], 'OURS')), store.newId(), { save: false });
      const theirs = edit(2, criteria[4], 'THEIRS');
      // As the dialog does when it opens: the worker starts, runs its warm-up and reads
      // the open scenario (while a PM picks a file). The first review then reads their
      // file and compares; the second finds both read (the same texts), as a review made
      // again after an undo does. The merge finds the open scenario read (by the review
      // after the take), as the merge dialog has it read while the PM picks their file.
      const warmUp = await compare.benchWarm();
      const first = await compare.benchCompare(theirs);
      const review = await compare.benchCompare(theirs);
      const take = await compare.benchTake();
      const merge = await compare.benchMerge(base, theirs);
      compare.close();
      return { warmUp, first, review, take, merge, bytes: base.length };
    },
    /** The debounce of saving in ms (null: the page chooses), for tests that need two tabs' edits to overlap. */
    setSaveDelay(ms) { store.saving.setDelay(ms); },
    /** Per committed write of the open scenario: characters, and ms waited, exporting, writing, in all (change → committed). */
    saveTimings: store.saving.timings,
    flagNames: FLAG_NAMES,
    /** Per weight change through setWeight: ms in Rust's re-score, and reading the results and rendering. */
    timings: [],
  };
}

main().catch((e) => {
  document.body.prepend(h('div', { class: 'banner error', role: 'alert', 'data-testid': 'error' },
    h('div', { class: 'message' }, h('strong', { text: 'Thresh could not start.' }), String(e?.message ?? e))));
});
