// What the page tells the PM outside the views: banners (what went wrong, where, and what to
// do), the toast (a short message, perhaps with Undo), the save status in the top bar, and
// the line saying why the open scenario cannot be ranked. Imports only lib/.

import { h, byId, replace } from './lib/dom.js';

/**
 * A banner's button: its label and what it does (the banner closes first).
 * @typedef {[string, () => void]} NoticeAction
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
  const actions = (opts.actions ?? []).map(([label, fn]) =>
    h('button', { type: 'button', class: 'small ghost', onclick: () => { clearBanner(key); fn(); } }, label));
  const el = h('div', { class: `banner ${kind}`, role: kind === 'error' ? 'alert' : 'status', dataset: { key },
    'data-testid': kind === 'error' ? 'error' : 'warning' },
    h('div', { class: 'message' }, h('strong', { text: title }), message),
    ...actions,
    h('button', { type: 'button', class: 'small ghost', 'aria-label': 'Dismiss', onclick: () => clearBanner(key) }, '✕'));
  byId('banners').append(el);
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
 * The save status in the top bar: "Saving…", "Saved locally ✓" (`ok`), "Not saved" (`bad`).
 * @param {string} text @param {'' | 'ok' | 'bad'} cls
 */
export function saveStatus(text, cls) {
  const el = byId('save-status');
  el.textContent = text;
  el.className = `save-status ${cls}`;
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
