// The lists: accounts, the teams that relay asks (sources, with their credibility) and the
// portfolio buckets, as editable tables. Redrawn when shown and when the scenario changed.
// Bucket shares are in percent, as in the plan; a value the core refuses goes back to what
// it was (with the reason), never staying in its field looking accepted. Ids are fixed
// (requests refer to them), so they are text, not fields. Long lists are drawn a page at
// a time.

import { h, byId, replace, keepFocus } from '../lib/dom.js';
import { sharesProblem } from '../lib/format.js';

/** @type {import('../store.js').Store} */ let store;
/** @type {Readonly<import('../store.js').State>} */ let S;

/** Rows drawn per list at first; "show more" adds as many again. */
const PAGE = 50;
/** @type {Map<string, number>} list → rows shown */
const shownRows = new Map();

/** @param {import('../store.js').Store} theStore */
export function mount(theStore) {
  store = theStore;
  S = store.state;
  store.subscribe('view', () => { if (S.view === 'data') renderLists(); });
  store.subscribe('data', ({ structural }) => { if (S.view === 'data' && structural) renderLists(); });
  store.subscribe('scenario', () => shownRows.clear());
}

/**
 * @typedef {[string, string, 'text' | 'number' | 'checkbox' | 'percent' | 'id']} Column  key, header, kind
 */

function renderLists() {
  const m = S.model;
  if (!m) return;
  const view = byId('view-data');
  const currency = m.currency ? ` (${m.currency})` : '';
  keepFocus(view, () => replace(view, h('div', { class: 'data' },
    h('h2', {}, 'Accounts'),
    table('accounts', m.accounts ?? [], [
      ['id', 'Id', 'id'], ['name', 'Name', 'text'], ['arr', `ARR${currency}`, 'number'], ['segment', 'Segment', 'text'], ['strategic', 'Strategic', 'checkbox'],
    ], () => ({ id: freshId(m.accounts, 'account'), name: 'New account' })),
    h('h2', {}, 'Teams that relay asks (sources)'),
    table('sources', m.sources ?? [], [
      ['id', 'Id', 'id'], ['label', 'Label', 'text'], ['credibility', 'Credibility 0–1', 'number'],
    ], () => ({ id: freshId(m.sources, 'team'), label: 'New team', credibility: 1 })),
    h('h2', {}, 'Portfolio buckets'),
    table('buckets', m.buckets ?? [], [
      ['id', 'Id', 'id'], ['label', 'Label', 'text'], ['min_share', 'Min share (%)', 'percent'], ['max_share', 'Max share (%)', 'percent'],
    ], () => ({ id: freshId(m.buckets, 'bucket'), label: 'New bucket' }),
    'Shares are percents of the primary capacity, as in the plan.'))));
}

function freshId(list, base) {
  const ids = new Set((list ?? []).map((x) => x.id));
  let n = (list ?? []).length + 1;
  while (ids.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}

/** A field's value as the input shows it. */
function shown(item, key, kind) {
  const v = item[key];
  if (v === undefined || v === null) return '';
  return kind === 'percent' ? String(Math.round(v * 1000) / 10) : v;
}

/**
 * @param {import('../pkg/thresh.js').ListName} path @param {any[]} items @param {Column[]} cols
 * @param {() => object} fresh @param {string} [note]
 */
function table(path, items, cols, fresh, note) {
  const limit = shownRows.get(path) ?? PAGE;
  const error = h('p', { class: 'field-error', role: 'alert', 'data-testid': `${path}-error` });
  const body = items.slice(0, limit).map((item, index) => {
    const cells = cols.map(([key, label, kind]) => {
      if (kind === 'id') return h('td', {}, h('code', { class: 'fixed-id', title: 'Ids are fixed: requests refer to them', text: item.id }));
      const input = kind === 'checkbox'
        ? h('input', { type: 'checkbox', checked: Boolean(item[key]), 'aria-label': `${label} of ${item.id}` })
        : h('input', { type: kind === 'text' ? 'text' : 'number', step: kind === 'text' ? null : 'any',
          min: kind === 'percent' ? '0' : null, max: kind === 'percent' ? '100' : null,
          value: shown(item, key, kind), 'aria-label': `${label} of ${item.id}`, 'data-field': key });
      input.addEventListener('change', () => {
        const next = { ...item };
        if (kind === 'checkbox') next[key] = input.checked;
        else if (input.value === '') delete next[key];
        else next[key] = kind === 'number' ? Number(input.value) : kind === 'percent' ? Number(input.value) / 100 : input.value;
        const problem = path === 'buckets' ? sharesProblem(next.min_share, next.max_share) : null;
        error.textContent = '';
        input.removeAttribute('aria-invalid');
        store.change(() => { if (problem) throw new Error(problem); S.wb.put_item(path, index, JSON.stringify(next)); }, {
          onError: (message) => {
            // Back to what it was, and why it was refused, beside the table.
            if (kind === 'checkbox') input.checked = Boolean(item[key]);
            else input.value = String(shown(item, key, kind));
            input.setAttribute('aria-invalid', 'true');
            error.textContent = `${item.id}: not changed. ${message}`;
          },
        });
      });
      return h('td', {}, input);
    });
    return h('tr', { 'data-item-id': item.id }, ...cells, h('td', {}, h('button', { type: 'button', class: 'small ghost', 'aria-label': `Remove ${item.id}`,
      onclick: () => store.change(() => S.wb.remove_item(path, index), { what: `Removing ${item.id}` }) }, '✕')));
  });
  const add = h('button', { type: 'button', class: 'small ghost', 'data-testid': `add-${path}`, onclick: () => {
    const done = store.change(() => { S.wb.put_item(path, items.length, JSON.stringify(fresh())); return true; }, { what: 'Adding' });
    if (!done) return;
    if (items.length >= limit) shownRows.set(path, items.length + 1);
    renderLists();
    // The new row's first field has the focus.
    const rows = byId('view-data').querySelectorAll(`[data-list="${path}"] tbody tr`);
    /** @type {HTMLElement | null} */ (rows[rows.length - 1]?.querySelector('input'))?.focus();
  } }, '+ add');
  const more = items.length > limit
    ? h('button', { type: 'button', class: 'link small', onclick: () => { shownRows.set(path, limit + PAGE); renderLists(); } },
      `show ${Math.min(PAGE, items.length - limit)} more of ${items.length}`)
    : null;
  return h('div', { 'data-list': path },
    note ? h('p', { class: 'muted small-print', text: note }) : null,
    h('table', {}, h('thead', {}, h('tr', {}, ...cols.map(([, label]) => h('th', { text: label })), h('th', {}, h('span', { class: 'visually-hidden', text: 'Remove' })))), h('tbody', {}, ...body)),
    more, error, add);
}
