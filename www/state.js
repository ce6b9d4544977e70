// The page's view state. The scenario itself lives in Rust (`S.wb`); these are the arrays
// last read from it and what the PM is looking at.

export const S = {
  /** @type {import('./pkg/thresh.js').Workbench | null} */ wb: null,
  /** @type {import('./pkg/thresh.js').Library | null} */ lib: null,
  /** @type {string | null} library id of the open scenario */ id: null,
  revision: -1,
  /** @type {any} the model, buckets, sources, accounts (JSON from Rust) */ model: null,
  /** @type {{id: string, title: string, bucket: string | null, tags: string[], plan: string | null}[]} */ requests: [],
  n: 0,
  k: 0,
  raw: /** @type {Float64Array} */ (new Float64Array(0)),
  origins: /** @type {Uint8Array} */ (new Uint8Array(0)),
  flags: /** @type {Uint8Array} */ (new Uint8Array(0)),
  order: /** @type {Uint32Array} */ (new Uint32Array(0)),
  ranks: /** @type {Uint32Array} */ (new Uint32Array(0)),
  scores: /** @type {Float64Array} */ (new Float64Array(0)),
  values: /** @type {Float64Array} */ (new Float64Array(0)),
  movement: /** @type {Int32Array} */ (new Int32Array(0)),
  contributions: /** @type {Float64Array} */ (new Float64Array(0)),
  /** @type {string | null} */ scoreError: null,
  /** request indices shown, in rank order */ visible: /** @type {Uint32Array} */ (new Uint32Array(0)),
  selected: -1,
  view: 'ranking',
  firstPaint: false,
  /** increases whenever another scenario is shown: caches keyed on it start over */ gen: 0,
  /** counts reads of the state from Rust: a plan is stale when it moved */ pulls: 0,
};

/** @type {[number, string][]} */
export const FLAG_NAMES = [[1, 'incomplete'], [2, 'single-account'], [4, 'overdue']];

/** The colour of criterion `k`, the same in the slider, the bar and the chart. */
export function criterionColour(k) {
  return `var(--c${k % 8})`;
}

/** Bucket colours for the chart (Okabe–Ito, offset from the criteria's). */
export function bucketColour(b) {
  return `var(--c${BUCKET_PALETTE[b % BUCKET_PALETTE.length]})`;
}
const BUCKET_PALETTE = [4, 5, 2, 3, 0, 1, 6];
