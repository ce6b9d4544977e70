// The team's views in the ranking (issue 13): beside each request, a compact strip with
// each person's (or role's) rank of it — highlighted when it is in their top K — and
// above the ranking, the agreement at K in words. The ranking calls these few helpers;
// the numbers and the words come from Rust (Workbench.team_ranks), read once per read of
// the scenario and kept here until the next. Imports lib/ only.

import { h, replace } from './dom.js';

/** @typedef {import('../pkg/thresh.js').TeamRanks} TeamRanks */

/**
 * What the strip needs of the page's state (the store's State is one).
 * @typedef {object} StripState
 * @property {import('../pkg/thresh.js').Workbench | null} wb
 * @property {number} revision  the scenario's revision: the views' ranks change only with it
 * @property {number} gen  another scenario shown
 * @property {boolean} teamRanks  the strip is asked for
 * @property {number} teamTop  K (0: the default)
 */

/** Width of one view's chip, and the gap between chips, in pixels. */
const CHIP = 30;
const GAP = 2;
/** Words left out of a label's initials. */
const SMALL_WORDS = new Set(['of', 'the', 'and', 'for', 'de', 'du', 'des', 'la', 'le', 'et', 'a', 'an', '&']);

/** @type {{key: string, data: TeamRanks | null}} */
let cache = { key: '', data: null };

/**
 * The ranks to show, or null: the strip is off, or there are no views, or they cannot
 * rank the scenario. Asked from Rust once per revision of the scenario: each view ranks
 * by its own weights, so moving the model's weights (no new revision) changes none of
 * them, and a weight drag does not rank every view again on each frame.
 * @param {StripState} S @returns {TeamRanks | null}
 */
export function teamRanks(S) {
  if (!S.teamRanks || !S.wb) return null;
  const key = `${S.gen}|${S.revision}|${S.teamTop}`;
  if (cache.key !== key) {
    cache = { key, data: S.wb.view_count() ? S.wb.team_ranks(S.teamTop || undefined) : null };
  }
  return cache.data;
}

/**
 * A key that changes when the strip's columns change (shown or not, which views, K): the
 * ranking rebuilds its header and rows when it does.
 * @param {StripState} S
 */
export function stripKey(S) {
  const d = teamRanks(S);
  return d ? `${d.top}|${d.ids.join('\u0001')}|${d.labels.join('\u0001')}` : '';
}

/** The strip's width in px (with the gap before it), or 0 when it is not shown. @param {StripState} S */
export function stripWidth(S) {
  const d = teamRanks(S);
  return d ? d.ids.length * (CHIP + GAP) - GAP + 8 : 0;
}

/** The strip's grid column (' 96px'), or '' when it is not shown. @param {StripState} S */
export function stripColumn(S) {
  const d = teamRanks(S);
  return d ? ` ${d.ids.length * (CHIP + GAP) - GAP}px` : '';
}

/** "Head of customer success" → "HCS"; "Key-account team" → "KAT". @param {string} label */
export function initials(label) {
  const words = label.split(/[\s\-_/.,()]+/).filter((w) => w && !SMALL_WORDS.has(w.toLowerCase()));
  const letters = words.map((w) => [...w][0].toUpperCase()).join('');
  return [...(letters || label)].slice(0, 3).join('') || '?';
}

/** The strip's header: each view's initials, its label in the tooltip. @param {StripState} S */
export function stripHead(S) {
  const d = teamRanks(S);
  if (!d) return null;
  return h('span', { class: 'rank-strip head', title: `Each view's rank of the request; highlighted: in that view's top ${d.top}` },
    ...d.labels.map((label) => h('span', { class: 'chip', title: label, text: initials(label) })));
}

/** An empty strip for a row (null when the strip is not shown). @param {StripState} S */
export function stripCell(S) {
  const d = teamRanks(S);
  if (!d) return null;
  return h('span', { class: 'rank-strip', 'data-testid': 'rank-strip' },
    ...d.ids.map(() => h('span', { class: 'chip' })));
}

/**
 * Writes request `i`'s rank by each view into its strip (only when they changed).
 * @param {HTMLElement | null} el @param {StripState} S @param {number} i
 */
export function fillStrip(el, S, i) {
  const d = teamRanks(S);
  if (!el || !d) return;
  const n = d.team.length;
  const ranks = d.ids.map((_, v) => d.ranks[v * n + i] ?? 0);
  const shown = `${d.top}|${ranks.join(',')}|${d.team[i]}`;
  if (el.dataset.shown === shown) return;
  el.dataset.shown = shown;
  const chips = /** @type {HTMLElement[]} */ ([...el.children]);
  ranks.forEach((rank, v) => {
    const chip = chips[v];
    if (!chip) return;
    chip.textContent = rank ? String(rank) : '–';
    chip.className = `chip${rank && rank <= d.top ? ' in-top' : ''}`;
  });
  const says = d.labels.map((label, v) => `${label}: ${ranks[v] ? `#${ranks[v]}` : 'not ranked'}`);
  if (d.team[i]) says.push(`the team compromise: #${d.team[i]}`);
  const text = `${says.join(' · ')} (top ${d.top} highlighted)`;
  el.title = text;
  el.setAttribute('aria-label', `Ranks by view: ${text}`);
}

/**
 * The agreement at K in words, above the ranking, while the strip is shown: the count,
 * then the requests some views have in their top K and others not (two, then how many more).
 * @param {HTMLElement} el @param {StripState} S
 */
export function renderAgreement(el, S) {
  const d = teamRanks(S);
  if (!d) {
    if (!el.hidden) el.hidden = true;
    return;
  }
  const [count, ...splits] = d.words;
  const shown = splits.slice(0, 2);
  const more = splits.length - shown.length;
  const text = [count, ...shown].join('; ') + (more > 0 ? `; and ${more} more (see Team).` : '.');
  if (el.dataset.shown !== text) {
    el.dataset.shown = text;
    replace(el, h('strong', { text: 'Team: ' }), text);
    el.title = d.words.join('\n');
  }
  el.hidden = false;
}
