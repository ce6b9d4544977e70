// The accounts: one card per account (name, ARR, segment, strategic star) with its asks,
// each request's rank and score — what the PM tells the account manager. Redrawn when
// shown and after each change (a weight gesture: when it ends).

import { h, byId, replace } from '../lib/dom.js';
import { fmt } from '../lib/format.js';

/** @type {import('../store.js').Store} */ let store;
/** @type {Readonly<import('../store.js').State>} */ let S;

/** @param {import('../store.js').Store} theStore */
export function mount(theStore) {
  store = theStore;
  S = store.state;
  store.subscribe('view', () => { if (S.view === 'accounts') renderAccounts(); });
  store.subscribe('data', ({ live }) => { if (S.view === 'accounts' && !live) renderAccounts(); });
}

function renderAccounts() {
  const view = byId('view-accounts');
  const accounts = S.wb.accounts();
  if (!accounts.length) {
    replace(view, h('div', { class: 'empty-state' }, 'No accounts yet. Add them under “Accounts, teams & buckets”, then name them in requests\' asks.'));
    return;
  }
  accounts.sort((a, b) => b.arr - a.arr);
  replace(view, h('div', { class: 'cards' }, ...accounts.map((a) => h('article', { class: 'card' },
    h('h3', {}, a.strategic ? '★ ' : '', a.name),
    h('div', { class: 'meta', text: [`ARR ${fmt(a.arr)}`, a.segment, `${a.asks.length} ask${a.asks.length === 1 ? '' : 's'}`].filter(Boolean).join(' · ') }),
    a.asks.length
      ? h('ol', {}, ...a.asks.map((q) => h('li', {},
        h('span', { class: 'num', text: q.rank ? `#${q.rank}` : '–' }),
        h('span', { class: 't', title: `${q.title}${q.source ? ` — relayed by ${q.source}` : ''}` },
          h('button', { type: 'button', class: 'link', onclick: () => store.open(q.request) }, q.title),
          q.single_account ? h('span', { class: 'badge', title: 'Only this account asks for it', text: 'alone' }) : null),
        h('span', { class: 'num', text: q.score === null ? '' : fmt(q.score) }))))
      : h('p', { class: 'muted', text: 'No asks.' }),
    a.single_account ? h('p', { class: 'warning', text: `${a.single_account} request${a.single_account === 1 ? ' is' : 's are'} asked for by this account alone.` }) : null))));
}
