// The lists: accounts, the teams that relay asks (sources, with their credibility) and the
// portfolio buckets, as editable tables. Redrawn when shown and when the scenario changed.

import { h, byId, replace, keepFocus } from '../lib/dom.js';

/** @type {import('../store.js').Store} */ let store;
/** @type {Readonly<import('../store.js').State>} */ let S;

/** @param {import('../store.js').Store} theStore */
export function mount(theStore) {
  store = theStore;
  S = store.state;
  store.subscribe('view', () => { if (S.view === 'data') renderLists(); });
  store.subscribe('data', ({ structural }) => { if (S.view === 'data' && structural) renderLists(); });
}

function renderLists() {
  const m = S.model;
  const view = byId('view-data');
  keepFocus(view, () => replace(view, h('div', { class: 'data' },
    h('h2', {}, 'Accounts'),
    table('accounts', m.accounts ?? [], [
      ['id', 'Id', 'text'], ['name', 'Name', 'text'], ['arr', 'ARR', 'number'], ['segment', 'Segment', 'text'], ['strategic', 'Strategic', 'checkbox'],
    ], () => ({ id: freshId(m.accounts, 'account'), name: 'New account' })),
    h('h2', {}, 'Teams that relay asks (sources)'),
    table('sources', m.sources ?? [], [
      ['id', 'Id', 'text'], ['label', 'Label', 'text'], ['credibility', 'Credibility 0–1', 'number'],
    ], () => ({ id: freshId(m.sources, 'team'), label: 'New team', credibility: 1 })),
    h('h2', {}, 'Portfolio buckets'),
    table('buckets', m.buckets ?? [], [
      ['id', 'Id', 'text'], ['label', 'Label', 'text'], ['min_share', 'Min share', 'number'], ['max_share', 'Max share', 'number'],
    ], () => ({ id: freshId(m.buckets, 'bucket'), label: 'New bucket' })))));
}

function freshId(list, base) {
  const ids = new Set((list ?? []).map((x) => x.id));
  let n = (list ?? []).length + 1;
  while (ids.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}

function table(path, items, cols, fresh) {
  const body = items.map((item, index) => {
    const cells = cols.map(([key, label, type]) => {
      const input = type === 'checkbox'
        ? h('input', { type: 'checkbox', checked: Boolean(item[key]), 'aria-label': `${label} of ${item.id}` })
        : h('input', { type, step: type === 'number' ? 'any' : null, value: item[key] ?? '', 'aria-label': `${label} of ${item.id}`,
          readonly: key === 'id' ? true : null, title: key === 'id' ? 'Ids are fixed: requests refer to them' : null });
      input.addEventListener('change', () => {
        const next = { ...item };
        if (type === 'checkbox') next[key] = input.checked;
        else if (input.value === '') delete next[key];
        else next[key] = type === 'number' ? Number(input.value) : input.value;
        store.change(() => S.wb.put_item(path, index, JSON.stringify(next)), { what: `Changing ${item.id}` });
      });
      return h('td', {}, input);
    });
    return h('tr', {}, ...cells, h('td', {}, h('button', { type: 'button', class: 'small ghost', 'aria-label': `Remove ${item.id}`,
      onclick: () => store.change(() => S.wb.remove_item(path, index), { what: `Removing ${item.id}` }) }, '✕')));
  });
  return h('div', {},
    h('table', {}, h('thead', {}, h('tr', {}, ...cols.map(([, label]) => h('th', { text: label })), h('th', {}))), h('tbody', {}, ...body)),
    h('button', { type: 'button', class: 'small ghost', onclick: () => store.change(() => S.wb.put_item(path, items.length, JSON.stringify(fresh())), { what: 'Adding' }) }, '+ add'));
}
