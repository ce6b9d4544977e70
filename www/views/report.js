// What leaves Thresh for the meeting (sharing-v1 §5, §7): "Export as CSV" of the view
// shown — the ranking, the plan or the accounts, written by Rust (thresh::sheet::export)
// from the page's own table and scores, in the style of the PM's locale (`;` and a decimal
// comma where 1.5 is written 1,5) or the other — and "Print / PDF", which prints a report,
// not the app: the scenario's name and date, the weights, the ranking with score bars and
// the top requests' one-line explanations, the plan with its capacity and bucket bars and
// what it leaves out and why, and how sure the ranking is when that has been worked out.
//
// The plan of the report is the plan view's when it has one for the scenario as it is
// (the store holds its solution); otherwise it is made like the plan view's, by the
// planner in a Web Worker (plan-worker.js), and kept while the scenario does not change.
//
// The robustness hook: the report prints `store.state.robust` when it is set — a
// RobustSummary (below), put there by the "How sure?" panel when it has run. A summary
// computed before the last change (its `pulls` is not the store's) is printed with a note
// saying so. Nothing else is needed: the report reads it when it is printed.

import { h, byId, replace, download } from '../lib/dom.js';
import { fmt, slug, criterionColour, day } from '../lib/format.js';
import { csvStyles } from '../lib/sheets.js';
import { banner, clearBanner } from '../notices.js';
import { FLAG_NAMES } from '../store.js';

/**
 * What "How sure?" found, for the report (see the module's comment).
 * @typedef {object} RobustSummary
 * @property {number} pulls  `store.state.pulls` when it was computed
 * @property {string} [settings]  how it was run, e.g. "10,000 samples, weights ±25 %, top 10"
 * @property {string[]} findings  sentences, most important first (e.g. Rust's words for the
 *   decisive weight, the top set's and the first place's tipping points)
 * @property {{id: string, title: string, rank: number, p_top: number, rank_p05?: number,
 *   rank_p95?: number, p_plan?: number}[]} [requests]  the top requests' figures (p_top,
 *   p_plan: fractions 0–1)
 */

/** @type {import('../store.js').Store} */ let store;
/** @type {Readonly<import('../store.js').State>} */ let S;
let workerUrl = '';

/** Requests in the report's ranking, and how many of them get their explanation. */
const REPORT_RANKED = 30;
const REPORT_EXPLAINED = 10;
/** Requests listed as left out of the plan, with why. */
const REPORT_LEFT_OUT = 15;

/** @type {HTMLElement} */ let actions;
/** @type {HTMLElement} */ let exportButton;
/** @type {HTMLElement} */ let exportMenu;
/** @type {HTMLElement} */ let report;

/**
 * Mounts the view actions (Export as CSV, Print / PDF) beside the view tabs, and the
 * report that only printing shows.
 * @param {import('../store.js').Store} theStore
 * @param {{workerUrl: string}} options
 */
export function mount(theStore, options) {
  store = theStore;
  S = store.state;
  workerUrl = options.workerUrl;
  buildActions();
  report = h('div', { id: 'report', class: 'report', 'data-testid': 'report' });
  document.body.append(report);
  store.subscribe('view', syncActions);
  store.subscribe('scenario', () => { plan.key = ''; plan.solution = null; syncActions(); });
  // Printing from the browser's menu (Ctrl+P): the report as it can be made at once —
  // with the plan when one is known for the scenario as it is.
  window.addEventListener('beforeprint', () => { if (!printing) renderReport(knownSolution(), true); });
  return {
    /** Makes the report (planning first) and opens the browser's print dialog. */
    print: printReport,
    /** Makes the report without printing (tests look at it under print media). */
    prepare: () => prepareReport(),
  };
}

// ----- the actions -----

function buildActions() {
  const [mine, other] = csvStyles();
  const item = (style, testid, note) => h('button', { type: 'button', role: 'menuitem', 'data-testid': testid,
    onclick: () => { closeMenu(); exportCsv(style); } },
  h('span', {}, style.label), note ? h('span', { class: 'muted small-print' }, note) : null);
  exportMenu = h('div', { class: 'menu export-menu', role: 'menu', hidden: true },
    item(mine, mine.decimalComma ? 'export-csv-comma' : 'export-csv-point', 'for spreadsheets set to your language'),
    item(other, other.decimalComma ? 'export-csv-comma' : 'export-csv-point', null));
  exportButton = h('button', { type: 'button', class: 'small ghost', 'data-testid': 'export-csv', 'aria-haspopup': 'true', 'aria-expanded': 'false' }, 'Export as CSV ▾');
  exportButton.addEventListener('click', () => {
    const open = exportMenu.hidden;
    exportMenu.hidden = !open;
    exportButton.setAttribute('aria-expanded', String(open));
    if (open) /** @type {HTMLElement} */ (exportMenu.querySelector('button'))?.focus();
  });
  exportMenu.addEventListener('keydown', (ev) => {
    const items = [...exportMenu.querySelectorAll('button')];
    const at = items.indexOf(/** @type {any} */ (document.activeElement));
    if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      ev.preventDefault();
      items[(at + (ev.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length].focus();
    } else if (ev.key === 'Escape') {
      ev.stopPropagation();
      closeMenu();
      exportButton.focus();
    } else if (ev.key === 'Tab') closeMenu();
  });
  document.addEventListener('click', (ev) => {
    if (!exportMenu.hidden && !/** @type {HTMLElement} */ (ev.target).closest('.view-actions')) closeMenu();
  });
  const print = h('button', { type: 'button', class: 'small ghost', 'data-testid': 'print-report',
    title: 'A report of the ranking and the plan for the meeting, printed or saved as PDF' }, 'Print / PDF');
  print.addEventListener('click', () => { printReport(); });
  // Beside "Import rows…", in the row of the view tabs (index.html).
  actions = byId('view-actions');
  actions.append(h('span', { class: 'export-wrap' }, exportButton, exportMenu), print);
  syncActions();
}

function closeMenu() {
  exportMenu.hidden = true;
  exportButton.setAttribute('aria-expanded', 'false');
}

/** The export applies to the ranking, the plan and the accounts. */
function syncActions() {
  const view = S.view;
  const exportable = view === 'ranking' || view === 'plan' || view === 'accounts';
  exportButton.hidden = !exportable;
  exportButton.title = exportable ? `The ${view === 'ranking' ? 'ranking' : view === 'plan' ? 'plan' : 'accounts and their asks'} as a CSV file for a spreadsheet` : '';
  if (!exportable) closeMenu();
}

/** @param {import('../lib/sheets.js').CsvStyle} style */
async function exportCsv(style) {
  const wb = S.wb;
  if (!wb) return;
  const view = S.view;
  const name = slug(wb.name());
  try {
    let text;
    if (view === 'ranking') {
      text = wb.ranking_csv(style.delimiter, style.decimalComma);
    } else if (view === 'plan') {
      const solution = await planSolution();
      if (S.wb !== wb) return;
      text = wb.plan_csv(solution, style.delimiter, style.decimalComma);
    } else if (view === 'accounts') {
      const solution = hasCapacity() ? await planSolution().catch(() => null) : null;
      if (S.wb !== wb) return;
      text = wb.accounts_csv(solution, style.delimiter, style.decimalComma);
    } else return;
    clearBanner('export-csv');
    download(text, `${name}-${view}.csv`, 'text/csv;charset=utf-8');
  } catch (e) {
    banner('export-csv', `The ${view} was not exported.`, String(e?.message ?? e));
  }
}

function hasCapacity() {
  const c = S.model?.capacity;
  return Array.isArray(c) ? c.length > 0 : Boolean(c);
}

// ----- the plan, in a worker -----

/** @type {Worker | null} */ let worker = null;
let job = 0;
/** @type {Map<number, {resolve: (v: any) => void, reject: (e: any) => void}>} */
const waiting = new Map();
/** The last plan made here, and the scenario state it is for. */
const plan = { key: '', /** @type {any} */ solution: null };

const planKey = () => `${S.id}|${S.gen}|${S.pulls}`;

/**
 * A plan already made for the scenario as it is, if any: the plan view's (the store holds
 * its solution), or the last one made here.
 */
function knownSolution() {
  if (S.plan?.solution && S.plan.pulls === S.pulls) return S.plan.solution;
  return plan.key === planKey() ? plan.solution : null;
}

/**
 * The plan of the scenario as it is now (the worker's solution of `plan_instance()`).
 * Rejects with the reason when there is none (no capacity, nothing fits).
 */
async function planSolution() {
  const known = knownSolution();
  if (known) return known;
  const key = planKey();
  const instance = S.wb.plan_instance();
  if (!worker) {
    worker = new Worker(workerUrl, { type: 'module' });
    worker.onmessage = (ev) => {
      const w = waiting.get(ev.data.id);
      if (!w || ev.data.progress) return;
      waiting.delete(ev.data.id);
      if (ev.data.error) w.reject(new Error(ev.data.error.messages.join('\n')));
      else w.resolve(ev.data.solution);
    };
    worker.onerror = (ev) => {
      ev.preventDefault();
      for (const w of waiting.values()) w.reject(new Error(ev.message || 'the planner stopped'));
      waiting.clear();
      worker?.terminate();
      worker = null;
    };
  }
  const id = ++job;
  const buffers = [instance.values, instance.efforts, instance.amounts, instance.bucket_of, instance.bucket_bounds, instance.pins].map((a) => a.buffer);
  const solution = await new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    /** @type {Worker} */ (worker).postMessage({ id, instance, maxNodes: 0 }, buffers);
  });
  if (planKey() === key) {
    plan.key = key;
    plan.solution = solution;
  }
  return solution;
}

// ----- the report -----

let printing = false;

/** Makes the report (with the plan, when the scenario has a capacity). */
async function prepareReport() {
  if (!S.wb) return;
  let solution = null;
  let planError = null;
  if (hasCapacity() && S.order.length) {
    try {
      solution = await planSolution();
    } catch (e) {
      planError = String(e?.message ?? e);
    }
  }
  renderReport(solution, false, planError);
}

async function printReport() {
  if (!S.wb) return;
  await prepareReport();
  printing = true;
  try {
    window.print();
  } finally {
    printing = false;
  }
}

/**
 * Builds the report from the store's state. `solution`: the plan's (null: none, or not
 * known yet); `quick`: made at once for the browser's own print command.
 * @param {any} solution @param {boolean} quick @param {string | null} [planError]
 */
function renderReport(solution, quick, planError = null) {
  const wb = S.wb;
  if (!wb || !S.model) { replace(report); return; }
  const m = S.model;
  const sections = [
    header(),
    weights(),
    ranking(),
    planSection(solution, quick, planError),
    robustness(),
    h('p', { class: 'report-foot' }, `Made with Thresh from “${m.name}”. Every number is computed from the scenario file; the explanations are the ones the app shows.`),
  ];
  replace(report, ...sections.filter(Boolean));
}

function header() {
  const m = S.model;
  const ranked = S.order.length;
  const facts = [
    m.as_of ? `as of ${longDay(m.as_of)}` : null,
    `${S.requests.length.toLocaleString('en')} requests (${ranked.toLocaleString('en')} ranked)`,
    `method: ${m.method}`,
    m.use_confidence ? 'scores × confidence' : null,
  ].filter(Boolean);
  return h('header', { class: 'report-head' },
    h('p', { class: 'report-kicker' }, `Thresh · prioritisation report · printed ${day(Date.now())}`),
    h('h1', { class: 'report-title', 'data-testid': 'report-title' }, m.name),
    h('p', { class: 'report-facts' }, facts.join(' · ')));
}

/** `2027-04-01` → "1 Apr 2027". @param {string} iso */
function longDay(iso) {
  const [y, mo, d] = iso.split('-').map(Number);
  return day(new Date(y, mo - 1, d).getTime());
}

function weights() {
  const criteria = S.model.criteria;
  const total = criteria.reduce((a, c) => a + Math.max(0, c.weight), 0) || 1;
  return h('section', { class: 'report-section' },
    h('h2', {}, 'Weights'),
    h('table', { class: 'report-table report-weights' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Criterion'), h('th', { class: 'num' }, 'Weight'), h('th', { class: 'num' }, 'Share'), h('th', { class: 'bar-col' }, ''), h('th', {}, 'Where its number comes from'))),
      h('tbody', {}, ...criteria.map((c, k) => h('tr', {},
        h('td', {}, h('span', { class: 'swatch', style: `background:${criterionColour(k)}` }), ' ', c.label),
        h('td', { class: 'num' }, fmt(c.weight, 2)),
        h('td', { class: 'num' }, `${fmt((100 * Math.max(0, c.weight)) / total, 0)}%`),
        h('td', { class: 'bar-col' }, h('span', { class: 'report-bar' }, h('span', { class: 'fill', style: `width:${(100 * Math.max(0, c.weight)) / total}%;background:${criterionColour(k)}` }))),
        h('td', { class: 'report-why' }, shortDescription(c.description)))))));
}

/**
 * A criterion's description for the report: without its label in front, and only where
 * its number comes from and which way is better (the scale's details are the app's).
 * @param {string} text
 */
function shortDescription(text) {
  const at = text.indexOf(': ');
  const plain = at > 0 && at < 60 ? text.slice(at + 2) : text;
  const parts = plain.split('; ');
  return [parts[0], ...parts.slice(1).filter((p) => /is better$/.test(p))].join('; ');
}

/** A score or a value as the report prints them: one decimal always, so columns align. @param {number} x */
function oneDecimal(x) {
  return Number.isFinite(x) ? x.toLocaleString('en', { minimumFractionDigits: 1, maximumFractionDigits: 1 }) : '–';
}

function ranking() {
  const n = S.order.length;
  if (!n) {
    return h('section', { class: 'report-section' }, h('h2', {}, 'Ranking'),
      h('p', {}, S.scoreError ? `This scenario cannot be ranked yet: ${S.scoreError}` : 'No requests yet.'));
  }
  const shown = Math.min(n, REPORT_RANKED);
  const max = S.model.method === 'weighted-sum' ? 100 : Math.max(1e-9, ...[...S.scores].filter((x) => Number.isFinite(x)));
  const k = S.k;
  const buckets = new Map((S.model.buckets ?? []).map((b) => [b.id, b.label ?? b.id]));
  const rows = [];
  for (let pos = 0; pos < shown; pos++) {
    const i = S.order[pos];
    const r = S.requests[i];
    const score = S.scores[i];
    const segments = [];
    if (Number.isFinite(score)) {
      if (S.contributions.length) {
        for (let c = 0; c < k; c++) {
          const w = (100 * Math.max(0, S.contributions[i * k + c])) / max;
          if (w > 0) segments.push(h('span', { class: 'seg', style: `width:${Math.min(100, w)}%;background:${criterionColour(c)}` }));
        }
      } else segments.push(h('span', { class: 'seg', style: `width:${Math.min(100, (100 * score) / max)}%;background:var(--accent)` }));
    }
    const flags = [];
    for (const [bit, name] of FLAG_NAMES) if (S.flags[i] & bit) flags.push(name);
    rows.push(h('tr', { class: 'report-rank-row' },
      h('td', { class: 'num rank' }, String(S.ranks[i])),
      h('td', { class: 'report-request' },
        h('span', { class: 'title', text: r.title }), ' ', h('span', { class: 'rid', text: r.id }),
        flags.length ? h('span', { class: 'flags', text: ` · ${flags.join(', ')}` }) : null,
        pos < REPORT_EXPLAINED ? h('div', { class: 'report-explain', text: explainLine(i) }) : null),
      h('td', { class: 'report-bucket', text: r.bucket ? buckets.get(r.bucket) ?? r.bucket : '' }),
      h('td', { class: 'bar-col' }, h('span', { class: 'report-bar stacked' }, ...segments)),
      h('td', { class: 'num score' }, oneDecimal(score))));
  }
  const legend = S.contributions.length
    ? h('p', { class: 'report-legend' }, 'Bar: each criterion\'s part of the score — ',
      ...S.model.criteria.flatMap((c, i) => [h('span', { class: 'swatch', style: `background:${criterionColour(i)}` }), ` ${c.label}  `]))
    : null;
  return h('section', { class: 'report-section' },
    h('h2', {}, shown < n ? `Ranking — the top ${shown} of ${n.toLocaleString('en')}` : 'Ranking'),
    legend,
    h('table', { class: 'report-table report-ranking' },
      h('thead', {}, h('tr', {}, h('th', { class: 'num' }, '#'), h('th', {}, `Request${n > REPORT_EXPLAINED ? ` (the top ${REPORT_EXPLAINED} explained)` : ' (explained)'}`), h('th', {}, 'Bucket'), h('th', { class: 'bar-col' }, 'Score'), h('th', { class: 'num' }, ''))),
      h('tbody', {}, ...rows)),
    shown < n ? h('p', { class: 'report-note' }, `… and ${(n - shown).toLocaleString('en')} more. Export the ranking as CSV for all of them.`) : null);
}

/**
 * Request `i`'s score in one line, from Rust's explanation: its criteria by what they
 * contribute, and where the largest part comes from — `65.2 = Reach 30.8 + Effort 14.2 + …
 * — Reach 42 = Northgrid 1 (Customer success) + …`.
 * @param {number} i
 */
function explainLine(i) {
  const e = S.wb.explain(i);
  if (e.score === null) return e.flags.includes('unscorable') ? 'Not scored: a value it needs is missing.' : 'Not scored.';
  const parts = e.parts.filter((p) => p.contribution !== null).sort((a, b) => b.contribution - a.contribution);
  if (!parts.length) return `${fmt(e.score)} — ${e.parts.map((p) => `${p.label} ${fmt(p.raw)}`).join(', ')}`;
  const adding = parts.filter((p) => p.contribution > 0);
  let line = adding.length ? `${fmt(e.score)} = ${adding.map((p) => `${p.label} ${fmt(p.contribution)}`).join(' + ')}` : `${fmt(e.score)}: no criterion adds to it`;
  if (e.confidence < 1) line += ` (× confidence ${fmt(e.confidence, 2)})`;
  if (adding.length) line += ` — ${shorten(adding[0].derivation, 110)}`;
  return line;
}

/** @param {string} text @param {number} max */
function shorten(text, max) {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** @param {any} solution @param {boolean} quick @param {string | null} planError */
function planSection(solution, quick, planError) {
  const title = h('h2', {}, 'Plan');
  if (!hasCapacity()) {
    return h('section', { class: 'report-section' }, title, h('p', { class: 'report-note' }, 'No capacity is set, so there is no plan. Set the quarter\'s capacity in the Plan view to include one.'));
  }
  if (planError) return h('section', { class: 'report-section' }, title, h('p', { class: 'report-note' }, `No plan: ${planError}`));
  if (!solution) {
    return h('section', { class: 'report-section' }, title, h('p', { class: 'report-note' },
      quick ? 'The plan is not in this printout: print with the “Print / PDF” button, which makes the plan first.' : 'No plan yet.'));
  }
  const r = S.wb.plan_report(solution, null);
  const left = S.wb.plan_left_out(solution, REPORT_LEFT_OUT);
  const ids = new Map(S.requests.map((q, i) => [q.id, i]));
  const capacity = S.model.capacity;
  const first = Array.isArray(capacity) ? capacity[0] : capacity;
  const effortK = S.model.criteria.findIndex((c) => c.id === first?.criterion);
  const primary = r.capacity[0]?.amount || 1;
  const bar = (pct, cls = '', markers = []) => h('span', { class: `report-bar ${cls}` },
    h('span', { class: 'fill', style: `width:${Math.max(0, Math.min(100, pct))}%` }),
    ...markers.map((at) => h('span', { class: 'marker', style: `left:${at}%` })));
  const rows = [
    ...r.capacity.map((c) => {
      const pct = c.amount > 0 ? (100 * c.used) / c.amount : 0;
      return h('tr', {}, h('td', {}, c.label), h('td', { class: 'bar-col' }, bar(pct)),
        h('td', { class: 'num' }, `${fmt(c.used, 1)} of ${fmt(c.amount, 1)} (${fmt(pct, 0)}%)`));
    }),
    ...r.bucket_use.map((b) => {
      const pct = (100 * b.used) / primary;
      const ok = b.used >= b.min - 1e-9 && b.used <= b.max + 1e-9;
      const markers = [b.min_share > 0 ? 100 * b.min_share : null, b.max_share < 1 ? 100 * b.max_share : null].filter((x) => x !== null);
      return h('tr', {}, h('td', {}, `Bucket: ${b.label}`), h('td', { class: 'bar-col' }, bar(pct, ok ? 'bucket' : 'bucket bad', markers)),
        h('td', { class: 'num' }, b.min_share > 0 || b.max_share < 1 ? `${fmt(pct, 0)}% · target ${fmt(100 * b.min_share, 0)}–${fmt(100 * b.max_share, 0)}%` : `${fmt(pct, 0)}% · no target`));
    }),
  ];
  const selected = r.selected.map((id) => ids.get(id)).filter((i) => i !== undefined);
  return h('section', { class: 'report-section' },
    title,
    h('p', { class: 'report-plan-summary' },
      `${selected.length} of ${S.order.length.toLocaleString('en')} ranked requests fit, total value ${fmt(r.value, 1)}`,
      r.optimal ? ' — optimal: no plan within the constraints is worth more.' : ` — within ${fmt(100 * (r.upper_bound - r.value) / Math.max(1e-9, Math.abs(r.upper_bound)), 2)}% of the best possible.`),
    h('table', { class: 'report-table report-capacity' }, h('tbody', {}, ...rows)),
    h('h3', {}, 'In the plan'),
    h('table', { class: 'report-table report-plan' },
      h('thead', {}, h('tr', {}, h('th', { class: 'num' }, '#'), h('th', {}, 'Request'), h('th', { class: 'num' }, effortK >= 0 ? S.model.criteria[effortK].label : 'Effort'), h('th', { class: 'num' }, 'Value'))),
      h('tbody', {}, ...selected.slice(0, 60).map((i) => h('tr', {},
        h('td', { class: 'num rank' }, String(S.ranks[i])),
        h('td', { class: 'report-request' }, h('span', { class: 'title', text: S.requests[i].title }), ' ', h('span', { class: 'rid', text: S.requests[i].id })),
        h('td', { class: 'num' }, effortK >= 0 ? fmt(S.raw[i * S.k + effortK], 1) : ''),
        h('td', { class: 'num' }, oneDecimal(S.values[i])))))),
    selected.length > 60 ? h('p', { class: 'report-note' }, `… and ${selected.length - 60} more in the plan (export the plan as CSV for all).`) : null,
    left.count ? h('h3', {}, left.count > left.requests.length ? `Left out, and why — the ${left.requests.length} ranked highest of ${left.count.toLocaleString('en')}` : 'Left out, and why') : null,
    left.count ? h('table', { class: 'report-table report-left-out' },
      h('thead', {}, h('tr', {}, h('th', { class: 'num' }, '#'), h('th', {}, 'Request'), h('th', {}, 'Why it is not in the plan'))),
      h('tbody', {}, ...left.requests.map((q) => h('tr', {},
        h('td', { class: 'num rank' }, String(q.rank)),
        h('td', { class: 'report-request' }, h('span', { class: 'title', text: q.title }), ' ', h('span', { class: 'rid', text: q.id })),
        h('td', { class: 'report-why', text: q.why }))))) : null);
}

/** "How sure?" when it has been worked out (store.state.robust; see RobustSummary). */
function robustness() {
  const summary = /** @type {RobustSummary | null | undefined} */ (/** @type {any} */ (S).robust);
  if (!summary) return null;
  const stale = summary.pulls !== S.pulls;
  return h('section', { class: 'report-section', 'data-testid': 'report-robust' },
    h('h2', {}, 'How sure is the ranking?'),
    summary.settings ? h('p', { class: 'report-facts' }, summary.settings) : null,
    stale ? h('p', { class: 'report-note' }, 'Worked out before the last change to the scenario: run it again for figures that match this report.') : null,
    h('ul', { class: 'report-findings' }, ...summary.findings.map((f) => h('li', { text: f }))),
    summary.requests?.length ? h('table', { class: 'report-table report-robust' },
      h('thead', {}, h('tr', {}, h('th', { class: 'num' }, '#'), h('th', {}, 'Request'), h('th', { class: 'bar-col' }, 'In the top, share of samples'),
        h('th', { class: 'num' }, 'Rank range (5–95%)'), summary.requests.some((q) => q.p_plan !== undefined) ? h('th', { class: 'num' }, 'In the plan') : null)),
      h('tbody', {}, ...summary.requests.map((q) => h('tr', {},
        h('td', { class: 'num rank' }, String(q.rank)),
        h('td', { class: 'report-request' }, h('span', { class: 'title', text: q.title }), ' ', h('span', { class: 'rid', text: q.id })),
        h('td', { class: 'bar-col' }, h('span', { class: 'report-bar' }, h('span', { class: 'fill', style: `width:${100 * q.p_top}%` })), ` ${fmt(100 * q.p_top, 0)}%`),
        h('td', { class: 'num' }, q.rank_p05 !== undefined ? `${q.rank_p05}–${q.rank_p95}` : ''),
        q.p_plan !== undefined ? h('td', { class: 'num' }, `${fmt(100 * q.p_plan, 0)}%`) : null)))) : null);
}
