// The Team view (issue 13, team-v1): each person's or role's view of the weights, given
// as points or by comparing criteria two at a time; a table of people × criteria with the
// spread and the team compromise; "Use the team's weights" and "Use mine"; the agreement
// at K in words; and views exported alone for a colleague to fill in, and imported back.
// Every number comes from Rust (Workbench.team, pairwise_check, points_shares); every
// change is one undoable step through store.change. The editor of one view is a dialog
// holding a draft until it is saved.

import { h, byId, replace, keepFocus, download } from '../lib/dom.js';
import { fmt, slug, criterionColour } from '../lib/format.js';
import { initials } from '../lib/rank-strip.js';
import { toast } from '../notices.js';

/** @type {import('../store.js').Store} */ let store;
/** @type {Readonly<import('../store.js').State>} */ let S;

/** @typedef {import('../pkg/thresh.js').TeamSummary} TeamSummary */
/** @typedef {import('../pkg/thresh.js').PairwiseCheck} PairwiseCheck */
/** @typedef {import('../pkg/thresh.js').JudgementFit} JudgementFit */

/** Points a new view starts with, for every criterion: no opinion yet, all equal. */
const START_POINTS = 5;
const POINTS_MAX = 10;
/** Saaty's words for the steps of his scale. */
const SAAY_WORDS = ['equally important', 'a little more important', 'moderately more important',
  'moderately to strongly more important', 'strongly more important', 'strongly to very strongly more important',
  'very strongly more important', 'very strongly to extremely more important', 'extremely more important'];

/**
 * One judgement in the draft: "a is ratio times as important as b" (criterion indices), as
 * the file has it (its other fields kept).
 * @typedef {{a: number, b: number, ratio: number, extra: Record<string, any>}} DraftJudgement
 *
 * The view being edited (the dialog's draft; nothing is in the scenario until it is saved).
 * @typedef {object} Draft
 * @property {number} index  its place in model.views (the number of views: a new one)
 * @property {Record<string, any>} raw  the view as the file holds it (unknown fields kept)
 * @property {string[]} ids  the criteria's ids when the draft began (a change of them ends it)
 * @property {'weights' | 'pairwise'} mode
 * @property {number[]} points  per criterion
 * @property {number[]} set  the criteria compared (indices, ascending)
 * @property {Map<string, DraftJudgement>} judged  by pair key `x|y` (x < y)
 * @property {number} at  the pair shown, in pairs(set) order
 * @property {PairwiseCheck | null} check
 * @property {boolean} showInclude  the list of criteria compared is open
 */

/** @type {Draft | null} */ let draft = null;
/** @type {HTMLDialogElement} */ let dialog;
/** @type {HTMLInputElement} */ let fileInput;

/** @param {import('../store.js').Store} theStore */
export function mount(theStore) {
  store = theStore;
  S = store.state;
  dialog = h('dialog', { class: 'view-editor', 'aria-labelledby': 'view-editor-title', 'data-testid': 'view-editor' });
  dialog.addEventListener('close', () => { draft = null; });
  document.body.append(dialog);
  fileInput = h('input', { type: 'file', class: 'visually-hidden', accept: '.json,application/json', tabindex: '-1',
    'aria-label': 'Import a view file', 'data-testid': 'team-import-file' });
  fileInput.addEventListener('change', async () => {
    const file = fileInput.files?.[0];
    fileInput.value = '';
    if (file) store.importView(new Uint8Array(await file.arrayBuffer()), file.name);
  });
  document.body.append(fileInput);

  const toggle = byId('team-ranks');
  toggle.addEventListener('click', () => store.setTeam({ ranks: !S.teamRanks }));
  store.subscribe('view', () => { if (S.view === 'team') renderTeam(); });
  store.subscribe('data', ({ structural, live }) => {
    syncToggle();
    if (draft && structural && draft.ids.join('\u0001') !== S.model.criteria.map((c) => c.id).join('\u0001')) {
      dialog.close();
      toast('The criteria changed, so the view being edited was closed without saving.');
    }
    if (S.view === 'team' && !live) renderTeam();
  });
  store.subscribe('team', () => {
    syncToggle();
    if (S.view === 'team') renderTeam();
  });
  store.subscribe('scenario', () => { if (dialog.open) dialog.close(); });
}

/** The ranking's "Team ranks" toggle: shown when there are views, pressed when on. */
function syncToggle() {
  const toggle = byId('team-ranks');
  const has = Boolean(S.wb?.view_count());
  if (toggle.hidden === has) toggle.hidden = !has;
  toggle.setAttribute('aria-pressed', String(S.teamRanks && has));
}

// ----- the view: table, compromise, agreement -----

const pct = (/** @type {number} */ x) => `${fmt(100 * x, 0)}%`;

function renderTeam() {
  const view = byId('view-team');
  if (!S.wb) return;
  const t = S.wb.team(S.teamTop || undefined);
  keepFocus(view, () => replace(view, h('div', { class: 'team' },
    head(t),
    t.views.length ? table(t) : empty(),
    t.error ? h('p', { class: 'team-error', role: 'alert', 'data-testid': 'team-error' },
      h('strong', { text: 'The team\'s views cannot rank this scenario. ' }), t.error) : null,
    ...t.views.map((v, i) => advice(v, i)),
    t.team ? useWeights(t) : null,
    t.team ? agreement(t) : null)));
}

function head(t) {
  return h('div', { class: 'team-head' },
    h('div', { class: 'team-intro' },
      h('h2', {}, 'The team\'s weights'),
      h('p', { class: 'muted small-print', text: 'Each person or role gives their own weights — as points, or by comparing criteria two at a time. '
        + 'See where they differ, whether it changes the top of the ranking, and a compromise. The model\'s own weights are what rank the scenario.' })),
    h('div', { class: 'team-actions' },
      h('button', { type: 'button', class: 'small', 'data-testid': 'team-add', onclick: () => openEditor(t.views.length) }, '+ Person or role'),
      h('button', { type: 'button', class: 'small ghost', 'data-testid': 'team-import', onclick: () => fileInput.click(),
        title: 'Take in a view file a colleague filled in (added, or replacing the view with its id)' }, 'Import a view…')));
}

function empty() {
  return h('div', { class: 'team-empty', 'data-testid': 'team-empty' },
    h('p', {}, 'No one\'s weights yet.'),
    h('p', { class: 'muted', text: 'Add the people whose view should count — the PM, customer success, the key-account team — '
      + 'and give each their weights here, or send them a file to fill in on their own machine.' }));
}

/** People × criteria: each view's normalised weights, its say and how it was given; the spread, the compromise, the model now. */
function table(t) {
  const criteria = S.model.criteria;
  const cols = criteria.length;
  const weightCells = (/** @type {number[]} */ w, /** @type {string} */ cls = '') => w.map((x, k) => h('td', { class: `num ${cls}` },
    h('span', { class: 'share' },
      h('span', { class: 'share-track', 'aria-hidden': 'true' },
        h('span', { class: 'share-bar', style: `width:${Math.round(100 * Math.min(1, x))}%;background:${criterionColour(k)}` })),
      h('span', { class: 'share-num', text: pct(x) }))));
  const rows = t.views.map((v, i) => h('tr', { 'data-testid': 'team-row', 'data-view-id': v.id },
    h('th', { scope: 'row', class: 'who' },
      h('span', { class: 'who-label', title: `${v.label} (id ${v.id})`, text: v.label }),
      how(v)),
    ...weightCells(v.weights),
    h('td', { class: 'num' }, sayInput(v, i)),
    h('td', { class: 'row-actions' },
      h('button', { type: 'button', class: 'small ghost', 'data-testid': `team-edit-${v.id}`, 'aria-label': `Edit the view of ${v.label}`, onclick: () => openEditor(i) }, 'Edit'),
      h('button', { type: 'button', class: 'small ghost', 'data-testid': `team-export-${v.id}`, 'aria-label': `Export the view of ${v.label} for them to fill in`,
        title: 'Download this view as a small file for them to fill in and send back', onclick: () => exportView(i, v.label) }, 'Export'),
      h('button', { type: 'button', class: 'small ghost danger', 'data-testid': `team-remove-${v.id}`, 'aria-label': `Remove the view of ${v.label}`,
        onclick: () => store.change(() => S.wb.remove_view(i), { what: `Removing the view of "${v.label}"` }) }, '✕'))));
  const spread = t.team?.spread;
  const foot = [
    spread ? h('tr', { class: 'spread', 'data-testid': 'team-spread' },
      h('th', { scope: 'row', title: 'The smallest and largest weight any view gives each criterion' }, 'Spread (low–high)'),
      ...spread.map(([lo, hi]) => h('td', { class: 'num', text: `${fmt(100 * lo, 0)}–${pct(hi)}` })),
      h('td', { colspan: '2' })) : null,
    t.team ? h('tr', { class: 'compromise', 'data-testid': 'team-compromise' },
      h('th', { scope: 'row', title: 'The mean of the views\' weights, each counted by its say' }, 'Team compromise'),
      ...weightCells(t.team.weights, 'strong'),
      h('td', { colspan: '2', class: 'muted note', text: 'mean weighted by say' })) : null,
    h('tr', { class: 'current', 'data-testid': 'team-current' },
      h('th', { scope: 'row', title: 'The weights that rank the scenario now, normalised the same way' }, 'The model now'),
      ...t.current.map((x) => h('td', { class: 'num muted', text: pct(x) })),
      h('td', { colspan: '2', class: 'muted note', text: t.using_team ? 'the team\'s weights' : '' })),
  ];
  return h('div', { class: 'team-table-wrap' },
    h('table', { class: 'team-table', 'data-testid': 'team-table', style: `--team-cols:${cols}` },
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'Person or role'),
        ...criteria.map((c, k) => h('th', { scope: 'col', class: 'num crit', title: c.description },
          h('span', { class: 'swatch', style: `background:${criterionColour(k)}`, 'aria-hidden': 'true' }),
          h('span', { class: 'crit-label', text: c.label }))),
        h('th', { scope: 'col', class: 'num', title: 'How much the view counts in the team compromise' }, 'Say'),
        h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')))),
      h('tbody', {}, ...rows),
      h('tfoot', {}, ...foot)));
}

function sayInput(v, i) {
  const input = h('input', { type: 'number', min: '0', step: 'any', value: v.say, class: 'say', 'data-testid': `team-say-${v.id}`,
    'aria-label': `Say of ${v.label}` });
  input.addEventListener('change', () => {
    const say = Number(input.value);
    if (input.value === '' || !(say >= 0)) { input.setAttribute('aria-invalid', 'true'); return; }
    if (say === v.say) return;
    const raw = { ...v.raw };
    if (say === 1) delete raw.say; else raw.say = say;
    store.change(() => S.wb.put_view(i, JSON.stringify(raw)), { what: `Changing the say of "${v.label}"` });
  });
  return input;
}

/** "points", or "pairs · CR 0.04 ✓", "pairs · CR 0.14 ⚠" when above 0.1. */
function how(v) {
  if (v.kind === 'weights') return h('span', { class: 'how muted', text: 'points' });
  const bad = v.inconsistent;
  return h('span', { class: bad ? 'how cr bad' : 'how cr muted', 'data-testid': `team-cr-${v.id}`,
    title: `λmax ${fmt(v.lambda_max, 3)}, CI ${fmt(v.ci, 3)}, CR ${fmt(v.cr, 3)} `
    + '(consistency ratio: 0 when every comparison agrees with the others; above 0.1 they contradict each other)' },
  `pairs · λmax ${fmt(v.lambda_max, 2)} · CR ${fmt(v.cr, 2)}`, bad ? ' ⚠' : ' ✓');
}

/** Under the table, for an inconsistent pairwise view: the judgements to look at first. */
function advice(v, i) {
  if (v.kind !== 'pairwise' || !v.inconsistent) return null;
  const items = (v.advice?.length ? v.advice : v.worst ?? []).map((f) => adviceLine(f, () => openEditor(i, f)));
  return h('div', { class: 'team-advice', 'data-testid': 'team-advice', 'data-view-id': v.id },
    h('p', {}, h('strong', { text: `${v.label}'s comparisons contradict each other` }),
      ` (CR ${fmt(v.cr, 2)}, above 0.1). Look first at:`),
    h('ul', {}, ...items));
}

/**
 * "Urgency vs Effort: said urgency 5× as important; the other answers imply effort 2× — try
 * effort 2× (CR would be 0.03)", with a button.
 * @param {JudgementFit} f @param {() => void} act @param {string} [label]
 */
function adviceLine(f, act, label = 'Review') {
  const c = S.model.criteria;
  const x = Math.min(f.a, f.b);
  const y = Math.max(f.a, f.b);
  const toXY = (/** @type {number} */ r) => (f.a === x ? r : 1 / r);
  return h('li', { 'data-testid': 'advice-item' },
    h('span', {},
      h('strong', { text: `${c[x].label} vs ${c[y].label}` }),
      `: said ${phrase(x, y, toXY(f.ratio))}; the other answers imply ${phrase(x, y, toXY(f.implied), true)} — try ${phrase(x, y, toXY(f.suggested))}`,
      f.cr_after !== undefined ? ` (CR would be ${fmt(f.cr_after, 2)})` : ''),
    h('button', { type: 'button', class: 'small ghost', 'data-testid': 'advice-apply', onclick: act }, label));
}

function useWeights(t) {
  const c = S.model.criteria;
  const list = (/** @type {number[]} */ w) => c.map((x, k) => `${x.label} ${fmt(w[k], 2)}`).join(' · ');
  const using = t.using_team;
  return h('div', { class: 'team-use' },
    h('div', { class: 'team-use-buttons' },
      h('button', { type: 'button', 'data-testid': 'use-team-weights', disabled: using || null,
        onclick: () => store.change(() => S.wb.use_team_weights(), { what: 'Using the team\'s weights' }) },
      using ? 'The team\'s weights are in use' : 'Use the team\'s weights'),
      h('button', { type: 'button', class: 'ghost', 'data-testid': 'use-mine', disabled: t.own ? null : true,
        title: t.own ? `Back to: ${list(t.own)}` : 'Your weights are kept when you use the team\'s; then this puts them back',
        onclick: () => store.change(() => S.wb.use_own_weights(), { what: 'Going back to your weights' }) }, 'Use mine')),
    h('p', { class: 'muted small-print', text: using
      ? `The model ranks with the compromise now${t.own ? '. “Use mine” puts back your weights from before: ' + list(t.own) + '.' : '.'}`
      : `Sets the model's weights to the compromise, scaled to the model's total weight: ${list(t.team.scaled)}.`
        + (t.own ? ` Your weights from before stay kept for “Use mine”: ${list(t.own)}.` : ' Your weights are kept in the scenario, so “Use mine” can put them back (one undo step each).') }),
    t.own_problem ? h('p', { class: 'team-error', text: `Your kept weights cannot be used: ${t.own_problem}` }) : null);
}

function agreement(t) {
  const team = t.team;
  const [count, ...splits] = team.words;
  const top = h('input', { type: 'number', min: '1', max: String(Math.max(1, team.ranked)), step: '1', value: team.top,
    class: 'top-k', 'data-testid': 'team-top', 'aria-label': 'Size of the top compared (K)' });
  top.addEventListener('change', () => {
    const k = Math.round(Number(top.value));
    if (k >= 1 && k <= team.ranked) store.setTeam({ top: k }); else top.setAttribute('aria-invalid', 'true');
  });
  return h('section', { class: 'team-agreement', 'data-testid': 'agreement', 'aria-label': 'Agreement' },
    h('div', { class: 'agreement-head' },
      h('h3', {}, h('span', { text: 'Do they agree on the top' }), top, h('span', { class: 'q', text: '?' })),
      team.agreement === null ? null : h('span', { class: 'agreement-figure', 'data-testid': 'agreement-figure',
        title: 'The share of the top K that is in every view\'s top K' }, `${pct(team.agreement)} agreement`)),
    h('p', { class: 'agreement-count', 'data-testid': 'agreement-words', text: `${count}.` }),
    splits.length ? h('ul', { class: 'agreement-splits' }, ...splits.map((w) => h('li', { text: w }))) : null,
    h('p', { class: 'small-print' },
      h('button', { type: 'button', class: 'link', 'data-testid': 'team-show-in-ranking',
        onclick: () => { store.setTeam({ ranks: true }); store.setView('ranking'); } }, 'Show each person\'s rank in the ranking'),
      h('span', { class: 'muted', text: ` (${t.views.map((v) => `${initials(v.label)} = ${v.label}`).join(', ')})` })));
}

function exportView(i, label) {
  const text = S.wb.export_view(i);
  download(text, `${slug(label)}.thresh-view.json`);
  toast(`Saved ${slug(label)}.thresh-view.json: send it to ${label}; when it comes back filled in, use “Import a view…”.`);
}

// ----- the editor of one view -----

/** The criteria pairs of a set, first criterion against each other first: [x, y], x < y. @param {number[]} set */
function pairs(set) {
  const out = [];
  for (let i = 0; i < set.length; i++) for (let j = i + 1; j < set.length; j++) out.push([set[i], set[j]]);
  return out;
}

const key = (/** @type {number} */ x, /** @type {number} */ y) => `${Math.min(x, y)}|${Math.max(x, y)}`;

/** The ratio "x is r times as important as y" a draft judgement says. @param {DraftJudgement} j @param {number} x */
const ratioXY = (j, x) => (j.a === x ? j.ratio : 1 / j.ratio);

/**
 * Opens the editor of view `index` (the number of views: a new one); `focus`: a judgement
 * to show first (advice on an inconsistent view).
 * @param {number} index @param {JudgementFit} [focus]
 */
function openEditor(index, focus) {
  const t = S.wb.team(S.teamTop || undefined);
  const v = t.views[index];
  const criteria = S.model.criteria;
  const ids = criteria.map((c) => c.id);
  const at = (/** @type {string} */ id) => ids.indexOf(id);
  /** @type {Draft} */
  const d = {
    index,
    raw: v ? { ...v.raw } : { id: '', label: '' },
    ids,
    mode: v?.kind ?? 'weights',
    points: criteria.map(() => START_POINTS),
    set: criteria.map((_, k) => k),
    judged: new Map(),
    at: 0,
    check: null,
    showInclude: false,
  };
  if (v?.kind === 'weights') {
    const given = v.raw.weights ?? {};
    d.points = ids.map((id) => Number(given[id] ?? 0));
  } else if (v?.kind === 'pairwise') {
    d.set = [...(v.criteria ?? [])];
    for (const item of v.raw.pairwise ?? []) {
      const { a, b, ratio, ...extra } = item;
      d.judged.set(key(at(a), at(b)), { a: at(a), b: at(b), ratio, extra });
    }
    // Points, should they switch: the view's own shares.
    d.points = v.weights.map((x) => Math.round(100 * x));
  }
  draft = d;
  if (focus) {
    const i = pairs(d.set).findIndex(([x, y]) => key(x, y) === key(focus.a, focus.b));
    if (i >= 0) d.at = i;
  }
  recheck();
  renderEditor(v ? `Edit the view of ${v.label}` : 'Add a person or role');
  if (!dialog.open) dialog.showModal();
  const first = /** @type {HTMLElement | null} */ (dialog.querySelector(v ? (d.mode === 'pairwise' ? '[data-testid=pairwise-slider]' : '[data-testid^=points-]') : '[data-testid=view-label]'));
  first?.focus();
}

/** Works the draft's judgements out again (Rust): weights so far, CR, advice. */
function recheck() {
  const d = draft;
  if (!d || d.mode !== 'pairwise' || d.set.length < 2) { if (d) d.check = null; return; }
  const flat = [];
  for (const [x, y] of pairs(d.set)) {
    const j = d.judged.get(key(x, y));
    if (j) flat.push(j.a, j.b, j.ratio);
  }
  try {
    d.check = S.wb.pairwise_check(Uint32Array.from(d.set), Float64Array.from(flat));
  } catch {
    d.check = null;
  }
}

/** The judgement behind advice item `f` of the current check, as a pair key. @param {JudgementFit} f */
function adviceKey(f) {
  return key(f.a, f.b);
}

/** @param {string} title */
function renderEditor(title = dialog.dataset.title ?? '') {
  const d = draft;
  if (!d) return;
  dialog.dataset.title = title;
  const error = h('p', { class: 'field-error', role: 'alert', 'data-testid': 'view-error' });
  const label = h('input', { type: 'text', id: 'view-label', value: d.raw.label ?? '', maxlength: '200', 'data-testid': 'view-label',
    placeholder: 'e.g. Head of customer success', autocomplete: 'off' });
  label.addEventListener('input', () => { d.raw.label = label.value; });
  const say = h('input', { type: 'number', id: 'view-say', min: '0', step: 'any', value: d.raw.say ?? 1, 'data-testid': 'view-say' });
  say.addEventListener('input', () => { d.raw.say = say.value === '' ? undefined : Number(say.value); });
  const mode = (/** @type {'weights' | 'pairwise'} */ m, text, testid) => h('button', { type: 'button', role: 'radio',
    'aria-checked': String(d.mode === m), class: `seg${d.mode === m ? ' on' : ''}`, 'data-testid': testid,
    onclick: () => { d.mode = m; recheck(); renderEditor(); } }, text);
  const body = d.mode === 'weights' ? pointsEditor(d) : pairwiseEditor(d);
  const pending = d.mode === 'pairwise' && d.check ? d.check.pairs - d.check.compared : 0;
  const save = h('button', { type: 'button', 'data-testid': 'view-save', disabled: pending > 0 || null,
    onclick: () => saveDraft(error) }, d.index < (S.wb.view_count()) ? 'Save' : 'Add');
  replace(dialog,
    h('header', { class: 'editor-head' },
      h('h2', { id: 'view-editor-title', text: title }),
      h('button', { type: 'button', class: 'small ghost', 'aria-label': 'Close without saving', 'data-testid': 'view-cancel', onclick: () => dialog.close() }, '✕')),
    h('div', { class: 'editor-body' },
      h('div', { class: 'editor-fields' },
        h('label', { for: 'view-label', text: 'Person or role' }), label,
        h('label', { for: 'view-say', text: 'Say' }),
        h('span', { class: 'say-field' }, say, h('span', { class: 'muted small-print', text: 'how much this view counts in the compromise (1: as much as a view with say 1)' }))),
      h('div', { class: 'seg-group', role: 'radiogroup', 'aria-label': 'How the weights are given' },
        mode('weights', 'Points', 'view-mode-points'),
        mode('pairwise', 'Compare two at a time', 'view-mode-pairwise')),
      body),
    error,
    h('footer', { class: 'editor-foot' },
      d.index >= S.wb.view_count() ? h('button', { type: 'button', class: 'ghost', 'data-testid': 'view-ask',
        title: 'Download a file with blanks for them to fill in on their own machine; nothing is added until it comes back',
        onclick: () => askSomeone(error) }, 'Send them a file to fill in') : null,
      h('span', { class: 'spacer' }),
      pending > 0 ? h('span', { class: 'muted small-print', 'data-testid': 'pairs-left', text: `${pending} pair${pending === 1 ? '' : 's'} left to compare` }) : null,
      h('button', { type: 'button', class: 'ghost', onclick: () => dialog.close() }, 'Cancel'),
      save));
}

/** One slider and number per criterion; the share of each beside it (Rust's). @param {Draft} d */
function pointsEditor(d) {
  const criteria = S.model.criteria;
  const shares = h('div', { class: 'points' });
  const rows = criteria.map((c, k) => {
    const share = h('span', { class: 'num share-num' });
    const number = h('input', { type: 'number', min: '0', step: 'any', value: d.points[k], 'aria-label': `${c.label} points`, 'data-testid': `points-${c.id}` });
    const slider = h('input', { type: 'range', min: '0', max: String(POINTS_MAX), step: '0.5', value: Math.min(d.points[k], POINTS_MAX),
      'aria-label': `${c.label} points slider`, style: `--sw:${criterionColour(k)}` });
    const set = (/** @type {number} */ x, /** @type {HTMLElement} */ from) => {
      if (!(x >= 0) || !Number.isFinite(x)) { number.setAttribute('aria-invalid', 'true'); return; }
      number.removeAttribute('aria-invalid');
      d.points[k] = x;
      if (from !== number) number.value = String(x);
      if (from !== slider) slider.value = String(Math.min(x, POINTS_MAX));
      showShares();
    };
    slider.addEventListener('input', () => set(Number(slider.value), slider));
    number.addEventListener('input', () => { if (number.value !== '') set(Number(number.value), number); });
    return { row: h('div', { class: 'points-row' },
      h('span', { class: 'swatch', style: `background:${criterionColour(k)}`, 'aria-hidden': 'true' }),
      h('span', { class: 'crit-name', title: c.description, text: c.label }),
      slider, number, share), share };
  });
  const note = h('p', { class: 'muted small-print' });
  const showShares = () => {
    const s = Array.from(S.wb.points_shares(Float64Array.from(d.points)));
    rows.forEach(({ share }, k) => { share.textContent = pct(Number(s[k])); });
    note.textContent = s.some((x) => x > 0) ? 'Only the proportions count: 4 and 2 is the same view as 2 and 1. 0: does not count for this person.'
      : 'Give at least one criterion points above 0.';
  };
  replace(shares, ...rows.map((r) => r.row));
  showShares();
  return h('div', {}, shares, note);
}

/** "urgency 3× as important as reach", "equally important". @param {number} x @param {number} y @param {number} r  x over y */
function phrase(x, y, r, exact = false) {
  const c = S.model.criteria;
  const n = r >= 1 ? r : 1 / r;
  const times = exact ? fmt(n, n < 10 ? 1 : 0) : ratioText(n);
  if (Math.abs(n - 1) < (exact ? 0.05 : 1e-9)) return 'equally important';
  return r >= 1 ? `${c[x].label} ${times}× as important` : `${c[y].label} ${times}× as important`;
}

/** A ratio on Saaty's scale as people write it: 3, 1/3 → "3"; others with a decimal. @param {number} n  ≥ 1 */
function ratioText(n) {
  return Math.abs(n - Math.round(n)) < 1e-9 ? String(Math.round(n)) : fmt(n, 2);
}

/** Slider position for "x is r times as important as y": −8 (x 9×) … 0 … 8 (y 9×). @param {number} r */
function positionOf(r) {
  return r >= 1 ? -Math.min(8, Math.round(r - 1)) : Math.min(8, Math.round(1 / r - 1));
}

/** @param {number} pos */
function ratioAt(pos) {
  return pos <= 0 ? 1 - pos : 1 / (1 + pos);
}

/** The pairs one at a time, with the consistency as the person goes. @param {Draft} d */
function pairwiseEditor(d) {
  const criteria = S.model.criteria;
  const out = criteria.filter((_, k) => !d.set.includes(k)).map((c) => c.label);
  const include = h('details', { class: 'include', open: d.showInclude || d.set.length < 2 || null,
    ontoggle: (ev) => { d.showInclude = /** @type {HTMLDetailsElement} */ (ev.target).open; } },
    h('summary', {}, `Criteria compared: ${d.set.length} of ${criteria.length}`,
      out.length ? h('span', { class: 'muted', text: ` (left out, so 0: ${out.join(', ')})` }) : null),
    h('div', { class: 'include-items' }, ...criteria.map((c, k) => h('label', { class: 'include-item' },
      h('input', { type: 'checkbox', checked: d.set.includes(k), 'data-testid': `pairwise-include-${c.id}`,
        onchange: (ev) => {
          const on = /** @type {HTMLInputElement} */ (ev.target).checked;
          d.set = on ? [...d.set, k].sort((a, b) => a - b) : d.set.filter((x) => x !== k);
          for (const [kk, j] of [...d.judged]) if (!d.set.includes(j.a) || !d.set.includes(j.b)) d.judged.delete(kk);
          d.at = 0;
          recheck();
          renderEditor();
        } }),
      h('span', { class: 'swatch', style: `background:${criterionColour(k)}`, 'aria-hidden': 'true' }),
      c.label))));
  if (d.set.length < 2) {
    return h('div', {}, include, h('p', { class: 'muted', text: 'Choose at least two criteria to compare.' }));
  }
  const all = pairs(d.set);
  d.at = Math.max(0, Math.min(d.at, all.length - 1));
  const [x, y] = all[d.at];
  const j = d.judged.get(key(x, y));
  const r = j ? ratioXY(j, x) : 1;
  const check = d.check;
  const advice = check?.inconsistent ? (check.advice.length ? check.advice : check.worst) : [];
  const advised = new Set(advice.map(adviceKey));
  const here = advice.find((f) => adviceKey(f) === key(x, y));

  const sentence = h('p', { class: 'pair-sentence', 'data-testid': 'pairwise-sentence', 'aria-live': 'polite' });
  const slider = h('input', { type: 'range', min: '-8', max: '8', step: '1', value: positionOf(r), class: 'pair-slider',
    'data-testid': 'pairwise-slider', 'aria-label': `${criteria[x].label} against ${criteria[y].label}` });
  const say = (/** @type {number} */ ratio, judged) => {
    const n = ratio >= 1 ? ratio : 1 / ratio;
    const words = SAAY_WORDS[Math.min(8, Math.round(n) - 1)] ?? '';
    const text = !judged ? 'Not compared yet: move the slider towards the one that matters more, or leave it in the middle for equal.'
      : Math.abs(n - 1) < 1e-9 ? `${criteria[x].label} and ${criteria[y].label} are equally important.`
        : `${criteria[ratio >= 1 ? x : y].label} is ${ratioText(n)}× as important as ${criteria[ratio >= 1 ? y : x].label} (${words}).`;
    sentence.textContent = text;
    slider.setAttribute('aria-valuetext', judged ? text : 'not compared yet; equal');
  };
  say(r, Boolean(j));
  const judge = (/** @type {number} */ ratio) => {
    const old = d.judged.get(key(x, y));
    // Kept the way round the file had it (with its other fields).
    const next = old ? { ...old, ratio: old.a === x ? ratio : 1 / ratio } : { a: x, b: y, ratio, extra: {} };
    d.judged.set(key(x, y), next);
    recheck();
  };
  slider.addEventListener('input', () => {
    const ratio = ratioAt(Number(slider.value));
    judge(ratio);
    say(ratio, true);
    renderStatus();
  });
  // A change (released, or a key) redraws the list and the advice; the slider keeps the focus.
  slider.addEventListener('change', () => { renderEditor(); focusSlider(); });
  const go = (/** @type {number} */ step) => {
    if (step > 0 && !d.judged.has(key(x, y))) judge(1); // "next" on an untouched pair: equal
    d.at = Math.max(0, Math.min(all.length - 1, d.at + step));
    renderEditor();
    focusSlider();
  };
  slider.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter') { ev.preventDefault(); go(1); }
  });
  // Under every other step of the slider: 9× … = … 9×.
  const ticks = h('div', { class: 'pair-ticks', 'aria-hidden': 'true' },
    ...[9, 7, 5, 3, 1, 3, 5, 7, 9].map((n, i) => h('span', { text: n === 1 ? '=' : `${n}×`,
      style: `left:calc(var(--thumb) / 2 + (100% - var(--thumb)) * ${i / 8})` })));

  const status = h('div', { class: 'pair-status', 'data-testid': 'pairwise-cr', 'aria-live': 'polite' });
  const weights = h('div', { class: 'pair-weights' });
  const renderStatus = () => {
    replace(status, ...statusParts(d));
    replace(weights, ...weightParts(d));
  };
  renderStatus();

  const list = h('ol', { class: 'pair-list', 'aria-label': 'All pairs' }, ...all.map(([p, q], i) => {
    const jj = d.judged.get(key(p, q));
    const text = jj ? phrase(p, q, ratioXY(jj, p)) : 'not compared yet';
    return h('li', { class: `${i === d.at ? 'current' : ''}${advised.has(key(p, q)) ? ' advised' : ''}` },
      h('button', { type: 'button', class: 'link pair-link', 'aria-current': i === d.at ? 'step' : null,
        onclick: () => { d.at = i; renderEditor(); focusSlider(); } },
      `${criteria[p].label} vs ${criteria[q].label}`),
      h('span', { class: jj ? 'pair-value' : 'pair-value muted', text: text }),
      advised.has(key(p, q)) ? h('span', { class: 'pair-flag', title: 'contradicts the other answers', text: '⚠' }) : null);
  }));
  const left = all.filter(([p, q]) => !d.judged.has(key(p, q))).length;

  return h('div', { class: 'pairwise' },
    include,
    h('div', { class: 'pair-card' },
      h('p', { class: 'pair-progress muted', 'data-testid': 'pairwise-progress' },
        `Pair ${d.at + 1} of ${all.length}`, ` · ${all.length - left} compared`),
      h('p', { class: 'pair-question', text: 'Which matters more, and how much more?' }),
      h('div', { class: 'pair-row' },
        h('span', { class: 'pair-end left' }, h('span', { class: 'swatch', style: `background:${criterionColour(x)}`, 'aria-hidden': 'true' }), criteria[x].label),
        h('span', { class: 'pair-track' }, slider, ticks),
        h('span', { class: 'pair-end right' }, criteria[y].label, h('span', { class: 'swatch', style: `background:${criterionColour(y)}`, 'aria-hidden': 'true' }))),
      sentence,
      here ? h('p', { class: 'pair-warning', 'data-testid': 'pairwise-here' },
        `⚠ Your other answers imply ${phrase(x, y, here.a === x ? here.implied : 1 / here.implied, true)}.`) : null,
      h('div', { class: 'pair-nav' },
        h('button', { type: 'button', class: 'small ghost', 'data-testid': 'pairwise-prev', disabled: d.at === 0 || null, onclick: () => go(-1) }, '◀ Previous pair'),
        h('span', { class: 'spacer' }),
        left > 0 ? h('button', { type: 'button', class: 'small link', 'data-testid': 'pairwise-all-equal',
          title: 'Count every pair not compared yet as equally important',
          onclick: () => { for (const [p, q] of all) if (!d.judged.has(key(p, q))) d.judged.set(key(p, q), { a: p, b: q, ratio: 1, extra: {} }); recheck(); renderEditor(); } },
        `count the ${left} left as equal`) : null,
        h('button', { type: 'button', class: 'small', 'data-testid': 'pairwise-next', disabled: d.at === all.length - 1 || null, onclick: () => go(1) }, 'Next pair ▶'))),
    status,
    weights,
    h('details', { class: 'pair-all', open: all.length <= 10 || null }, h('summary', {}, `All ${all.length} pairs`), list));
}

function focusSlider() {
  /** @type {HTMLElement | null} */ (dialog.querySelector('[data-testid=pairwise-slider]'))?.focus();
}

/** The weights the answers give (so far). @param {Draft} d */
function weightParts(d) {
  const c = d.check;
  const criteria = S.model.criteria;
  if (!c?.connected) return [];
  return [h('p', { class: 'muted small-print', text: c.complete ? 'Weights' : 'Weights so far' }),
    h('div', { class: 'so-far', 'aria-label': 'Weights so far', 'data-testid': 'pairwise-weights' }, ...d.set.map((k) => h('div', { class: 'so-far-row' },
      h('span', { class: 'crit-name', text: criteria[k].label }),
      h('span', { class: 'so-far-track' }, h('span', { class: 'so-far-bar', style: `width:${Math.round(100 * c.weights[k])}%;background:${criterionColour(k)}` })),
      h('span', { class: 'num', text: pct(c.weights[k]) }))))];
}

/** The consistency as the person goes, with what to change first when it is poor. @param {Draft} d */
function statusParts(d) {
  const c = d.check;
  if (!c) return [h('p', { class: 'muted', text: 'Compare the pairs to see the weights.' })];
  if (!c.connected) {
    return [h('p', { class: 'cr-line muted', text: `Weights and consistency appear once every criterion is compared with another (${c.compared} of ${c.pairs} pairs so far).` })];
  }
  const so = c.complete ? '' : ' so far';
  const line = c.inconsistent
    ? h('p', { class: 'cr-line bad' }, h('strong', { text: `Consistency${so}: CR ${fmt(c.cr, 2)} — above ${c.limit}.` }),
      ' Some answers contradict the others (if A beats B and B beats C, A should beat C by about both together).')
    : h('p', { class: 'cr-line ok' }, h('strong', { text: `Consistency${so}: CR ${fmt(c.cr, 2)}` }),
      c.cr === 0 ? ' — the answers agree with each other.' : ` — fine (up to ${c.limit} is).`);
  const items = c.inconsistent ? (c.advice.length ? c.advice : c.worst) : [];
  const fix = items.length ? h('ul', { class: 'pair-advice', 'data-testid': 'pairwise-advice' }, ...items.map((f) => adviceLine(f, () => {
    const j = d.judged.get(key(f.a, f.b));
    if (!j) return;
    j.ratio = j.a === f.a ? f.suggested : 1 / f.suggested;
    const i = pairs(d.set).findIndex(([p, q]) => key(p, q) === key(f.a, f.b));
    if (i >= 0) d.at = i;
    recheck();
    renderEditor();
    focusSlider();
  }, 'Use that'))) : null;
  return [line, fix];
}

/** An id from a label: "Équipe grands comptes" → "equipe-grands-comptes" (Rust makes it unique). @param {string} label */
function idFrom(label) {
  return label.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 40).replace(/-+$/, '');
}

/** The draft as the file writes a view. @param {Draft} d */
function draftJson(d) {
  const criteria = S.model.criteria;
  const raw = { ...d.raw };
  raw.label = String(raw.label ?? '').trim();
  if (!raw.id) raw.id = S.wb.fresh_view_id(idFrom(raw.label));
  if (raw.say === undefined || raw.say === '' || raw.say === 1) delete raw.say;
  if (d.mode === 'weights') {
    delete raw.pairwise;
    raw.weights = Object.fromEntries(criteria.map((c, k) => [c.id, d.points[k]]));
  } else {
    delete raw.weights;
    raw.pairwise = pairs(d.set).map(([x, y]) => d.judged.get(key(x, y)))
      .filter(Boolean)
      .map((j) => ({ a: criteria[j.a].id, b: criteria[j.b].id, ratio: j.ratio, ...j.extra }));
  }
  return raw;
}

/** @param {HTMLElement} error */
function saveDraft(error) {
  const d = draft;
  if (!d) return;
  if (!String(d.raw.label ?? '').trim()) {
    error.textContent = 'Give the person or role a name.';
    /** @type {HTMLElement | null} */ (dialog.querySelector('[data-testid=view-label]'))?.focus();
    return;
  }
  const raw = draftJson(d);
  const adding = d.index >= S.wb.view_count();
  const ok = store.change(() => { S.wb.put_view(d.index, JSON.stringify(raw)); return true; },
    { what: adding ? 'Adding the view' : 'Saving the view', onError: (message) => { error.textContent = message; } });
  if (ok) {
    dialog.close();
    toast(adding ? `Added the view of "${raw.label}".` : `Saved the view of "${raw.label}".`);
  }
}

/** Downloads a file with blanks for a new person to fill in; nothing changes here. @param {HTMLElement} error */
function askSomeone(error) {
  const d = draft;
  if (!d) return;
  const label = String(d.raw.label ?? '').trim();
  if (!label) {
    error.textContent = 'Give the person or role a name first: the file is made for them.';
    /** @type {HTMLElement | null} */ (dialog.querySelector('[data-testid=view-label]'))?.focus();
    return;
  }
  const id = S.wb.fresh_view_id(idFrom(label));
  download(S.wb.view_template(id, label), `${slug(label)}.thresh-view.json`);
  dialog.close();
  toast(`Saved ${slug(label)}.thresh-view.json: send it to ${label} to fill in; when it comes back, use “Import a view…”.`);
}
