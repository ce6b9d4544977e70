// Thresh — the page. Rust (WebAssembly) owns the scenario and computes every number; this
// file wires events to it and renders what it returns.

import init, { Workbench, Library } from './pkg/thresh.js';
import { h, byId, replace, slug, today } from './dom.js';
import { S, FLAG_NAMES } from './state.js';
import { renderRanking, setupRanking, moveSelection, scrollToSelected, resetRanking } from './ranking.js';
import { renderModel, setupModel } from './model.js';
import { openDrawer, closeDrawer, drawerOpen, setupDrawer, syncDrawer } from './drawer.js';
import { renderChart, renderAccounts, renderData } from './views.js';
import { renderPlan, requestPlan, resetPlan, nextPlan } from './plan.js';

// ----- banners: what went wrong, where, and what to do -----

/**
 * Shows (or replaces) a banner. `kind` is 'error' or 'warning'. Errors carry
 * data-testid="error" so tests and assistive tech can find them.
 * @param {string} key @param {string} title @param {string} message
 * @param {{kind?: string, actions?: [string, () => void][]}} [opts]
 */
export function banner(key, title, message, opts = {}) {
  const kind = opts.kind ?? 'error';
  clearBanner(key);
  const actions = (opts.actions ?? []).map(([label, fn]) =>
    h('button', { type: 'button', class: 'small ghost', onclick: () => { clearBanner(key); fn(); } }, label));
  const el = h('div', { class: `banner ${kind}`, role: kind === 'error' ? 'alert' : 'status', dataset: { key },
    'data-testid': kind === 'error' ? 'error' : 'warning' },
    h('div', { class: 'message' }, h('strong', { text: title }), message),
    ...actions,
    h('button', { type: 'button', class: 'small ghost', 'aria-label': 'Dismiss', onclick: () => clearBanner(key) }, '✕'));
  byId('banners').append(el);
}

/** @param {string} key */
export function clearBanner(key) {
  for (const el of byId('banners').querySelectorAll('.banner')) {
    if (/** @type {HTMLElement} */ (el).dataset.key === key) el.remove();
  }
}

let toastTimer = 0;
/** A short message with an optional action (undo). */
export function toast(message, action) {
  const el = byId('toast');
  replace(el, h('span', { text: message }),
    action ? h('button', { type: 'button', onclick: () => { el.hidden = true; action[1](); } }, action[0]) : null);
  el.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = window.setTimeout(() => { el.hidden = true; }, 8000);
}

// ----- reading the state out of Rust -----

/** Re-reads what changed: lists and model when the revision moved, scores always. */
function pull() {
  const wb = S.wb;
  if (!wb) return;
  S.pulls++;
  const revision = wb.revision();
  if (revision !== S.revision) {
    S.revision = revision;
    S.model = JSON.parse(wb.model_json());
    S.requests = JSON.parse(wb.requests_json());
    S.raw = wb.raw_values();
    S.origins = wb.origins();
    S.flags = wb.flags();
    S.k = wb.criteria_count();
    S.n = wb.request_count();
  }
  S.order = wb.order();
  S.ranks = wb.ranks();
  S.scores = wb.scores();
  S.values = wb.values();
  S.movement = wb.movement();
  S.contributions = wb.contributions();
  S.scoreError = wb.score_error() ?? null;
}

/** Renders everything after a change (cheap parts only on a weight drag). */
export function refresh({ modelPanel = true } = {}) {
  const before = S.revision;
  pull();
  const structural = before !== S.revision;
  if (modelPanel || structural) renderModel();
  if (structural) renderFilterOptions();
  const err = byId('score-error');
  if (S.scoreError) {
    if (err.dataset.shown !== S.scoreError) {
      replace(err, h('strong', { text: 'This scenario cannot be ranked yet. ' }), S.scoreError);
      err.dataset.shown = S.scoreError;
    }
    err.hidden = false;
  } else if (!err.hidden) {
    err.hidden = true;
    err.dataset.shown = '';
  }
  applyFilter();
  renderRanking();
  // During a weight gesture only the ranking and the plan follow live; the chart and the
  // accounts (costly with many requests) catch up when the gesture ends.
  if (S.view === 'chart' && modelPanel) renderChart();
  if (S.view === 'accounts' && modelPanel) renderAccounts();
  if (S.view === 'data' && structural) renderData();
  // The plan view redraws when its new plan arrives; during a gesture only a (debounced)
  // new plan is asked for.
  if (S.view === 'plan') {
    if (modelPanel) renderPlan();
    requestPlan();
  }
  syncToolbar();
  if (drawerOpen()) syncDrawer();
}

function syncToolbar() {
  const set = (id, disabled) => { const el = byId(id); if (el.disabled !== disabled) el.disabled = disabled; };
  set('undo', !S.wb?.can_undo());
  set('redo', !S.wb?.can_redo());
  set('export', !S.wb);
  for (const action of ['duplicate-scenario', 'rename-scenario', 'delete-scenario']) {
    const el = /** @type {HTMLButtonElement} */ (document.querySelector(`[data-action=${action}]`));
    if (el.disabled !== !S.wb) el.disabled = !S.wb;
  }
}

/** Runs an edit; on failure shows the message and leaves the work as it was. */
export function change(fn, { what = 'That change' } = {}) {
  try {
    const result = fn();
    clearBanner('edit');
    clearBanner('weight');
    refresh();
    scheduleSave();
    return result;
  } catch (e) {
    banner('edit', `${what} was not made.`, String(e?.message ?? e));
    return undefined;
  }
}

// ----- filters -----

function renderFilterOptions() {
  const bucketSel = byId('filter-bucket');
  const tagSel = byId('filter-tag');
  const keepB = bucketSel.value;
  const keepT = tagSel.value;
  replace(bucketSel, h('option', { value: '' }, 'any bucket'),
    ...(S.model.buckets ?? []).map((b) => h('option', { value: b.id }, b.label ?? b.id)),
    h('option', { value: '\u0000none' }, 'no bucket'));
  const tags = [...new Set(S.requests.flatMap((r) => r.tags))].sort();
  replace(tagSel, h('option', { value: '' }, 'any tag'), ...tags.map((t) => h('option', { value: t }, t)));
  bucketSel.value = [...bucketSel.options].some((o) => o.value === keepB) ? keepB : '';
  tagSel.value = [...tagSel.options].some((o) => o.value === keepT) ? keepT : '';
}

function applyFilter() {
  const text = byId('filter-text').value.trim().toLowerCase();
  const bucket = byId('filter-bucket').value;
  const tag = byId('filter-tag').value;
  const flag = Number(byId('filter-flag').value || 0);
  const order = S.order.length ? S.order : Uint32Array.from(S.requests.keys());
  if (!text && !bucket && !tag && !flag) {
    S.visible = order;
  } else {
    const keep = [];
    for (const i of order) {
      const r = S.requests[i];
      if (text && !r.title.toLowerCase().includes(text) && !r.id.toLowerCase().includes(text)) continue;
      if (bucket && (bucket === '\u0000none' ? r.bucket : r.bucket !== bucket)) continue;
      if (tag && !r.tags.includes(tag)) continue;
      if (flag && !(S.flags[i] & flag)) continue;
      keep.push(i);
    }
    S.visible = Uint32Array.from(keep);
  }
  const count = S.visible.length === S.requests.length
    ? `${S.requests.length} requests` : `${S.visible.length} of ${S.requests.length} requests`;
  const countEl = byId('filter-count');
  if (countEl.textContent !== count) countEl.textContent = count;
}

// ----- saving -----

let saveTimer = 0;
let savePending = false;
export function scheduleSave() {
  savePending = true;
  setStatus('Saving…', '');
  clearTimeout(saveTimer);
  saveTimer = window.setTimeout(saveNow, 300);
}

function setStatus(text, cls) {
  const el = byId('save-status');
  el.textContent = text;
  el.className = `save-status ${cls}`;
}

export function saveNow() {
  clearTimeout(saveTimer);
  if (!S.wb || !S.lib || !S.id) return;
  try {
    S.lib.save(S.id, S.wb.name(), S.wb.export());
    savePending = false;
    clearBanner('quota');
    clearBanner('save');
    setStatus('Saved locally ✓', 'ok');
    renderScenarioList();
  } catch (e) {
    const err = /** @type {Error} */ (e);
    setStatus('Not saved', 'bad');
    if (err?.name === 'QuotaExceededError') {
      banner('quota', 'Not saved: the browser\'s storage is full.',
        'Your work is still open here and nothing is lost. Export it to a file now, or delete scenarios you no longer need; saving resumes by itself when there is room.',
        { kind: 'warning', actions: [['Export now', exportFile], ['Try again', saveNow]] });
    } else {
      banner('save', 'Not saved.', `${err?.message ?? err}. Your work is still open here; export it to keep a copy.`,
        { kind: 'warning', actions: [['Export now', exportFile]] });
    }
  }
}

// ----- scenarios -----

function renderScenarioList() {
  const sel = byId('scenario-select');
  const entries = S.lib ? JSON.parse(S.lib.entries()) : [];
  replace(sel, ...entries.map((e) => h('option', { value: e.id, disabled: e.damaged ? true : null },
    e.damaged ? `${e.name} (damaged: ${e.damaged})` : e.name)));
  if (S.id) sel.value = S.id;
  sel.hidden = entries.length === 0;
}

/** Makes `wb` the open scenario under library id `id`. */
function show(wb, id, { save = true } = {}) {
  // The scenario being left keeps its last change; if it cannot be saved (storage full),
  // it stays reachable from a banner rather than being dropped.
  if (savePending) saveNow();
  if (savePending && S.wb && S.id) {
    const text = S.wb.export();
    const name = S.wb.name();
    const leftId = S.id;
    savePending = false;
    setTimeout(() => banner(`unsaved-${leftId}`, `"${name}" is not saved (the browser's storage is full).`,
      'It is kept here until you close the page: export it, or reopen it to keep working on it.', {
        kind: 'warning',
        actions: [
          ['Export it', () => downloadText(text, name)],
          ['Reopen it', () => show(Workbench.open(text), leftId)],
        ],
      }), 0);
  }
  resetPlan();
  resetRanking();
  for (const key of ['other-tab', 'edit', 'weight', 'open']) clearBanner(key);
  byId('toast').hidden = true;
  S.gen++;
  S.wb?.free();
  S.wb = wb;
  S.id = id;
  S.revision = -1;
  S.selected = -1;
  closeDrawer();
  byId('welcome').hidden = true;
  byId('workspace').hidden = false;
  refresh();
  if (save) saveNow();
  try { S.lib?.set_current(id); } catch { /* shown by the next save */ }
  renderScenarioList();
  if (!S.firstPaint) {
    S.firstPaint = true;
    requestAnimationFrame(() => performance.mark('thresh-first-ranking'));
  }
}

function newId() {
  return S.lib ? S.lib.new_id() : `s${Date.now()}`;
}

function openExample() {
  show(Workbench.example(), newId());
}

function newScenario() {
  show(Workbench.empty('New scenario', today()), newId());
}

function duplicateScenario() {
  if (!S.wb) return;
  const copy = Workbench.open(S.wb.export());
  show(copy, newId());
  change(() => copy.set_field('name', JSON.stringify(`${copy.name()} (copy)`)));
}

function renameScenario() {
  if (!S.wb) return;
  const input = byId('scenario-name');
  input.focus();
  input.select();
}

function deleteScenario() {
  if (!S.wb || !S.lib || !S.id) return;
  const text = S.wb.export();
  const name = S.wb.name();
  const id = S.id;
  try { S.lib.delete(id); } catch (e) { banner('delete', 'Could not delete.', String(e?.message ?? e)); return; }
  S.wb.free();
  S.wb = null;
  S.id = null;
  const entries = JSON.parse(S.lib.entries()).filter((e) => !e.damaged);
  if (entries.length) openSaved(entries[0].id); else showWelcome();
  renderScenarioList();
  toast(`Deleted "${name}".`, ['Undo', () => { show(Workbench.open(text), id); }]);
}

function openSaved(id) {
  const text = S.lib?.load(id);
  if (!text) return false;
  try {
    show(Workbench.open(text), id, { save: false });
    setStatus('Saved locally ✓', 'ok');
    return true;
  } catch (e) {
    banner('open', 'This saved scenario could not be opened; it is kept as it was.', String(e?.message ?? e));
    return false;
  }
}

function showWelcome() {
  byId('welcome').hidden = false;
  byId('workspace').hidden = true;
  closeDrawer();
  syncToolbar();
}

// ----- import and export -----

/** Opens a file's text as a new scenario; a bad file changes nothing that is open. */
export function importText(text, fileName) {
  let wb;
  try {
    wb = Workbench.open(text);
  } catch (e) {
    banner('import', `"${fileName}" was not opened. The scenario you had open is unchanged.`,
      `${e?.message ?? e}\n\nFix the file (the place is given as a JSON path, or line and column) and import it again.`);
    return;
  }
  clearBanner('import');
  show(wb, newId());
  toast(`Opened "${wb.name()}" from ${fileName} as a new scenario.`);
}

async function importFile(file) {
  if (file.size > 50 * 1024 * 1024) {
    banner('import', `"${file.name}" was not opened.`, `It is ${(file.size / 1048576).toFixed(1)} MiB; the limit is 50 MiB.`);
    return;
  }
  importText(await file.text(), file.name);
}

export function exportFile() {
  if (!S.wb) return;
  downloadText(S.wb.export(), S.wb.name());
}

/** Downloads a scenario's text as `<name>.thresh.json`. */
function downloadText(text, name) {
  const blob = new Blob([text], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: `${slug(name)}.thresh.json` });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// ----- other tabs -----

function onStorage(/** @type {StorageEvent} */ ev) {
  if (!ev.key || !ev.key.startsWith('thresh.v1.') || !S.lib) return;
  if (S.lib.is_own_write(ev.key, ev.newValue ?? undefined)) return;
  const id = Library.scenario_id_of_key(ev.key);
  if (id && id === S.id && ev.newValue === null) {
    banner('other-tab', 'This scenario was deleted in another tab.',
      'It is still open here. Keep it (it is saved again from this tab), or close it.', {
        kind: 'warning',
        actions: [
          ['Keep it', () => { try { S.lib?.reload(); } catch { /* shown by the save */ } saveNow(); }],
          ['Close it', () => { try { S.lib?.reload(); } catch { /* the list stays */ } S.wb?.free(); S.wb = null; S.id = null; showWelcome(); renderScenarioList(); }],
        ],
      });
  } else if (id && id === S.id) {
    banner('other-tab', 'This scenario was changed in another tab.',
      'Load that version to see it here, or keep yours (saving yours replaces the other tab\'s changes).', {
        kind: 'warning',
        actions: [
          ['Load the other version', () => { S.lib?.reload(); openSaved(id); }],
          ['Keep mine', () => { S.lib?.reload(); saveNow(); }],
        ],
      });
  } else {
    try { S.lib.reload(); } catch { /* the list stays as it was */ }
    renderScenarioList();
  }
}

// ----- keyboard -----

/** Whether keys typed at `el` are text (then Ctrl+Z and letters are the field's). */
function isTextEntry(el) {
  if (el.closest('textarea, [contenteditable]')) return true;
  const input = el.closest('input');
  return Boolean(input) && !['range', 'checkbox', 'radio', 'button', 'file', 'color'].includes(/** @type {HTMLInputElement} */ (input).type);
}

function onKey(/** @type {KeyboardEvent} */ ev) {
  const target = /** @type {HTMLElement} */ (ev.target);
  const typing = isTextEntry(target) || target.closest('select');
  const mod = ev.ctrlKey || ev.metaKey;
  if (mod && ev.key.toLowerCase() === 'z' && !isTextEntry(target)) {
    ev.preventDefault();
    if (ev.shiftKey) redo(); else undo();
    return;
  }
  if (mod && ev.key.toLowerCase() === 'y' && !isTextEntry(target)) { ev.preventDefault(); redo(); return; }
  if (ev.key === 'Escape') {
    if (drawerOpen()) { closeDrawer(); ev.preventDefault(); }
    byId('scenario-menu').hidden = true;
    return;
  }
  if (typing || !S.wb || byId('workspace').hidden || target.closest('#drawer, .menu')) return;
  if (ev.key === '/') { ev.preventDefault(); byId('filter-text').focus(); return; }
  if (ev.key === 'n' && !mod) { ev.preventDefault(); addRequest(); return; }
  // Arrows and Enter belong to the ranking only when it (or nothing) has the focus.
  const inRanking = target === document.body || Boolean(target.closest('#ranking'));
  if (!inRanking) return;
  if (S.view === 'ranking' && (ev.key === 'ArrowDown' || ev.key === 'ArrowUp')) {
    ev.preventDefault();
    moveSelection(ev.key === 'ArrowDown' ? 1 : -1);
  } else if (S.view === 'ranking' && ev.key === 'Enter' && S.selected >= 0) {
    ev.preventDefault();
    openDrawer(S.selected);
  }
}

function undo() {
  if (S.wb?.undo()) { refresh(); scheduleSave(); }
}
function redo() {
  if (S.wb?.redo()) { refresh(); scheduleSave(); }
}

function addRequest() {
  if (!S.wb) return;
  const id = S.wb.new_request_id();
  const index = change(() => S.wb.put_request(S.wb.request_count(), JSON.stringify({ id, title: 'New request' })),
    { what: 'Adding a request' });
  if (index !== undefined) {
    S.selected = index;
    scrollToSelected();
    openDrawer(index);
  }
}

// ----- views -----

function selectView(view) {
  S.view = view;
  for (const tab of document.querySelectorAll('.tabs [role=tab]')) {
    const on = /** @type {HTMLElement} */ (tab).dataset.view === view;
    tab.setAttribute('aria-selected', String(on));
    tab.setAttribute('tabindex', on ? '0' : '-1');
  }
  for (const v of ['ranking', 'plan', 'chart', 'accounts', 'data']) byId(`view-${v}`).hidden = v !== view;
  byId('filters').hidden = view !== 'ranking';
  if (view === 'chart') renderChart();
  if (view === 'accounts') renderAccounts();
  if (view === 'data') renderData();
  if (view === 'plan') { renderPlan(); requestPlan(); }
}

// ----- start -----

function wire() {
  document.addEventListener('keydown', onKey);
  window.addEventListener('storage', onStorage);
  window.addEventListener('beforeunload', () => saveNow());
  byId('undo').addEventListener('click', undo);
  byId('redo').addEventListener('click', redo);
  byId('export').addEventListener('click', exportFile);
  byId('add-request').addEventListener('click', addRequest);
  const input = byId('import-file');
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    input.value = '';
    if (file) importFile(file);
  });
  const actions = {
    'open-example': openExample, 'new-scenario': newScenario, 'duplicate-scenario': duplicateScenario,
    'rename-scenario': renameScenario, 'delete-scenario': deleteScenario,
    import: () => byId('import-file').click(),
  };
  document.addEventListener('click', (ev) => {
    const el = /** @type {HTMLElement} */ (ev.target).closest('[data-action]');
    if (el) actions[/** @type {HTMLElement} */ (el).dataset.action]?.();
  });
  const menu = byId('scenario-menu');
  const menuButton = byId('scenario-menu-button');
  const closeMenu = (focusButton) => {
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
  byId('scenario-menu-button').addEventListener('click', () => {
    const menu = byId('scenario-menu');
    menu.hidden = !menu.hidden;
    byId('scenario-menu-button').setAttribute('aria-expanded', String(!menu.hidden));
    if (!menu.hidden) menu.querySelector('button')?.focus();
  });
  byId('scenario-select').addEventListener('change', (ev) => {
    const id = /** @type {HTMLSelectElement} */ (ev.target).value;
    if (id !== S.id) { saveNow(); openSaved(id); }
  });
  for (const tab of document.querySelectorAll('.tabs [role=tab]')) {
    tab.addEventListener('click', () => selectView(/** @type {HTMLElement} */ (tab).dataset.view));
    tab.addEventListener('keydown', (ev) => {
      const e = /** @type {KeyboardEvent} */ (ev);
      if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
      const tabs = [...document.querySelectorAll('.tabs [role=tab]')];
      const next = tabs[(tabs.indexOf(tab) + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
      /** @type {HTMLElement} */ (next).focus();
      selectView(/** @type {HTMLElement} */ (next).dataset.view);
    });
  }
  for (const id of ['filter-text', 'filter-bucket', 'filter-tag', 'filter-flag']) {
    byId(id).addEventListener('input', () => { applyFilter(); renderRanking(); });
  }
  // Drop a file anywhere.
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
    if (file) importFile(file);
  });
}

async function main() {
  await init();
  wire();
  setupRanking();
  setupModel();
  setupDrawer();
  try {
    S.lib = Library.open();
    for (const notice of JSON.parse(S.lib.notices())) {
      banner(`notice-${notice.length}`, 'Something in this browser\'s saved data could not be read.', notice, { kind: 'warning' });
    }
  } catch (e) {
    banner('storage', 'Saving is not available in this browser.',
      `${e?.message ?? e}. You can still work and export files, but nothing is saved here.`, { kind: 'warning' });
  }
  renderScenarioList();
  const current = S.lib?.current();
  if (!(current && openSaved(current))) showWelcome();

  // Hooks for the benchmark page and end-to-end tests (stable; keep them).
  window.__thresh = {
    loadSynthetic(n) { show(Workbench.synthetic(n, 42), newId(), { save: false }); },
    /**
     * Opens a generated quarter of `n` requests (capacity a quarter of the effort, four
     * buckets with shares), shows the plan view, and resolves with the plan's time in the
     * worker (request to result, including handing the scenario over) and its quality.
     */
    async planSynthetic(n, seed = 42) {
      show(Workbench.synthetic_portfolio(n, seed), newId(), { save: false });
      const done = nextPlan();
      selectView('plan');
      const { report, error, ms } = await done;
      return { ms, optimal: report?.optimal ?? false, value: report?.value, upperBound: report?.upper_bound,
        selected: report?.selected.length, error: error?.messages?.join('; ') ?? null };
    },
    /** Sets a weight as a slider would, and resolves after the next paint. */
    setWeight(k, w) {
      const t0 = performance.now();
      S.wb.set_weight(k, w);
      const t1 = performance.now();
      refresh({ modelPanel: false });
      const t2 = performance.now();
      this.timings.push({ rescore: t1 - t0, render: t2 - t1 });
      return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    },
    flagNames: FLAG_NAMES,
    /** Per weight change through setWeight: ms in Rust's re-score, and reading the results and rendering. */
    timings: [],
  };
}

main().catch((e) => {
  document.body.prepend(h('div', { class: 'banner error', role: 'alert', 'data-testid': 'error' },
    h('div', { class: 'message' }, h('strong', { text: 'Thresh could not start.' }), String(e?.message ?? e))));
});
