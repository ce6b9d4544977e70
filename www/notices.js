// What the page tells the PM outside the views: banners (what went wrong, where, and what to
// do), the toast (a short message, perhaps with Undo), the save status in the top bar, and
// the line saying why the open scenario cannot be ranked. Imports only lib/.

import { h, byId, replace } from './lib/dom.js';

/**
 * A banner's button: its label, what it does (the banner closes first), and its
 * data-testid if it has one.
 * @typedef {[string, () => void] | [string, () => void, string]} NoticeAction
 */

/**
 * Shows (or replaces) the banner under `key`. `kind` is 'error' or 'warning'. Errors carry
 * data-testid="error" so tests and assistive tech can find them.
 * @param {string} key @param {string} title @param {string} message
 * @param {{kind?: 'error' | 'warning', actions?: NoticeAction[]}} [opts]
 */
export function banner(key, title, message, opts = {}) {
  const kind = opts.kind ?? 'error';
  clearBanner(key);
  const actions = (opts.actions ?? []).map(([label, fn, testid]) =>
    h('button', { type: 'button', class: 'small ghost', 'data-testid': testid ?? null, onclick: () => { clearBanner(key); fn(); } }, label));
  const el = h('div', { class: `banner ${kind}`, role: kind === 'error' ? 'alert' : 'status', dataset: { key },
    'data-testid': kind === 'error' ? 'error' : 'warning' },
    h('div', { class: 'message' }, h('strong', { text: title }), message),
    ...actions,
    h('button', { type: 'button', class: 'small ghost', 'aria-label': 'Dismiss', onclick: () => clearBanner(key) }, '✕'));
  byId('banners').append(el);
}

/** Whether the banner under `key` is shown. @param {string} key */
export function isShown(key) {
  return [...byId('banners').querySelectorAll('.banner')].some((el) => /** @type {HTMLElement} */ (el).dataset.key === key);
}

/** Removes the banner under `key`, if it is shown. @param {string} key */
export function clearBanner(key) {
  for (const el of byId('banners').querySelectorAll('.banner')) {
    if (/** @type {HTMLElement} */ (el).dataset.key === key) el.remove();
  }
}

let toastTimer = 0;

/**
 * A short message for eight seconds, with an optional action (Undo).
 * @param {string} message @param {NoticeAction} [action]
 */
export function toast(message, action) {
  const el = byId('toast');
  replace(el, h('span', { text: message }),
    action ? h('button', { type: 'button', onclick: () => { el.hidden = true; action[1](); } }, action[0]) : null);
  el.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = window.setTimeout(() => { el.hidden = true; }, 8000);
}

/** Hides the toast (its action no longer applies). */
export function hideToast() {
  byId('toast').hidden = true;
}

/**
 * @typedef {'saving' | 'saved' | 'unsaved'} SaveState
 *   saving: a change is waiting to be written, or being written; saved: everything shown
 *   is on disk (the last write's transaction has committed), or nothing is open; unsaved:
 *   a write failed or was refused, and the work is only in this tab
 */

const SAVE_TEXT = new Map([['saving', 'Saving…'], ['saved', 'Saved locally ✓'], ['unsaved', 'Not saved']]);
const SAVE_CLASS = new Map([['saving', ''], ['saved', 'ok'], ['unsaved', 'bad']]);

/**
 * The save status in the top bar (data-state: saving | saved | unsaved). `detail` says
 * more in a tooltip (and, for unsaved, after the words); `blank`: nothing is open, so
 * nothing is said.
 * @param {SaveState} state @param {{detail?: string, blank?: boolean}} [opts]
 */
export function saveStatus(state, { detail = '', blank = false } = {}) {
  const el = byId('save-status');
  const text = blank ? '' : state === 'unsaved' && detail ? `Not saved: ${detail}` : SAVE_TEXT.get(state);
  if (el.textContent !== text) el.textContent = text;
  el.className = `save-status ${blank ? '' : SAVE_CLASS.get(state)}`;
  el.dataset.state = state;
  el.title = detail;
}

let noteTimer = 0;

/**
 * A quiet line beside the save status, shown once (for a minute, or until dismissed):
 * what the PM should know about this browser's storage.
 * @param {string} text
 */
export function storageNote(text) {
  const el = byId('storage-note');
  replace(el, h('span', { text }),
    h('button', { type: 'button', class: 'link', 'aria-label': 'Dismiss', onclick: () => { el.hidden = true; } }, '✕'));
  el.hidden = false;
  clearTimeout(noteTimer);
  noteTimer = window.setTimeout(() => { el.hidden = true; }, 60_000);
}

/**
 * Says why the open scenario cannot be ranked, or hides the line (`null`). Cheap when
 * nothing changed: it runs after every re-score, weight drags included.
 * @param {string | null} problem
 */
export function scoreProblem(problem) {
  const el = byId('score-error');
  if (problem) {
    if (el.dataset.shown !== problem) {
      replace(el, h('strong', { text: 'This scenario cannot be ranked yet. ' }), problem);
      el.dataset.shown = problem;
    }
    el.hidden = false;
  } else if (!el.hidden) {
    el.hidden = true;
    el.dataset.shown = '';
  }
}
