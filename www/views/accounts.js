// The accounts: one card per account (name, ARR in the scenario's currency, segment,
// strategic star) with its best-ranked asks — each request's rank, score, and whether it is
// in the quarter's plan — what the PM tells the account manager. Rust orders the accounts
// (the largest ARR first) and aggregates a page of them at a time (each with its few best
// asks and how many it has in all); the page asks for the next page as the PM scrolls, so a
// scenario of 100,000 requests opens as fast as a small one. Redrawn when shown, after each
// change, and when a new plan arrives.

import { h, byId, replace } from '../lib/dom.js';
import { fmt, money } from '../lib/format.js';

/** @type {import('../store.js').Store} */ let store;
/** @type {Readonly<import('../store.js').State>} */ let S;

/** Asks shown per card at first; "all N asks" shows the rest. */
const TOP = 6;
/** Cards drawn at a time. */
const BATCH = 24;

/** How many accounts there are, and how many cards are drawn. */
let total = 0;
let drawn = 0;
/** Accounts whose every ask is shown (by id). */
const expanded = new Set();
/** @type {IntersectionObserver | null} */ let more = null;

/** @param {import('../store.js').Store} theStore */
export function mount(theStore) {
  store = theStore;
  S = store.state;
  store.subscribe('view', () => { if (S.view === 'accounts') renderAccounts(); });
  store.subscribe('data', ({ live }) => { if (S.view === 'accounts' && !live) renderAccounts(); });
  store.subscribe('plan', () => { if (S.view === 'accounts') markPlan(); });
  store.subscribe('scenario', () => expanded.clear());
}

function renderAccounts() {
  const view = byId('view-accounts');
  if (!S.wb) return;
  const old = view.querySelector('.cards');
  const scroll = old ? old.scrollTop : 0;
  const keep = Math.max(drawn, BATCH);
  total = S.wb.account_count();
  if (!total) {
    replace(view, h('div', { class: 'empty-state' }, 'No accounts yet. Add them under “Accounts, teams & buckets”, then name them in requests\' asks.'));
    return;
  }
  const cards = h('div', { class: 'cards', tabindex: '0', 'aria-label': 'Accounts, the largest ARR first' });
  replace(view, h('p', { class: 'view-note muted small-print', 'data-testid': 'accounts-note', text: note() }), cards);
  drawn = 0;
  drawMore(cards, keep);
  cards.scrollTop = scroll;
}

/** What the cards show, and what the plan column says. */
function note() {
  const plan = S.plan;
  const planWords = !plan || plan.pulls !== S.pulls ? 'In plan: the quarter\'s plan is being made…'
    : plan.problem ? `No plan: ${plan.problem}`
      : 'In plan: ✓ in this quarter\'s plan (from the Plan tab\'s capacity and shares).';
  return `${total.toLocaleString()} account${total === 1 ? '' : 's'}, the largest ARR first; each with its best-ranked asks. ${planWords}`;
}

/** Draws the next `count` cards, and a marker that draws more when it scrolls into view. */
function drawMore(cards, count = BATCH) {
  cards.querySelector('.more-cards')?.remove();
  const page = S.wb.accounts(TOP, drawn, Math.min(count, total - drawn));
  for (const a of page) cards.append(card(a));
  drawn += page.length;
  if (drawn < total) {
    const button = h('button', { type: 'button', class: 'ghost more-cards', onclick: () => drawMore(cards) },
      `Show more accounts (${(total - drawn).toLocaleString()} more)`);
    cards.append(button);
    more?.disconnect();
    more = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) { more?.disconnect(); drawMore(cards); }
    }, { root: cards, rootMargin: '400px' });
    more.observe(button);
  }
}

/** @param {import('../pkg/thresh.js').AccountView} a */
function card(a) {
  let list = a;
  if (expanded.has(a.id) && a.asks.length < a.asks_total) list = S.wb.account(a.index) ?? a;
  const currency = S.model.currency ?? null;
  const arr = h('span', { class: 'arr', 'data-testid': 'arr', title: currency ? `ARR in ${currency}` : 'ARR (set the scenario\'s currency in the model panel)', text: `ARR ${money(a.arr, currency)}` });
  const asks = list.asks;
  return h('article', { class: 'card', 'data-testid': 'account-card', 'data-account-id': a.id },
    h('h3', {}, a.strategic ? h('span', { class: 'star', title: 'strategic account', 'aria-label': 'strategic' }, '★ ') : null, a.name),
    h('div', { class: 'meta' }, arr, ...[a.segment, `${a.asks_total} ask${a.asks_total === 1 ? '' : 's'}`].filter(Boolean).map((t) => ` · ${t}`)),
    asks.length
      ? h('table', { class: 'asks-table' },
        h('thead', {}, h('tr', {},
          h('th', { class: 'num', scope: 'col', title: 'Rank in the ranking' }, '#'),
          h('th', { scope: 'col' }, 'Request'),
          h('th', { class: 'num', scope: 'col' }, 'Score'),
          h('th', { scope: 'col', title: 'Whether it is in this quarter\'s plan' }, 'In plan'))),
        h('tbody', {}, ...asks.map((q) => h('tr', { 'data-request-id': q.id },
          h('td', { class: 'num', text: q.rank ? `#${q.rank}` : '–' }),
          h('td', { class: 't' },
            h('button', { type: 'button', class: 'link', title: q.source ? `relayed by ${q.source}` : null, onclick: () => store.open(q.request) }, q.title),
            q.single_account ? h('span', { class: 'badge', title: 'Only this account asks for it', text: 'alone' }) : null),
          h('td', { class: 'num', text: q.score === null ? '–' : fmt(q.score) }),
          planCell(q)))))
      : h('p', { class: 'muted', text: 'No asks.' }),
    a.asks_total > asks.length || expanded.has(a.id)
      ? h('button', { type: 'button', class: 'link small', onclick: (/** @type {Event} */ ev) => {
        if (expanded.has(a.id)) expanded.delete(a.id); else expanded.add(a.id);
        /** @type {HTMLElement} */ (ev.target).closest('.card')?.replaceWith(card(a));
      } }, expanded.has(a.id) ? 'fewer asks' : `all ${a.asks_total} asks`)
      : null,
    a.single_account ? h('p', { class: 'warning', text: `${a.single_account} request${a.single_account === 1 ? ' is' : 's are'} asked for by this account alone.` }) : null);
}

/** A new plan arrived: the plan column and the note say so (nothing else changed). */
function markPlan() {
  const view = byId('view-accounts');
  const noteEl = view.querySelector('.view-note');
  if (noteEl) noteEl.textContent = note();
  for (const cell of view.querySelectorAll('td.plan-mark')) {
    const d = /** @type {HTMLElement} */ (cell).dataset;
    const [text, cls] = planMark(/** @type {string} */ (d.id), /** @type {string} */ (d.status), d.pin || null);
    cell.textContent = text;
    cell.className = cls;
  }
}

/** Whether the ask's request is in the quarter's plan, or why not. */
function planCell(q) {
  const [text, cls] = planMark(q.id, q.status, q.pin);
  return h('td', { class: cls, 'data-testid': 'in-plan', dataset: { id: q.id, status: q.status, pin: q.pin ?? '' }, text });
}

/** @param {string} id @param {string} status @param {string | null} pin @returns {[string, string]} */
function planMark(id, status, pin) {
  const plan = S.plan;
  let text = '';
  let cls = 'plan-mark';
  if (status === 'done' || status === 'declined') text = status;
  else if (pin === 'never') text = 'never';
  // A plan made before the last change is not this scenario's: it is being made again.
  else if (!plan || plan.pulls !== S.pulls) text = '…';
  else if (plan.problem) text = '—';
  else if (plan.ids.has(id)) { text = '✓ in plan'; cls += ' in'; }
  else text = 'not this quarter';
  return [text, cls];
}
