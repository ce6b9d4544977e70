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

/**
 * The colour of criterion `k`, the same in the slider, the bar and the chart, and never
 * the same as another criterion's: Okabe–Ito first (colour-blind safe; --c0…--c6, the
 * grey --c7 is kept for "no bucket"), then Paul Tol's muted palette, then hues a golden
 * angle apart.
 */
export function criterionColour(k) {
  if (k < 7) return `var(--c${k})`;
  if (k < 7 + MORE_COLOURS.length) return MORE_COLOURS[k - 7];
  return `hsl(${Math.round(((k - 7 - MORE_COLOURS.length) * 137.508) % 360)} 55% 45%)`;
}
const MORE_COLOURS = ['#332288', '#88ccee', '#117733', '#999933', '#882255', '#44aa99', '#ddcc77', '#aa4499', '#cc6677'];

/**
 * A score as `thresh rank --json` writes it (the core's json::number::shortest): the
 * shortest digits that read back to the same float, plain decimals from 1e-5 to below
 * 1e16 with `.0` on whole numbers (`100.0`), an exponent beyond (`1e16`, `1.5e-7`).
 * @param {number} x  finite
 */
export function jsonNumber(x) {
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  // toExponential() without digits gives the shortest round-trip digits: "-1.2345e-7".
  const [mantissa, exp] = x.toExponential().split('e');
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const length = digits.length;
  const kk = Number(exp) + 1; // the value is 0.d1d2… × 10^kk
  const k = kk - length;
  let out = negative ? '-' : '';
  if (k >= 0 && kk <= 16) out += `${digits}${'0'.repeat(k)}.0`;
  else if (kk > 0 && kk <= 16) out += `${digits.slice(0, kk)}.${digits.slice(kk)}`;
  else if (kk > -5 && kk <= 0) out += `0.${'0'.repeat(-kk)}${digits}`;
  else out += `${digits[0]}${length > 1 ? `.${digits.slice(1)}` : ''}e${kk - 1}`;
  return out;
}

/**
 * An amount of money in the scenario's currency (an ISO 4217 code, or none: a plain
 * number), whole units, in the PM's own format: "€840,000", "840,000".
 * @param {number} x @param {string | null | undefined} currency
 */
export function money(x, currency) {
  const key = currency || '';
  let f = MONEY.get(key);
  if (!f) {
    try {
      f = new Intl.NumberFormat(undefined, currency
        ? { style: 'currency', currency, maximumFractionDigits: 0, minimumFractionDigits: 0 }
        : { maximumFractionDigits: 0 });
    } catch {
      f = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
    }
    MONEY.set(key, f);
  }
  return f.format(x);
}
/** @type {Map<string, Intl.NumberFormat>} */
const MONEY = new Map();

/** A share in [0, 1] as a percent for people: "25%", "12.5%". @param {number} share */
export function percent(share) {
  return `${Math.round(share * 1000) / 10}%`;
}

/**
 * What is wrong with a bucket's shares (each in [0, 1]), said in percent as the page shows
 * them; null when nothing is. (The core checks them again, in the file's own terms.)
 * @param {number | undefined} min @param {number | undefined} max
 */
export function sharesProblem(min, max) {
  /** @type {[string, number | undefined][]} */
  const shares = [['minimum', min], ['maximum', max]];
  for (const [name, x] of shares) {
    if (x !== undefined && !(x >= 0 && x <= 1)) return `A ${name} share is a percent from 0 to 100; ${Number.isFinite(x) ? percent(x) : 'that'} is not one.`;
  }
  if (min !== undefined && max !== undefined && min > max) return `The minimum share (${percent(min)}) must not be above the maximum (${percent(max)}).`;
  return null;
}

/** The words of a request's status, as the file and CSV files write them. */
export const STATUS_WORDS = ['open', 'planned', 'in-progress', 'done', 'declined'];
/** Statuses that archive a request (it takes no part in ranking or the plan). */
export const ARCHIVED_STATUSES = ['done', 'declined'];

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

/**
 * Why a request cannot be scored, naming criteria by their labels: the core writes the
 * criterion's id first ("effort is 0, and …"), or the cost criteria's ids in parentheses
 * (the ratio method's "the weighted cost (effort + risk) is 0, …").
 * @param {{criterion: number | null, reason: string}} u @param {{id: string, label: string}[]} criteria
 */
export function reasonInWords(u, criteria) {
  if (u.criterion !== null && criteria[u.criterion]) {
    const c = criteria[u.criterion];
    return u.reason.startsWith(`${c.id} `) ? `${c.label}${u.reason.slice(c.id.length)}` : u.reason;
  }
  return u.reason.replace(/^the weighted cost \(([^)]*)\)/, (_, ids) =>
    `the weighted cost (${ids.split(' + ').map((id) => criteria.find((c) => c.id === id)?.label ?? id).join(' + ')})`);
}
