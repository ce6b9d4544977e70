// How values are written on the page, the same in every view: numbers, file names, dates,
// and the colours of criteria and buckets. Imports nothing.

/** One decimal unless more is needed; tabular figures are the stylesheet's job. */
export function fmt(x, digits = 1) {
  if (!Number.isFinite(x)) return '—';
  if (x !== 0 && Math.abs(x) < 0.05 && digits <= 2) return x.toPrecision(2);
  const abs = Math.abs(x);
  if (abs >= 1e6) return `${(x / 1e6).toFixed(abs >= 1e7 ? 0 : 1)}M`;
  if (abs >= 1e4) return `${(x / 1e3).toFixed(0)}k`;
  return Number.isInteger(x) ? String(x) : x.toFixed(digits);
}

/** A file name from a scenario name. */
export function slug(name) {
  const s = name.normalize('NFKD').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').toLowerCase();
  return (s || 'scenario').slice(0, 80);
}

/** Today as YYYY-MM-DD (local time). */
export function today() {
  const d = new Date();
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** The colour of criterion `k`, the same in the slider, the bar and the chart. */
export function criterionColour(k) {
  return `var(--c${k % 8})`;
}

/** Bucket colours for the chart (Okabe–Ito, offset from the criteria's). */
export function bucketColour(b) {
  return `var(--c${BUCKET_PALETTE[b % BUCKET_PALETTE.length]})`;
}
const BUCKET_PALETTE = [4, 5, 2, 3, 0, 1, 6];

/** A request's plan pin as a select offers it: [value, text]. */
export const PIN_CHOICES = [['', 'free'], ['must', 'must do'], ['never', 'never']];

const DATE = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });

/** A moment (ms since 1970) as a day, in the PM's own format ("6 Dec 2026"). @param {number} ms */
export function day(ms) {
  return DATE.format(new Date(ms));
}
