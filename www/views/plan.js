// The plan view: the best set of requests within the capacity and the portfolio shares,
// computed by Rust in a Web Worker (the page never freezes; a long search shows progress
// and can be cancelled), with what each change displaced and added. The latest plan is
// handed to the store, so the accounts view can say which asks are in the quarter's plan;
// it is made while either view is shown. When no plan fits, the capacity and bucket
// controls stay on screen beside the message, with what the must requests alone use.

import { h, byId, replace, keepFocus } from '../lib/dom.js';
import { banner } from '../notices.js';
import { fmt, PIN_CHOICES, percent, sharesProblem } from '../lib/format.js';

/** @type {import('../store.js').Store} */ let store;
/** @type {Readonly<import('../store.js').State>} */ let S;

/** @type {Worker | null} */ let worker = null;
/** Where the worker's script is (beside the page, or a blob: URL in the one-file page). */
let workerUrl = '';
let job = 0;
let debounce = 0;
/** The plan on screen: its report, and the scenario state it was made for. */
const P = {
  /** @type {any} */ report: null,
  /** The planner's solution the report was made from. @type {any} */ solution: null,
  /** @type {{selected: string[], value: number} | null} */ previous: null,
  /** @type {any} */ error: null,
  running: false,
  started: 0,
  /** @type {{nodes: number, best: number | null, bound: number} | null} */ progress: null,
  /** The last search's time inside the worker, in ms (the solve alone). */
  solveMs: 0,
  key: '',
  /** Called with each finished plan (benchmarks and tests wait on it). @type {((r: any) => void)[]} */
  waiting: [],
};

/**
 * Mounts the plan view: it plans whenever it is shown and after every change while it is
 * (during a weight gesture the plan is asked for, debounced, and drawn when it arrives).
 * Returns what the benchmark hooks need of it.
 * @param {import('../store.js').Store} theStore
 * @param {{workerUrl: string}} options
 */
export function mount(theStore, options) {
  store = theStore;
  workerUrl = options.workerUrl;
  S = store.state;
  store.subscribe('scenario', resetPlan);
  store.subscribe('view', () => {
    if (S.view === 'plan') renderPlan();
    requestPlan();
  });
  store.subscribe('data', ({ live }) => {
    if (!planned()) return;
    if (!live && S.view === 'plan') renderPlan();
    requestPlan();
  });
  return { nextPlan };
}

/** Whether a plan is wanted now: the plan view, or the accounts view (which marks what is in it). */
function planned() {
  return S.view === 'plan' || S.view === 'accounts';
}

/** Hands the plan on screen (or why there is none) to the store, for the other views. */
function publish() {
  if (P.error && P.error.kind !== 'cancelled') store.setPlan(null, inWords(P.error.messages.join(' ')));
  else store.setPlan(P.report && !P.error ? P.report : null, null, P.solution);
}

/**
 * Resolves with the next finished plan or error: `{report, error, ms, solveMs}` — `ms` from
 * the request to the report, `solveMs` the search alone, in the worker.
 */
function nextPlan() {
  return new Promise((resolve) => P.waiting.push(resolve));
}

function startWorker() {
  worker = new Worker(workerUrl, { type: 'module' });
  worker.onmessage = (ev) => {
    const msg = ev.data;
    if (msg.id !== job) return; // an answer to a plan that was replaced
    if (msg.progress) {
      P.progress = msg.progress;
      renderStatus();
      return;
    }
    P.running = false;
    P.progress = null;
    const ms = performance.now() - P.started;
    if (msg.error) {
      P.error = msg.error;
    } else if (P.key !== `${S.id}|${S.pulls}`) {
      // The scenario changed while the worker searched: its solution is for another
      // problem. A new plan has been asked for already.
      return;
    } else {
      P.solveMs = msg.ms;
      try {
        const report = S.wb.plan_report(msg.solution, P.previous);
        P.report = report;
        P.solution = msg.solution;
        P.error = null;
        P.previous = { selected: report.selected, value: report.value };
      } catch (e) {
        P.error = { kind: 'invalid', messages: [String(e?.message ?? e)] };
      }
    }
    publish();
    // Drawn in a task of its own: reading the report (Rust) and drawing a long list would
    // otherwise hold the page in one piece.
    setTimeout(() => {
      if (S.view === 'plan') renderPlan();
      for (const resolve of P.waiting.splice(0)) resolve({ report: P.report, error: P.error, ms, solveMs: P.solveMs });
    }, 0);
  };
}

/** Stops a running search by stopping its worker (a new one starts on demand); true if one ran. */
function stopWorker() {
  if (!P.running) return false;
  worker?.terminate();
  worker = null;
  P.running = false;
  P.progress = null;
  job++;
  return true;
}

/** Cancels a running search; the last plan completed stays on screen. */
function cancelPlan() {
  if (!stopWorker()) return;
  P.error = { kind: 'cancelled', messages: ['Planning was cancelled. The plan shown is the last one completed.'] };
  renderPlan();
}

/** Asks for a plan of the scenario as it is now (debounced; a newer request replaces an older one). */
function requestPlan() {
  if (!S.wb || !planned()) return;
  const key = `${S.id}|${S.pulls}`;
  if (key === P.key && (P.report || P.error) && !P.running) return;
  P.key = key;
  clearTimeout(debounce);
  debounce = window.setTimeout(() => {
    if (P.running) {
      worker?.terminate();
      worker = null;
    }
    if (!worker) startWorker();
    job++;
    P.running = true;
    P.progress = null;
    P.started = performance.now();
    let instance;
    try {
      instance = S.wb.plan_instance();
    } catch (e) {
      P.running = false;
      P.error = { kind: typeof e?.kind === 'string' ? e.kind : 'invalid', messages: String(e?.message ?? e).split('\n') };
      publish();
      if (S.view === 'plan') renderPlan();
      for (const resolve of P.waiting.splice(0)) resolve({ report: P.report, error: P.error, ms: 0, solveMs: 0 });
      return;
    }
    const buffers = [instance.values, instance.efforts, instance.amounts, instance.bucket_of, instance.bucket_bounds, instance.pins].map((a) => a.buffer);
    /** @type {Worker} */ (worker).postMessage({ id: job, instance, maxNodes: 0 }, buffers);
    window.setTimeout(renderStatus, 300);
  }, 120);
}

/** Forgets the plan (another scenario is open): it is made again when the view is shown. */
function resetPlan() {
  listLimit = LIST_PAGE;
  stopWorker();
  clearTimeout(debounce);
  P.report = null;
  P.solution = null;
  P.previous = null;
  P.error = null;
  P.key = '';
}

/**
 * A planner message with buckets and criteria named by their labels (the planner knows
 * only ids): `bucket "growth"` becomes `New revenue (bucket "growth")`, a capacity
 * `"effort"` its criterion's label.
 * @param {string} message
 */
function inWords(message) {
  let text = message;
  for (const b of S.model.buckets ?? []) {
    if (b.label) text = text.split(`bucket "${b.id}"`).join(`${b.label} (bucket "${b.id}")`);
  }
  for (const c of S.model.criteria) text = text.split(`"${c.id}"`).join(c.label);
  return text;
}

function renderStatus() {
  const el = document.getElementById('plan-status');
  if (!el) return;
  if (!P.running) { replace(el); return; }
  const p = P.progress;
  replace(el, h('span', { class: 'muted', role: 'status' },
    p ? `Planning… ${fmt(p.nodes)} steps; best value so far ${p.best === null ? '—' : fmt(p.best, 2)}, at most ${fmt(p.bound, 2)}`
      : 'Planning…'),
  h('button', { type: 'button', class: 'small ghost', onclick: cancelPlan }, 'Cancel'));
}

// ----- the view -----

function renderPlan() {
  const view = byId('view-plan');
  if (!S.wb || !S.model) return;
  const m = S.model;
  const capacity = Array.isArray(m.capacity) ? m.capacity : m.capacity ? [m.capacity] : [];
  const costCriteria = m.criteria.filter((c) => c.direction === 'cost');
  const r = P.report;

  const capacityEditor = h('div', { class: 'capacity-editor' },
    h('h2', {}, 'Capacity'),
    ...capacity.map((c, index) => {
      const sel = h('select', { 'aria-label': `Resource ${index + 1}: cost criterion` },
        ...costCriteria.map((k) => h('option', { value: k.id, selected: k.id === c.criterion ? true : null }, k.label)));
      const amount = h('input', { type: 'number', min: '0', step: 'any', value: c.amount, 'aria-label': `Resource ${index + 1}: amount available`,
        'data-testid': `capacity-${index}` });
      const apply = () => store.change(() => S.wb.put_item('capacity', index, JSON.stringify({ ...c, criterion: sel.value, amount: Number(amount.value) })),
        { what: 'Changing the capacity' });
      sel.addEventListener('change', apply);
      amount.addEventListener('change', apply);
      return h('div', { class: 'field-row' }, sel, amount,
        index === 0 ? h('span', { class: 'muted small-print' }, 'primary: bucket shares are of this') : null,
        h('button', { type: 'button', class: 'small ghost', 'aria-label': `Remove resource ${index + 1}`,
          onclick: () => store.change(() => S.wb.remove_item('capacity', index), { what: 'Removing the resource' }) }, '✕'));
    }),
    costCriteria.length
      ? h('button', { type: 'button', class: 'small ghost', onclick: () => {
        const used = new Set(capacity.map((c) => c.criterion));
        const free = costCriteria.find((k) => !used.has(k.id));
        if (!free) { store.change(() => { throw new Error('Every cost criterion already has a capacity. Add a cost criterion (e.g. "frontend weeks") first.'); }, { what: 'Adding a resource' }); return; }
        store.change(() => S.wb.put_item('capacity', capacity.length, JSON.stringify({ criterion: free.id, amount: 10 })), { what: 'Adding a resource' });
      } }, '+ resource')
      : h('p', { class: 'muted' }, 'Add a cost criterion (effort) to plan against.'));

  // While a new plan is being made, or when there is none, the last plan is not shown as
  // current: no ticks, no bars, no "optimal".
  const current = r && !P.error ? r : null;
  const parts = [h('div', { class: 'plan-top' }, capacityEditor, summary(current)), h('div', { id: 'plan-status', class: 'plan-status' })];
  if (P.error && P.error.kind !== 'cancelled') {
    parts.push(h('div', { class: 'score-error', role: 'alert', 'data-testid': 'plan-error' },
      h('strong', { text: P.error.kind === 'infeasible' ? 'No plan satisfies the constraints. ' : 'No plan. ' }),
      P.error.messages.map(inWords).join('\n'),
      P.error.kind === 'infeasible' ? '\nChange them here: raise a capacity or a bucket\'s maximum below, lower a minimum, or unpin a must request in the list.' : ''));
  } else if (P.error) {
    parts.push(h('p', { class: 'muted', text: P.error.messages.join(' ') }));
  }
  if (current) {
    if (current.displaced.length || current.added.length) parts.push(lastChange(current));
    parts.push(bars(current));
  } else if (capacity.length) {
    // No plan (none fits, or one is being made): the controls stay, with what the must
    // requests alone use, so the PM can see what to change.
    parts.push(bars(mustsOnly(capacity)));
  }
  // The list stays (its pins are how a PM gets out of an impossible plan), without marks
  // when there is no current plan.
  if (S.order.length) {
    parts.push(h('p', { class: 'muted small-print value-note', 'data-testid': 'value-note' },
      '* Value: a request\'s score on the benefit criteria alone (its cost left out). The plan picks the requests whose values add up to the most within the capacity and the bucket shares.'));
    parts.push(planList(current));
  }
  const old = view.querySelector('.plan-view');
  const scroll = old ? old.scrollTop : 0;
  // Focusable so that keyboard users can scroll it.
  keepFocus(view, () => replace(view, h('div', { class: `plan-view${P.running ? ' stale' : ''}`, tabindex: '0', 'aria-label': 'The plan',
    'aria-busy': P.running ? 'true' : null }, ...parts)));
  const fresh = view.querySelector('.plan-view');
  if (fresh && scroll) fresh.scrollTop = scroll;
  renderStatus();
}

function summary(r) {
  if (!r) return h('div', { class: 'plan-summary muted' }, P.running ? 'Making the plan…' : P.error ? 'No plan.' : 'No plan yet.');
  return h('div', { class: 'plan-summary' },
    h('div', { class: 'big', text: `${r.selected.length} of ${S.requests.length} requests` }),
    h('div', {}, `total value ${fmt(r.value, 1)}`,
      P.running ? h('span', { class: 'badge', text: 'updating…' })
        : r.optimal ? h('span', { class: 'badge ok', title: 'No plan within the constraints is worth more.' }, 'optimal')
        : h('span', { class: 'badge overdue', title: r.notes.join(' ') }, `within ${fmt(100 * (r.upper_bound - r.value) / Math.max(1e-9, Math.abs(r.upper_bound)), 2)}% of optimal`)));
}

function lastChange(r) {
  const name = (id) => `${id} ${S.requests.find((q) => q.id === id)?.title ?? ''}`.trim();
  return h('div', { class: 'plan-change', 'data-testid': 'plan-change', role: 'status' },
    h('strong', {}, 'Last change: '),
    r.displaced.length ? h('span', {}, 'displaced ', h('span', { class: 'out', 'data-testid': 'displaced', text: r.displaced.map(name).join(', ') }), '; ') : 'displaced nothing; ',
    r.added.length ? h('span', {}, 'added ', h('span', { class: 'in', 'data-testid': 'added', text: r.added.map(name).join(', ') })) : 'added nothing',
    `; value ${r.value_change >= 0 ? '+' : ''}${fmt(r.value_change, 1)}.`);
}

/**
 * The bars' figures without a plan: each capacity and bucket with what the must requests
 * alone use (from the scenario's own numbers), in the report's shape.
 */
function mustsOnly(capacity) {
  const k = S.k;
  const criteria = S.model.criteria;
  const effort = (i, id) => S.raw[i * k + criteria.findIndex((c) => c.id === id)];
  const musts = [];
  S.requests.forEach((q, i) => { if (q.plan === 'must' && S.ranks[i] > 0) musts.push(i); });
  const primary = capacity[0];
  const cap = capacity.map((c) => ({ criterion: c.criterion, label: criteria.find((x) => x.id === c.criterion)?.label ?? c.criterion,
    amount: c.amount, used: musts.reduce((sum, i) => sum + effort(i, c.criterion), 0) }));
  const bucket_use = (S.model.buckets ?? []).map((b) => {
    const used = musts.filter((i) => S.requests[i].bucket === b.id).reduce((sum, i) => sum + effort(i, primary.criterion), 0);
    const min_share = b.min_share ?? 0;
    const max_share = b.max_share ?? 1;
    return { id: b.id, label: b.label ?? b.id, used, min: min_share * primary.amount, max: max_share * primary.amount, min_share, max_share };
  });
  return { capacity: cap, bucket_use, mustsOnly: true };
}

function bars(r) {
  const rows = [];
  if (r.mustsOnly) {
    rows.push(h('p', { class: 'muted small-print bars-note', text: 'Without a plan, the bars show what the must requests alone use.' }));
  }
  for (const c of r.capacity) {
    const pct = c.amount > 0 ? (100 * c.used) / c.amount : 0;
    rows.push(h('div', { class: 'plan-bar' },
      h('span', { class: 'cell', text: c.label }),
      h('span', { class: 'track', role: 'meter', 'aria-valuemin': '0', 'aria-valuemax': String(c.amount), 'aria-valuenow': String(c.used), 'aria-label': `${c.label} used` },
        h('span', { class: 'fill', style: `width:${Math.min(100, pct)}%` })),
      h('span', { class: 'num', text: `${fmt(c.used, 1)} of ${fmt(c.amount, 1)} (${fmt(pct, 0)}%)` })));
  }
  if (r.bucket_use.length) {
    // What the two numbers beside each bucket are.
    rows.push(h('div', { class: 'plan-bar-head', 'aria-hidden': 'true' },
      h('span', { class: 'cell bucket-targets' }, h('span', { class: 'cell' }), h('span', { class: 'share-head', text: 'min %' }), h('span', { class: 'share-head', text: 'max %' })),
      h('span', {}), h('span', {})));
  }
  r.bucket_use.forEach((b, index) => {
    const primary = r.capacity[0]?.amount || 1;
    const pct = (100 * b.used) / primary;
    const ok = b.used >= b.min - 1e-9 && b.used <= b.max + 1e-9;
    rows.push(h('div', { class: 'plan-bar' },
      h('span', { class: 'cell bucket-targets' }, h('span', { class: 'cell', text: b.label }),
        shareInput(index, 'min_share', b.min_share, `${b.label}: minimum share (%)`),
        shareInput(index, 'max_share', b.max_share, `${b.label}: maximum share (%)`)),
      h('span', { class: 'track', role: 'meter', 'aria-valuemin': '0', 'aria-valuemax': String(primary), 'aria-valuenow': String(b.used), 'aria-label': `${b.label} share` },
        h('span', { class: `fill bucket${ok ? '' : ' bad'}`, style: `width:${Math.min(100, pct)}%` }),
        b.min_share > 0 ? h('span', { class: 'marker', style: `left:${100 * b.min_share}%`, title: `minimum ${fmt(100 * b.min_share, 0)}%` }) : null,
        b.max_share < 1 ? h('span', { class: 'marker', style: `left:${100 * b.max_share}%`, title: `maximum ${fmt(100 * b.max_share, 0)}%` }) : null),
      h('span', { class: 'num', text: `${percent(pct / 100)} · target ${percent(b.min_share)}–${percent(b.max_share)}` })));
  });
  return h('div', { class: 'plan-bars', 'data-testid': 'plan-bars' }, ...rows);
}

/** A bucket's minimum or maximum share, edited in percent beside its bar. */
function shareInput(index, key, share, label) {
  const input = h('input', { type: 'number', min: '0', max: '100', step: '1', value: Math.round(1000 * share) / 10, 'aria-label': label,
    title: label, 'data-testid': `bucket-${index}-${key}` });
  input.addEventListener('change', () => {
    const bucket = { ...(S.model.buckets ?? [])[index] };
    if (input.value === '') delete bucket[key];
    else bucket[key] = Number(input.value) / 100;
    const name = bucket.label ?? bucket.id;
    const problem = sharesProblem(bucket.min_share, bucket.max_share);
    store.change(() => { if (problem) throw new Error(problem); return S.wb.put_item('buckets', index, JSON.stringify(bucket)); }, {
      onError: (message) => {
        // A refused share never stays in the field looking accepted.
        input.value = String(Math.round(1000 * share) / 10);
        banner('edit', `${name}: that share was not set; it is back to ${percent(share)}.`, message);
      },
    });
  });
  return input;
}

/** Rows of the plan's list drawn at first; "show more" adds as many again. */
const LIST_PAGE = 100;
let listLimit = LIST_PAGE;

/** The ranking with plan marks; `r` null shows it without a plan (being made, or none). */
function planList(r) {
  // By id: the plan may have been made before requests moved.
  const chosen = new Set(r ? r.selected : []);
  const skipped = new Map(r ? r.skipped.map((s) => [s.id, s.reason]) : []);
  let lastRank = 0;
  S.requests.forEach((q, i) => { if (chosen.has(q.id) && S.ranks[i] > lastRank) lastRank = S.ranks[i]; });
  if (!r) lastRank = Infinity;
  const capacity = Array.isArray(S.model.capacity) ? S.model.capacity[0] : S.model.capacity;
  const effortK = S.model.criteria.findIndex((c) => c.id === capacity?.criterion);
  const bucketLabel = new Map((S.model.buckets ?? []).map((b) => [b.id, b.label ?? b.id]));
  const rows = [];
  let cutDrawn = false;
  let shown = 0;
  for (const i of S.order) {
    if (S.ranks[i] > lastRank && !cutDrawn) {
      cutDrawn = true;
      rows.push(h('li', { class: 'cut-line', 'data-testid': 'cut-line' },
        h('span', { text: `cut line — ${chosen.size} requests above it fit the quarter` })));
    }
    if (shown++ >= listLimit) {
      rows.push(h('li', { class: 'muted more' }, `… and ${(S.order.length - listLimit).toLocaleString()} more below. `,
        h('button', { type: 'button', class: 'link small', onclick: () => { listLimit += LIST_PAGE; renderPlan(); } }, `show ${LIST_PAGE} more`)));
      break;
    }
    const q = S.requests[i];
    const inPlan = chosen.has(q.id);
    const pin = h('select', { 'aria-label': `Plan ${q.id}`, 'data-testid': 'pin', 'data-request-id': q.id },
      ...PIN_CHOICES.map(([v, t]) => h('option', { value: v, selected: (q.plan ?? '') === v ? true : null }, t)));
    pin.addEventListener('change', () => setPin(i, pin.value));
    rows.push(h('li', { class: `plan-row${inPlan ? ' in' : ''}${skipped.has(q.id) ? ' skipped' : ''}`, 'data-testid': 'plan-row', 'data-request-id': q.id, 'data-in-plan': String(inPlan) },
      h('span', { class: 'rank', text: String(S.ranks[i]) }),
      h('span', { class: 'mark', title: inPlan ? 'in the plan' : 'not in the plan' },
        h('span', { 'aria-hidden': 'true', text: inPlan ? '✓' : '' }),
        h('span', { class: 'visually-hidden', text: inPlan ? 'in the plan' : 'not in the plan' })),
      h('span', { class: 'title-cell' },
        h('button', { type: 'button', class: 'link title-text', onclick: () => store.open(i) }, q.title),
        h('span', { class: 'rid', text: q.id })),
      h('span', { class: 'bucket', text: q.bucket ? bucketLabel.get(q.bucket) ?? q.bucket : '—' }),
      h('span', { class: 'why', text: skipped.get(q.id) ?? '' }),
      h('span', { class: 'num', title: 'effort', text: effortK >= 0 ? fmt(S.raw[i * S.k + effortK], 1) : '' }),
      h('span', { class: 'num', title: 'value', text: fmt(S.values[i], 1) }),
      pin));
  }
  return h('ol', { class: 'plan-list', 'aria-label': 'Requests in rank order, the plan above the cut line' },
    h('li', { class: 'plan-row head', 'aria-hidden': 'true' },
      h('span', { class: 'rank', text: '#' }), h('span', {}), h('span', { text: 'Request' }), h('span', { class: 'bucket', text: 'Bucket' }), h('span', { class: 'why', text: 'Why not in the plan' }),
      h('span', { class: 'num', text: effortK >= 0 ? S.model.criteria[effortK].label : 'Effort' }), h('span', { class: 'num', text: 'Value*' }), h('span', { text: 'Pin' })),
    ...rows);
}

/** Pins a request (must / never / free): an ordinary, undoable edit of its `plan`. */
function setPin(i, value) {
  store.change(() => S.wb.set_pin(i, value || undefined), { what: `Pinning ${S.requests[i].id}` });
}
