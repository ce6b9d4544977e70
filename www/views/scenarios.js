// The top bar and the welcome panel: the saved scenarios' list, undo and redo, import and
// export, which of them (and of the scenario menu's items) apply now, and the welcome panel
// in place of the workspace when no scenario is open.

import { h, byId, replace } from '../lib/dom.js';

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
  store.subscribe('library', renderList);
  return {
    /** Opens the file chooser of Import. */
    chooseFile() { byId('import-file').click(); },
  };
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
  set('undo', !S.wb?.can_undo());
  set('redo', !S.wb?.can_redo());
  set('export', !S.wb);
  for (const action of ['duplicate-scenario', 'rename-scenario', 'delete-scenario']) {
    const el = /** @type {HTMLButtonElement} */ (document.querySelector(`[data-action=${action}]`));
    if (el.disabled !== !S.wb) el.disabled = !S.wb;
  }
}
