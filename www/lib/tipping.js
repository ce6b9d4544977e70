// The weights' tipping bands in the model panel (robustness-v1 §3): under each weight's
// slider, the stretch of weights in which the top K stays the same set of requests (a band
// over the slider's track) and what happens just past each end, in Rust's words ("the top
// 10 holds from 2.4 to 6.1; above 6.1, FS-108 replaces FS-109"); above the criteria, the
// weight whose smallest move changes the top. Recomputed by Rust from the prepared table
// after every read of the scenario, weight drags included (once per frame; a few ms for
// 10,000 requests). Where one computation takes longer than a frame can spare (about 60 ms
// for 100,000 requests), a drag dims the bands and they are computed when it pauses.

import { h, byId, replace } from './dom.js';

/** @typedef {import('../store.js').Store} Store */
/** @typedef {import('../pkg/thresh.js').Tipping} Tipping */

/** The last bands computed, and the scenario state they are for. */
let last = /** @type {{key: string, tipping: Tipping | null}} */ ({ key: '', tipping: null });
let frame = 0;
let pause = 0;
/** What the last computation cost, in ms. */
let cost = 0;
/** Longer than this and the bands wait for a drag to pause. */
const LIVE_MS = 12;
const PAUSE_MS = 150;

/**
 * The band's place in a criterion row, under its slider (filled by `mountBands`).
 * @param {number} k the criterion's index @param {string} id its id
 */
export function tippingBand(k, id) {
  return h('div', { class: 'tipping', dataset: { k: String(k) }, 'data-testid': 'tipping-band', 'data-criterion': id, hidden: true },
    h('div', { class: 'tipping-track', 'aria-hidden': 'true' }, h('span', { class: 'tipping-span' })),
    h('p', { class: 'tipping-words' }));
}

/**
 * Keeps the bands current: after every read of the scenario (painted at once from the
 * last bands when the rows were rebuilt, then computed again before the next frame) and
 * when K changes. `sliderMax` is the sliders' top weight.
 * @param {Store} store @param {number} sliderMax
 */
export function mountBands(store, sliderMax) {
  const S = store.state;
  const keyOf = () => `${S.gen}|${S.revision}|${S.robustTop}|${S.weights.join(',')}`;
  const compute = () => {
    frame = 0;
    if (!S.wb) return;
    const key = keyOf();
    if (key !== last.key) {
      const t0 = performance.now();
      last = { key, tipping: S.order.length ? S.wb.tipping(S.robustTop || undefined) : null };
      cost = performance.now() - t0;
    }
    paint(S, last.tipping, sliderMax);
  };
  /** @param {{live?: boolean}} [update] */
  const schedule = (update) => {
    // Rows the model panel has just rebuilt show the last bands until the new ones come.
    if (document.querySelector('#criteria .tipping[hidden]')) paint(S, last.tipping, sliderMax);
    clearTimeout(pause);
    if (update?.live && cost > LIVE_MS) {
      byId('criteria').classList.add('tipping-pending');
      pause = window.setTimeout(() => { if (!frame) frame = requestAnimationFrame(compute); }, PAUSE_MS);
      return;
    }
    if (!frame) frame = requestAnimationFrame(compute);
  };
  store.subscribe('data', schedule);
  store.subscribe('robust', () => schedule());
  store.subscribe('scenario', () => { last = { key: '', tipping: null }; });
}

/** @param {Readonly<import('../store.js').State>} S @param {Tipping | null} tipping @param {number} sliderMax */
function paint(S, tipping, sliderMax) {
  byId('criteria').classList.remove('tipping-pending');
  const decisive = byId('tipping-decisive');
  const d = tipping?.decisive;
  decisive.hidden = !d;
  if (d) {
    const label = S.model.criteria[d.criterion]?.label ?? '';
    // Rust's words, the criterion's name in bold: "ARR behind the asks decides: moving its weight …".
    const named = label && d.words.startsWith(label);
    replace(decisive, h('strong', { text: named ? label : '' }), `${named ? d.words.slice(label.length) : d.words}.`);
    decisive.title = `Of all the weights, this one changes the top ${tipping?.top} with the smallest move (each weight moved alone, the others held; likely values).`;
  }
  const bands = new Map((tipping?.bands ?? []).map((b) => [b.criterion, b]));
  for (const el of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('#criteria .tipping'))) {
    const k = Number(el.dataset.k);
    const b = bands.get(k);
    el.hidden = !b;
    if (!b) continue;
    const span = /** @type {HTMLElement} */ (el.querySelector('.tipping-span'));
    const low = Math.min(b.low, sliderMax);
    const high = Math.min(b.high ?? sliderMax, sliderMax);
    span.style.left = `${(low / sliderMax) * 100}%`;
    span.style.width = `${(Math.max(high - low, 0) / sliderMax) * 100}%`;
    span.classList.toggle('open-low', b.low <= 0);
    span.classList.toggle('open-high', b.high === null || b.high > sliderMax);
    const words = /** @type {HTMLElement} */ (el.querySelector('.tipping-words'));
    words.textContent = b.words;
    el.title = `${b.words}.\n${b.first_words}.\n(Only this weight moved, the others held; likely values.)`;
    el.classList.toggle('decisive', d?.criterion === k);
  }
}
