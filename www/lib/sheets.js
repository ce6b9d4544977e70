// Spreadsheets in the page, before and after Rust reads them (sharing-v1 §4, §5): which
// files are spreadsheets, bytes → text (the browser's TextDecoder, so the page's
// WebAssembly carries no encoding tables), a likely encoding for a file that is not UTF-8,
// the key under which a mapping is remembered, and the CSV style of the PM's locale.
// No DOM. Imports nothing.

/** File name endings read as spreadsheets (a `.json` is a scenario). */
const SHEET_ENDINGS = ['.csv', '.tsv', '.tab', '.txt', '.psv'];
const SHEET_TYPES = ['text/csv', 'text/tab-separated-values', 'text/plain', 'application/csv', 'application/vnd.ms-excel'];
/** Workbooks Thresh cannot read: the PM is told to save them as CSV. */
const WORKBOOK_ENDINGS = ['.xlsx', '.xlsm', '.xls', '.ods', '.numbers'];

/**
 * What a file is, from its name, type and first bytes: 'scenario' (JSON), 'sheet' (CSV,
 * TSV, text) or 'workbook' (xlsx and the like, which must be saved as CSV first).
 * @param {{name: string, type?: string}} file @param {Uint8Array} head  its first bytes
 * @returns {'scenario' | 'sheet' | 'workbook'}
 */
export function kindOf(file, head) {
  const name = file.name.toLowerCase();
  if (WORKBOOK_ENDINGS.some((e) => name.endsWith(e))) return 'workbook';
  // A zip (xlsx, ods) or an OLE2 compound file (xls), whatever its name.
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'workbook';
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) return 'workbook';
  if (name.endsWith('.json')) return 'scenario';
  if (SHEET_ENDINGS.some((e) => name.endsWith(e))) return 'sheet';
  if (SHEET_TYPES.includes((file.type ?? '').split(';')[0].trim().toLowerCase())) return 'sheet';
  // No telling name: a scenario file starts with `{` (after a BOM and spaces).
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d)) i++;
  return i < head.length && head[i] === 0x7b ? 'scenario' : 'sheet';
}

/**
 * The encodings the mapping step offers ([WHATWG label, what it is]); any other label
 * the browser knows works too.
 */
export const ENCODINGS = [
  ['utf-8', 'UTF-8'],
  ['utf-16le', 'UTF-16 (little-endian, Excel "Unicode text")'],
  ['utf-16be', 'UTF-16 (big-endian)'],
  ['windows-1250', 'Central European (windows-1250)'],
  ['iso-8859-2', 'Central European (ISO-8859-2)'],
  ['windows-1251', 'Cyrillic (windows-1251)'],
  ['koi8-r', 'Cyrillic (KOI8-R)'],
  ['ibm866', 'Cyrillic (DOS, IBM866)'],
  ['windows-1252', 'Western European (windows-1252)'],
  ['iso-8859-15', 'Western European (ISO-8859-15)'],
  ['windows-1253', 'Greek (windows-1253)'],
  ['windows-1254', 'Turkish (windows-1254)'],
  ['windows-1257', 'Baltic (windows-1257)'],
  ['macintosh', 'Mac Roman'],
  ['gbk', 'Chinese, simplified (GBK)'],
  ['gb18030', 'Chinese, simplified (GB18030)'],
  ['big5', 'Chinese, traditional (Big5)'],
  ['shift_jis', 'Japanese (Shift_JIS)'],
  ['euc-jp', 'Japanese (EUC-JP)'],
  ['euc-kr', 'Korean (EUC-KR)'],
];

/**
 * @typedef {object} Decoded  the text, or (text null) why the bytes are not UTF-8
 * @property {string | null} text  the text, its BOM removed; null when not decoded
 * @property {string} [encoding]  the WHATWG name it was decoded with (`utf-8`, `utf-16le`, …)
 * @property {boolean} [detected]  found by the bytes (a BOM, or valid UTF-8), not chosen
 * @property {boolean} [lossy]  some bytes could not be decoded and became U+FFFD
 * @property {string} [why]  not decoded: what is wrong, and where
 * @property {string} [suggested]  not decoded: the encoding the bytes most likely are in
 */

/**
 * Decodes a spreadsheet's bytes as §4 says: UTF-16 by its byte order mark, UTF-8 (a BOM
 * skipped) otherwise; with `label`, that encoding (a BOM of it is skipped). Bytes that are
 * not UTF-8, without a label, are not decoded: the answer says where the first one is and
 * which encoding they are probably in.
 * @param {Uint8Array} bytes @param {string | null} [label]
 * @returns {Decoded}
 */
export function decodeSheet(bytes, label = null) {
  if (label) {
    const decoder = new TextDecoder(label);
    const text = decoder.decode(bytes).replace(/^\uFEFF/, '');
    return { text, encoding: decoder.encoding, detected: false, lossy: text.includes('\uFFFD') };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16(bytes, 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16(bytes, 'utf-16be');
  const bad = firstNonUtf8(bytes);
  if (bad >= 0) {
    const { line, column } = placeOf(bytes, bad);
    const byte = bytes[bad].toString(16).toUpperCase().padStart(2, '0');
    return { text: null, why: `The file is not UTF-8: byte 0x${byte} at line ${line}, column ${column} is not UTF-8.`, suggested: likelyEncoding(bytes) };
  }
  const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
  const nul = text.indexOf('\0');
  if (nul >= 0) {
    // UTF-16 without a byte order mark looks exactly like this.
    const even = bytes.length > 1 && bytes[0] === 0;
    return { text: null, why: 'The file holds NUL characters: it is probably UTF-16 without a byte order mark.', suggested: even ? 'utf-16be' : 'utf-16le' };
  }
  return { text, encoding: 'utf-8', detected: true, lossy: false };
}

/** @param {Uint8Array} bytes @param {'utf-16le' | 'utf-16be'} label @returns {Decoded} */
function utf16(bytes, label) {
  try {
    const text = new TextDecoder(label, { fatal: true }).decode(bytes.subarray(2));
    return { text, encoding: label, detected: true, lossy: false };
  } catch {
    return { text: null, why: `The file starts with a ${label.toUpperCase()} byte order mark but is not ${label.toUpperCase()} after it.`, suggested: label };
  }
}

/** The offset of the first byte that is not part of valid UTF-8, or -1. @param {Uint8Array} b */
export function firstNonUtf8(b) {
  const n = b.length;
  let i = 0;
  while (i < n) {
    const c = b[i];
    if (c < 0x80) { i++; continue; }
    let need;
    let min = 0x80;
    let max = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) min = 0xa0;
      if (c === 0xed) max = 0x9f; // no surrogates
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) min = 0x90;
      if (c === 0xf4) max = 0x8f;
    } else return i;
    if (i + need >= n) return i; // cut off at the end
    for (let k = 1; k <= need; k++) {
      const x = b[i + k];
      const lo = k === 1 ? min : 0x80;
      const hi = k === 1 ? max : 0xbf;
      if (x === undefined || x < lo || x > hi) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** Line and column (from 1, counting bytes as characters) of byte `at`. @param {Uint8Array} b @param {number} at */
function placeOf(b, at) {
  let line = 1;
  let start = 0;
  for (let i = 0; i < at; i++) {
    if (b[i] === 0x0a) { line++; start = i + 1; }
  }
  // Characters before it on its line: the bytes that do not continue a UTF-8 sequence.
  let column = 1;
  for (let i = start; i < at; i++) if ((b[i] & 0xc0) !== 0x80) column++;
  return { line, column };
}

/** Languages whose spreadsheets are usually in windows-1250 or windows-1251. */
const CENTRAL_EUROPEAN = ['pl', 'cs', 'sk', 'hu', 'sl', 'hr', 'ro', 'bs', 'sq'];
const CYRILLIC = ['ru', 'uk', 'be', 'bg', 'sr', 'mk', 'kk'];

/**
 * The legacy encoding bytes that are not UTF-8 are most likely in: Cyrillic text is whole
 * words of high bytes (windows-1251); Latin text has a high byte here and there between
 * ASCII letters, and of the Latin code pages the one that reads the most of them as
 * letters wins (Polish "ł" is "³" in windows-1252, a letter in windows-1250); a tie goes
 * to the browser's language.
 * @param {Uint8Array} bytes @param {string} [language]
 */
export function likelyEncoding(bytes, language = globalThis.navigator?.language ?? 'en') {
  const lang = language.toLowerCase().split('-')[0];
  const sample = bytes.subarray(0, 200_000);
  let high = 0;
  let inRuns = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] < 0x80) continue;
    high++;
    if ((i > 0 && sample[i - 1] >= 0x80) || (i + 1 < sample.length && sample[i + 1] >= 0x80)) inRuns++;
  }
  if (high === 0) return 'utf-8';
  if (inRuns / high > 0.6) return 'windows-1251';
  const letters = (label) => {
    const text = new TextDecoder(label).decode(sample);
    let n = 0;
    for (const ch of text) if (ch.charCodeAt(0) >= 0x80 && /\p{L}/u.test(ch)) n++;
    return n;
  };
  const central = letters('windows-1250');
  const western = letters('windows-1252');
  if (central > western) return 'windows-1250';
  if (western > central) return 'windows-1252';
  if (CYRILLIC.includes(lang)) return 'windows-1251';
  return CENTRAL_EUROPEAN.includes(lang) ? 'windows-1250' : 'windows-1252';
}

/**
 * The key a mapping is remembered under: a hash of the header set (each header as §4
 * compares them: trimmed, lower case), so next week's export of the same tool finds it.
 * FNV-1a, 64 bits, as 16 hex digits (the record keeps the headers, so a collision is
 * told apart).
 * @param {string[]} headers
 */
export function headerKey(headers) {
  const text = JSON.stringify(headers.map(normalHeader));
  let h = 0xcbf29ce484222325n;
  const prime = 0x100000001b3n;
  const mask = (1n << 64n) - 1n;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= BigInt(byte);
    h = (h * prime) & mask;
  }
  return h.toString(16).padStart(16, '0');
}

/** A header as §4 compares headers: surrounding spaces trimmed, lower case. @param {string} header */
export function normalHeader(header) {
  return header.trim().toLowerCase();
}

/**
 * @typedef {object} CsvStyle  how an exported CSV is written
 * @property {',' | ';'} delimiter
 * @property {boolean} decimalComma
 * @property {string} label  what the PM reads in the menu
 */

/**
 * The two CSV styles, the one for the PM's locale first: `;` with decimal commas where
 * the locale writes 1,5 (what its spreadsheets open directly), else `,` with points.
 * @param {string} [locale]
 * @returns {[CsvStyle, CsvStyle]}
 */
export function csvStyles(locale) {
  const point = { delimiter: /** @type {','} */ (','), decimalComma: false, label: 'Comma-separated, decimal point (1.5)' };
  const comma = { delimiter: /** @type {';'} */ (';'), decimalComma: true, label: 'Semicolon-separated, decimal comma (1,5)' };
  return localeUsesDecimalComma(locale) ? [comma, point] : [point, comma];
}

/** Whether the locale writes 1.5 as 1,5 (Intl.NumberFormat's decimal part). @param {string} [locale] */
export function localeUsesDecimalComma(locale) {
  const parts = new Intl.NumberFormat(locale).formatToParts(1.5);
  return parts.find((p) => p.type === 'decimal')?.value === ',';
}
