// The top bar and the welcome panel: the saved scenarios' list, undo and redo, import and
// export, which of them (and of the scenario menu's items) apply now, the trash (from the
// scenario menu), and the welcome panel in place of the workspace when no scenario is open.

import { h, byId, replace } from '../lib/dom.js';
import { day } from '../lib/format.js';
import { TRASH_DAYS } from '../lib/storage.js';

/** @type {import('../store.js').Store} */ let store;
/** @type {Readonly<import('../store.js').State>} */ let S;

/**
 * @param {import('../store.js').Store} theStore
 */
export function mount(theStore) {
  store = theStore;
  S = store.state;
  byId('undo').addEventListener('click', () => store.undo());
  byId('redo').addEventListener('click', () => store.redo());
  byId('export').addEventListener('click', () => store.exportFile());
  const input = byId('import-file');
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    input.value = '';
    if (file) store.importFile(file);
  });
  byId('scenario-select').addEventListener('change', (ev) => {
    store.switchScenario(/** @type {HTMLSelectElement} */ (ev.target).value);
  });
  store.subscribe('scenario', () => {
    byId('welcome').hidden = S.wb !== null;
    byId('workspace').hidden = S.wb === null;
    syncToolbar();
  });
  store.subscribe('data', syncToolbar);
  store.subscribe('library', () => { renderList(); syncToolbar(); if (byId('trash').open) renderTrash(); });
  byId('trash-close').addEventListener('click', () => byId('trash').close());
  return {
    /** Opens the file chooser of Import. */
    chooseFile() { byId('import-file').click(); },
    /** Opens the trash: the deleted scenarios, each with Restore and the day it goes for good. */
    showTrash() {
      renderTrash();
      const dialog = /** @type {HTMLDialogElement} */ (byId('trash'));
      if (!dialog.open) dialog.showModal();
    },
  };
}

const DAY_MS = 86_400_000;

function renderTrash() {
  const list = byId('trash-list');
  if (!S.trash.length) {
    replace(list, h('li', { class: 'muted', text: 'The trash is empty.' }));
    return;
  }
  replace(list, ...S.trash.map((e) => {
    const deleted = /** @type {number} */ (e.deleted);
    const purge = h('button', { type: 'button', class: 'small ghost danger', 'data-testid': 'trash-purge' }, 'Delete for good');
    // Two steps: the first click asks, the second deletes.
    purge.addEventListener('click', () => {
      if (purge.dataset.armed) { store.purgeScenario(e.id); return; }
      purge.dataset.armed = 'yes';
      purge.textContent = 'Click again to delete for good';
      setTimeout(() => { delete purge.dataset.armed; purge.textContent = 'Delete for good'; }, 5000);
    });
    return h('li', { class: 'trash-item', 'data-testid': 'trash-item', dataset: { scenarioId: e.id } },
      h('span', { class: 'trash-name', text: e.name }),
      h('span', { class: 'muted small-print', text: `deleted ${day(deleted)} · deleted for good on ${day(deleted + TRASH_DAYS * DAY_MS)}` }),
      h('span', { class: 'trash-actions' },
        h('button', { type: 'button', class: 'small', 'data-testid': 'trash-restore',
          onclick: () => { byId('trash').close(); store.restoreScenario(e.id); } }, 'Restore'),
        purge));
  }));
}

function renderList() {
  const sel = byId('scenario-select');
  replace(sel, ...S.scenarios.map((e) => h('option', { value: e.id, disabled: e.damaged ? true : null },
    e.damaged ? `${e.name} (damaged: ${e.damaged})` : e.name)));
  if (S.id) sel.value = S.id;
  sel.hidden = S.scenarios.length === 0;
}

/** Enables what applies now: undo and redo when there is something to undo or redo, the rest when a scenario is open. */
function syncToolbar() {
  const set = (id, disabled) => { const el = byId(id); if (el.disabled !== disabled) el.disabled = disabled; };
  set('undo', !(S.wb?.can_undo() || S.restorable));
  set('redo', !S.wb?.can_redo());
  set('export', !S.wb);
  for (const action of ['duplicate-scenario', 'rename-scenario', 'delete-scenario']) {
    const el = /** @type {HTMLButtonElement} */ (document.querySelector(`[data-action=${action}]`));
    if (el.disabled !== !S.wb) el.disabled = !S.wb;
  }
}
