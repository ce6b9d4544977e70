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
  raw: new Float64Array(0),
  origins: new Uint8Array(0),
  flags: new Uint8Array(0),
  order: new Uint32Array(0),
  ranks: new Uint32Array(0),
  scores: new Float64Array(0),
  values: new Float64Array(0),
  movement: new Int32Array(0),
  contributions: new Float64Array(0),
  /** @type {string | null} */ scoreError: null,
  /** request indices shown, in rank order */ visible: new Uint32Array(0),
  selected: -1,
  view: 'ranking',
  firstPaint: false,
};

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
