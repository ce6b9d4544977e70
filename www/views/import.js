// Spreadsheets in (sharing-v1 §4): a CSV, TSV or text file (the Import button, the
// "Import rows…" button, a drop anywhere) or a range pasted from a spreadsheet (Ctrl/Cmd+V
// outside a text field, or the paste box) goes through a mapping step before anything
// changes: the file's facts (rows, encoding, delimiter, decimal separator), each column
// with its first values and the field it fills (guessed; a select to change it), where the
// rows go (the open scenario, or a new one), and what will happen — requests added and
// updated, accounts, buckets and teams created, columns ignored, and every problem by
// line and column. Importing is one undoable step.
//
// The reading is Rust's (thresh::sheet::import), in a worker (sheet-worker.js) with a
// module of its own (wasm/sheets), loaded only when rows are imported: 10,000 rows take
// longer than a frame, and the CSV reader stays out of the page's and the planner's
// modules. This module decodes the bytes (TextDecoder: UTF-8, UTF-16 by its
// BOM, or the encoding the PM picks; lib/sheets.js), sends the text and the choices, shows
// the plan the worker answers with, and installs the scenario text it made with one call.
// The PM's choices are remembered per header set (IndexedDB, under a hash of the headers),
// so next week's export of the same tool maps itself.

import { h, byId, replace, nextPaint } from '../lib/dom.js';
import { today } from '../lib/format.js';
import { decodeSheet, kindOf, ENCODINGS, headerKey, normalHeader } from '../lib/sheets.js';
import { banner, clearBanner, toast } from '../notices.js';

/** @typedef {import('../pkg-sheets/thresh.js').SheetImportResult} SheetImportResult */
/** @typedef {import('../pkg-sheets/thresh.js').SheetTargets} SheetTargets */
/** @typedef {import('../pkg-sheets/thresh.js').SheetProblem} SheetProblem */
/** @typedef {import('../lib/storage.js').SheetMapping} SheetMapping */

/**
 * What is being imported: a file's bytes, or pasted text.
 * @typedef {object} Source
 * @property {string} name  the file's name, or "the pasted table"
 * @property {boolean} pasted
 * @property {Uint8Array} [bytes]  a file's
 * @property {string} [text]  pasted text
 */

/** @type {import('../store.js').Store} */ let store;
/** @type {Readonly<import('../store.js').State>} */ let S;
/** @type {typeof import('../pkg/thresh.js').Workbench} */ let Workbench;
let workerUrl = '';

/** Rows of the first rows shown beside each column. */
const SAMPLES = 3;
/** Ids listed before "and N more". */
const LISTED = 12;

/**
 * The mapping step. `session` changes whenever the text or where the rows go changes (the
 * worker then starts over); `job` numbers the runs (an older answer is dropped).
 */
const M = {
  open: false,
  session: 0,
  job: 0,
  /** @type {Source | null} */ source: null,
  /** The encoding the PM chose (null: found from the bytes). @type {string | null} */ encoding: null,
  /** Why the bytes could not be read as UTF-8, when they could not. @type {string | null} */ notUtf8: null,
  /** The encoding the bytes were decoded with. */ decodedAs: '',
  lossy: false,
  text: '',
  into: true,
  name: '',
  /** @type {{delimiter: string | null, decimal: string | null, date_order: string | null}} */
  options: { delimiter: null, decimal: null, date_order: null },
  /**
   * The PM's targets by header (as §4 compares headers): the header as written, the
   * target, and whether it was chosen in this step (not remembered).
   * @type {Map<string, {header: string, target: string, fresh?: boolean}>}
   */
  maps: new Map(),
  /** The remembered mapping applied, if one was. @type {SheetMapping | null} */ remembered: null,
  /** The PM changed a column's target or a setting in this step (kept even if the step is cancelled). */
  chosen: false,
  /** @type {SheetImportResult | null} */ result: null,
  /** @type {SheetTargets | null} */ targets: null,
  /** What the worker could not do. @type {string | null} */ failure: null,
  running: false,
  /** How far the worker has got with the latest run (null: not said yet). @type {{stage: string, done: number, total: number} | null} */
  progress: null,
  /** The PM stopped the reading: nothing was read. */
  stopped: false,
  /** The rows are being taken in (Import was clicked). */
  installing: false,
  /** The open scenario when the rows go into it: its storage id and revision, at reading. */
  at: { id: /** @type {string | null} */ (null), revision: -1 },
  /** ms: decoding, and the last run in the worker. */
  timings: { decode: 0, run: 0, roundTrip: 0 },
  /** Called when the next run has been shown (benchmarks and tests). @type {(() => void)[]} */
  waiting: [],
};

/** @type {HTMLDialogElement} */ let dialog;
/** @type {HTMLElement} */ let body;
/** The file button and the paste box: kept while the step re-renders (the PM may be typing). @type {HTMLElement} */ let sourceSection;
/** @type {HTMLTextAreaElement} */ let pasteBox;
/** Everything below the source, rebuilt after each run. @type {HTMLElement} */ let content;
/** @type {HTMLElement} */ let footerStatus;
/** @type {HTMLProgressElement} */ let progressBar;
/** @type {HTMLButtonElement} */ let stopButton;
/** @type {HTMLButtonElement} */ let confirmButton;
/** @type {HTMLInputElement} */ let fileInput;

/**
 * Mounts the import: the dialog, the paste on the page, and the files the store hands over
 * (topic `sheet`). Returns what main.js and the benchmarks need of it.
 * @param {import('../store.js').Store} theStore
 * @param {{Workbench: typeof import('../pkg/thresh.js').Workbench, workerUrl: string}} options
 */
export function mount(theStore, options) {
  store = theStore;
  S = store.state;
  Workbench = options.Workbench;
  workerUrl = options.workerUrl;
  buildDialog();
  store.subscribe('sheet', ({ file }) => { openFile(file); });
  byId('import-rows').addEventListener('click', () => openEmpty());
  document.addEventListener('paste', onPaste);
  // An import is likely: the PM is choosing a file, or dragging one over the page. The
  // worker compiles its module meanwhile (about a second on a slow machine), so the file
  // is read as soon as it is chosen.
  document.addEventListener('click', (ev) => {
    if (/** @type {Element} */ (ev.target).closest?.('[data-action="import"]')) warm();
  }, true);
  document.addEventListener('dragenter', (ev) => { if (ev.dataTransfer?.types.includes('Files')) warm(); });
  return {
    openEmpty,
    openFile,
    /** @param {string} text @param {string} name */
    openText: (text, name) => openSource({ name, text, pasted: true }),
    /** Resolves once the mapping step shows the answer to the latest run. */
    settled,
    timings: M.timings,
  };
}

// ----- the sources -----

/** Opens the step with nothing read yet: a file button and the paste box. */
function openEmpty() {
  warm();
  reset();
  M.source = null;
  showDialog();
  render();
  /** @type {HTMLElement | null} */ (body.querySelector('[data-testid="paste-box"]'))?.focus();
}

/**
 * Reads a file into the step. `into`: where the rows go first (default: the open
 * scenario, when there is one).
 * @param {File} file @param {{into?: boolean}} [opts]
 */
async function openFile(file, { into } = {}) {
  const limit = Workbench.limits().file_bytes;
  if (file.size > limit) {
    banner('import', `"${file.name}" was not opened.`, `It is ${(file.size / 1048576).toFixed(1)} MiB; the limit is ${limit / 1048576} MiB.`);
    return;
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (kindOf(file, bytes.subarray(0, 8)) === 'workbook') {
    banner('import', `"${file.name}" is a spreadsheet workbook, which Thresh does not read.`,
      'Save it as CSV first (in Excel: File ▸ Save As ▸ "CSV UTF-8"; in LibreOffice or Google Sheets: Download or Save as CSV), then import the CSV file. Nothing was changed.',
      { kind: 'warning' });
    return;
  }
  clearBanner('import');
  await openSource({ name: file.name, bytes, pasted: false }, into);
}

/** @param {Source} source @param {boolean} [into] */
function openSource(source, into) {
  reset();
  if (into !== undefined) M.into = into && Boolean(S.wb);
  M.source = source;
  M.name = defaultName(source);
  M.running = true;
  showDialog();
  render();
  return decode();
}

/** Forgets the last import's choices (a new source starts from its guesses). */
function reset() {
  M.session++;
  M.encoding = null;
  M.notUtf8 = null;
  M.lossy = false;
  M.text = '';
  M.result = null;
  M.targets = null;
  M.failure = null;
  M.options = { delimiter: null, decimal: null, date_order: null };
  M.maps = new Map();
  M.remembered = null;
  M.chosen = false;
  M.into = Boolean(S.wb);
}

/** A new scenario's name: the file's name without its ending, or the day of the paste. @param {Source} source */
function defaultName(source) {
  if (source.pasted) return `Pasted table ${today()}`;
  return source.name.replace(/\.(csv|tsv|tab|txt|psv)$/i, '') || 'Imported rows';
}

/** Decodes the source with the chosen encoding (or the one its bytes show), then reads it. */
async function decode() {
  const source = M.source;
  if (!source) return;
  const t0 = performance.now();
  if (source.pasted) {
    M.text = source.text;
    M.decodedAs = '';
  } else {
    let decoded = decodeSheet(source.bytes, M.encoding);
    if (decoded.text === null) {
      M.notUtf8 = decoded.why;
      M.encoding = decoded.suggested;
      decoded = decodeSheet(source.bytes, M.encoding);
    }
    M.text = decoded.text;
    M.decodedAs = decoded.encoding;
    M.lossy = decoded.lossy;
  }
  M.timings.decode = performance.now() - t0;
  M.session++;
  await recall();
  run();
}

// ----- remembering the mapping per header set -----

/**
 * Applies the mapping remembered for this header set, if there is one. The headers are
 * read here from the first line (the worker's reading of them, which the record was
 * saved under, agrees for every file whose header is on one line).
 */
async function recall() {
  M.remembered = null;
  const headers = headerCells(M.text);
  if (!headers.length || !S.storage) return;
  let record = null;
  try {
    record = await S.storage.sheetMapping(headerKey(headers));
  } catch { return; }
  if (!record || record.headers.map(normalHeader).join('\n') !== headers.map(normalHeader).join('\n')) return;
  M.remembered = record;
  for (const map of record.maps) {
    const at = map.lastIndexOf('=');
    if (at > 0) M.maps.set(normalHeader(map.slice(0, at)), { header: map.slice(0, at).trim(), target: map.slice(at + 1) });
  }
  const o = record.options ?? {};
  M.options = { delimiter: o.delimiter ?? null, decimal: o.decimal ?? null, date_order: o.date_order ?? null };
  if (o.encoding && M.notUtf8 && M.source && !M.source.pasted && o.encoding !== M.encoding) {
    // Not UTF-8: the encoding the PM chose for this tool's files wins over the guess.
    M.encoding = o.encoding;
    const decoded = decodeSheet(M.source.bytes, M.encoding);
    if (decoded.text !== null) { M.text = decoded.text; M.decodedAs = decoded.encoding; M.lossy = decoded.lossy; }
  }
}

/** Saves the PM's choices for this header set (after an import, or a step left with choices made). */
function remember() {
  const r = M.result;
  M.chosen = false;
  if (!r || !S.storage) return;
  const headers = r.plan.columns.map((c) => c.header);
  if (!headers.length) return;
  const encoding = M.source && !M.source.pasted && M.encoding ? M.encoding : null;
  S.storage.setSheetMapping(headerKey(headers), {
    headers,
    maps: mapsList(),
    options: { ...M.options, encoding },
  }).catch(() => { /* not remembered: the next import guesses again */ });
}

/**
 * The header cells of a text's first non-empty line (quotes honoured), split at the
 * delimiter §4 would guess: the most frequent of `,` `;` tab `|` outside quotes.
 * @param {string} text
 */
export function headerCells(text) {
  const line = (text.replace(/^\uFEFF/, '').match(/^(?:[ \t]*\r?\n)*([^\r\n]*)/) ?? ['', ''])[1];
  const counts = new Map([[',', 0], [';', 0], ['\t', 0], ['|', 0]]);
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch) + 1);
  }
  let delimiter = M.options.delimiter ?? ',';
  if (!M.options.delimiter) {
    let best = -1;
    for (const [d, n] of counts) if (n > best) { best = n; delimiter = d; }
  }
  const cells = [];
  let cell = '';
  quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false; else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) { cells.push(cell.trim()); cell = ''; } else cell += ch;
  }
  cells.push(cell.trim());
  return line.trim() ? cells : [];
}

/** The PM's targets as `HEADER=TARGET`. */
function mapsList() {
  return [...M.maps.values()].map((m) => `${m.header}=${m.target}`);
}

// ----- the worker -----

/** @type {Worker | null} */ let worker = null;
/** The session the worker holds (it lost it if it was restarted). */
let workerSession = -1;
/** @type {Map<number, {resolve: (v: any) => void, reject: (e: any) => void}>} */
const pending = new Map();

/** Starts the worker and has it load its module, if it is not running. */
function warm() {
  if (worker) return;
  startWorker();
  /** @type {Worker} */ (worker).postMessage({ warm: true });
}

function startWorker() {
  worker = new Worker(workerUrl, { type: 'module' });
  workerSession = -1;
  worker.onmessage = (ev) => {
    if (ev.data.progress) {
      if (ev.data.id === M.job && M.running) { M.progress = ev.data.progress; renderStatus(); }
      return;
    }
    const p = pending.get(ev.data.id);
    if (!p) return;
    pending.delete(ev.data.id);
    if (ev.data.error) p.reject(new Error(ev.data.error.messages.join('\n')));
    else p.resolve(ev.data.sheet);
  };
  worker.onerror = (ev) => {
    ev.preventDefault();
    for (const p of pending.values()) p.reject(new Error(ev.message || 'the worker stopped'));
    pending.clear();
    worker?.terminate();
    worker = null;
  };
}

/**
 * Reads the text in the worker with the step's choices, and shows the answer. Runs that
 * are overtaken by a newer one are dropped when they answer.
 */
async function run() {
  if (!M.source) return;
  const job = ++M.job;
  M.running = true;
  M.failure = null;
  M.progress = null;
  M.stopped = false;
  // The first reading of a source: show what is known already (its encoding, say).
  if (M.result) renderStatus(); else render();
  if (!worker) startWorker();
  /** @type {any} */
  const message = { session: M.session, options: { ...M.options, maps: mapsList() } };
  if (workerSession !== M.session) {
    message.text = M.text;
    if (M.into && S.wb) {
      message.into = store.openText();
      M.at = { id: S.id, revision: S.wb.revision() };
    } else {
      message.name = M.name.trim() || defaultName(M.source);
      message.today = today();
    }
    workerSession = M.session;
  }
  const id = job;
  const t0 = performance.now();
  let answer;
  try {
    answer = await new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      /** @type {Worker} */ (worker).postMessage({ id, ...message });
    });
  } catch (e) {
    workerSession = -1;
    if (job !== M.job) return;
    M.running = false;
    M.result = null;
    M.failure = String(e?.message ?? e);
    render();
    settle();
    return;
  }
  if (job !== M.job || !M.open) return;
  M.timings.run = answer.ms;
  M.timings.roundTrip = performance.now() - t0;
  if (answer.targets) {
    M.targets = answer.targets;
    // A field the PM chose (or had remembered) that this scenario does not have — a
    // criterion of another model — is dropped: its column is guessed again.
    const unknown = [...M.maps].filter(([, m]) => !answer.targets.names.includes(m.target));
    if (unknown.length) {
      for (const [key] of unknown) M.maps.delete(key);
      run();
      return;
    }
  }
  M.running = false;
  M.result = answer.result;
  render();
  settle();
}

/** Resolves once the step shows the answer to the latest run (now, if it does). */
function settled() {
  if (!M.running) return Promise.resolve();
  return new Promise((resolve) => M.waiting.push(() => resolve(undefined)));
}

function settle() {
  for (const fn of M.waiting.splice(0)) fn();
}

/** The worker must read the text again (new text, or the rows go elsewhere). */
function restart() {
  M.session++;
  run();
}

/**
 * Stops a reading under way (Stop, or the step closed while reading): the worker is ended
 * at once — a long file stops costing the machine — and started again for the next run.
 * Nothing was changed.
 */
function stopReading() {
  if (!M.running) return;
  M.job++;
  M.running = false;
  M.progress = null;
  M.result = null;
  M.stopped = true;
  worker?.terminate();
  worker = null;
  workerSession = -1;
  for (const p of pending.values()) p.reject(new Error('stopped'));
  pending.clear();
  if (M.open) render();
  settle();
}

// ----- installing -----

async function confirm() {
  const r = M.result;
  if (!r || !r.scenario || M.running || M.installing || !M.source) return;
  // Taking the scenario in is one step on the page's thread (about a second for 100,000
  // requests): say so, and let that be painted, before it starts.
  if (r.requests >= 5_000) {
    M.installing = true;
    confirmButton.disabled = true;
    footerStatus.textContent = `Adding ${count(r.requests, 'request')} to the page…`;
    await nextPaint();
    M.installing = false;
    if (M.result !== r || !M.open) return;
  }
  if (M.into) {
    if (!S.wb || S.id !== M.at.id || S.wb.revision() !== M.at.revision) {
      // The scenario changed (another tab) or closed since it was read: read it again.
      M.into = Boolean(S.wb);
      footerStatus.textContent = 'The open scenario changed since the rows were read; they were read again. Check and import.';
      restart();
      return;
    }
    const text = r.scenario;
    const done = store.change(() => { S.wb.replace_with(text); return true; }, { what: 'The import' });
    if (!done) return;
    remember();
    close();
    const what = [r.plan.added.length ? `${count(r.plan.added.length, 'request')} added` : '',
      r.plan.updated.length ? `${r.plan.updated.length} updated` : ''].filter(Boolean).join(', ') || 'nothing changed';
    toast(`Imported ${count(r.plan.rows, 'row')} from ${M.source.name}: ${what}.`, ['Undo', () => store.undo()]);
    return;
  }
  let wb;
  try {
    wb = Workbench.open(r.scenario);
  } catch (e) {
    M.failure = `The scenario the rows make did not open: ${e?.message ?? e}`;
    render();
    return;
  }
  const before = S.id;
  remember();
  close();
  store.show(wb, store.newId());
  const name = wb.name();
  toast(`Imported ${count(r.requests, 'request')} from ${M.source.name} as a new scenario, "${name}".`, ['Undo', async () => {
    await store.deleteScenario();
    if (before) await store.switchScenario(before);
  }]);
}

/** @param {number} n @param {string} one */
function count(n, one) {
  return `${n.toLocaleString('en')} ${one}${n === 1 ? '' : 's'}`;
}

// ----- paste -----

/** Whether keys typed at `el` go into text (a paste there is the field's). @param {Element} el */
function isTextEntry(el) {
  if (el.closest('textarea, [contenteditable]')) return true;
  const input = el.closest('input');
  return Boolean(input) && !['range', 'checkbox', 'radio', 'button', 'file', 'color'].includes(/** @type {HTMLInputElement} */ (input).type);
}

/**
 * Ctrl/Cmd+V outside a text field and outside a dialog: a range copied from a spreadsheet
 * opens the mapping step (a copied file too); a scenario's JSON text opens as a scenario.
 * @param {ClipboardEvent} ev
 */
function onPaste(ev) {
  const target = /** @type {Element} */ (ev.target instanceof Element ? ev.target : document.body);
  if (isTextEntry(target) || target.closest('dialog, #drawer') || document.querySelector('dialog[open]')) return;
  const data = ev.clipboardData;
  if (!data) return;
  const file = data.files?.[0];
  if (file) {
    ev.preventDefault();
    store.importFile(file);
    return;
  }
  const text = data.getData('text/plain');
  if (!text.trim()) return;
  ev.preventDefault();
  if (/^\s*\{/.test(text)) {
    store.importText(text, 'the pasted text');
    return;
  }
  if (text.trim().split(/\r?\n/).length < 2) {
    toast('To import rows, copy a range with its header row and at least one row below it, then paste it here.');
    return;
  }
  openSource({ name: 'the pasted table', text, pasted: true });
}

// ----- the dialog -----

function buildDialog() {
  fileInput = h('input', { type: 'file', class: 'visually-hidden', accept: '.csv,.tsv,.tab,.txt,text/csv,text/tab-separated-values,text/plain',
    tabindex: '-1', 'aria-label': 'Choose a CSV, TSV or text file', 'data-testid': 'import-csv-file' });
  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    fileInput.value = '';
    if (file) openFile(file);
  });
  sourceSection = buildSource();
  content = h('div', { class: 'import-content' });
  body = h('div', { class: 'import-body' }, sourceSection, content);
  footerStatus = h('span', { class: 'import-status muted', role: 'status', 'aria-live': 'polite' });
  progressBar = h('progress', { class: 'import-progress', 'data-testid': 'import-progress', max: '1', hidden: true, 'aria-label': 'How much of the file is read' });
  stopButton = h('button', { type: 'button', class: 'ghost', 'data-testid': 'import-stop', hidden: true, onclick: stopReading }, 'Stop');
  confirmButton = h('button', { type: 'button', 'data-testid': 'import-confirm', onclick: confirm }, 'Import');
  dialog = h('dialog', { id: 'import-dialog', class: 'import-dialog', 'aria-labelledby': 'import-title', 'data-testid': 'import-mapping' },
    h('header', {},
      h('h2', { id: 'import-title' }, 'Import requests from a spreadsheet'),
      h('button', { type: 'button', class: 'small ghost', 'aria-label': 'Close', 'data-testid': 'import-cancel-x', onclick: close }, '✕')),
    body,
    h('footer', {}, footerStatus, progressBar, stopButton,
      h('button', { type: 'button', class: 'ghost', 'data-testid': 'import-cancel', onclick: close }, 'Cancel'),
      confirmButton),
    fileInput);
  // The page's keys (undo, n, arrows) are not for the scenario behind the dialog.
  dialog.addEventListener('keydown', (ev) => { if (ev.key !== 'Escape') ev.stopPropagation(); });
  dialog.addEventListener('close', () => {
    stopReading();
    // Choices made and then cancelled (to fix the file, say) are still the PM's mapping.
    if (M.chosen) remember();
    M.open = false;
    M.job++;
    M.running = false;
    settle();
  });
  document.body.append(dialog);
}

function showDialog() {
  M.open = true;
  if (!dialog.open) dialog.showModal();
  dialog.classList.toggle('wide-source', false);
}

function close() {
  if (dialog.open) dialog.close();
}

/** Rebuilds the dialog's body from the step's state. */
function render() {
  const r = M.result;
  byId('import-title').textContent = M.source ? `Import requests from ${M.source.pasted ? M.source.name : `“${M.source.name}”`}` : 'Import requests from a spreadsheet';
  const parts = [];
  sourceSection.hidden = Boolean(M.source && !M.source.pasted);
  sourceSection.classList.toggle('compact', Boolean(M.source));
  if (M.source?.pasted && pasteBox.value !== M.source.text) pasteBox.value = M.source.text;
  if (!M.source) pasteBox.value = '';
  if (M.source) {
    parts.push(facts(r));
    if (M.failure) parts.push(h('div', { class: 'import-problems', role: 'alert', 'data-testid': 'import-problems' }, h('strong', {}, 'The rows could not be read. '), M.failure));
    if (M.stopped) {
      parts.push(h('p', { class: 'import-note', 'data-testid': 'import-stopped' }, 'You stopped the reading: nothing was read and nothing changed. ',
        h('button', { type: 'button', class: 'link', 'data-testid': 'import-read-again', onclick: () => restart() }, 'Read the file again')));
    }
    parts.push(destination());
    parts.push(settings(r));
    parts.push(h('div', { class: 'import-grid' }, columnsTable(r), outcome(r)));
    if (r?.plan.preview.length) parts.push(preview(r));
  }
  const scroll = body.scrollTop;
  replace(content, ...parts);
  body.scrollTop = scroll;
  renderStatus();
}

/** The footer: what is going on, and the import button's words. */
function renderStatus() {
  const r = M.result;
  const problems = r ? r.problems.length + r.plan.more_problems : 0;
  confirmButton.disabled = !r || !r.scenario || M.running;
  // For tests and assistive technology: whether what is shown answers the latest choices.
  dialog.dataset.state = M.running ? 'reading' : 'ready';
  body.setAttribute('aria-busy', String(M.running));
  const p = M.progress;
  progressBar.hidden = !M.running || !p;
  stopButton.hidden = !M.running;
  if (M.running && p) progressBar.value = progressOf(p);
  if (M.running) footerStatus.textContent = progressWords(p, Boolean(M.result));
  else if (M.stopped) footerStatus.textContent = 'Stopped before the end: nothing was read and nothing changed.';
  else if (!M.source) footerStatus.textContent = 'Nothing changes until you import.';
  else if (problems) footerStatus.textContent = `${count(problems, 'problem')} to fix first: nothing is imported while there are problems.`;
  else if (r?.scenario) footerStatus.textContent = 'Nothing changes until you import; the import is one step you can undo.';
  else footerStatus.textContent = '';
  if (r?.scenario) {
    const added = r.plan.added.length;
    const updated = r.plan.updated.length;
    confirmButton.textContent = M.into
      ? (updated ? `Import: ${added} added, ${updated} updated` : `Add ${count(added, 'request')}`)
      : `Create the scenario with ${count(added, 'request')}`;
  } else {
    confirmButton.textContent = 'Import';
  }
}

/**
 * How far a reading is, 0–1: splitting the cells is about a third of the work, the rows
 * about half, writing and reading back the scenario the rest.
 * @param {{stage: string, done: number, total: number}} p
 */
function progressOf(p) {
  if (p.stage === 'cells') return 0.3;
  if (p.stage === 'rows') return 0.3 + (0.5 * p.done) / Math.max(1, p.total);
  return 0.85;
}

/** The footer's words while reading. @param {{stage: string, done: number, total: number} | null} p @param {boolean} again */
function progressWords(p, again) {
  if (!p) return again ? 'Reading the rows again…' : 'Reading the rows…';
  if (p.stage === 'cells') return 'Splitting the cells…';
  if (p.stage === 'rows') return `Reading row ${p.done.toLocaleString('en')} of ${p.total.toLocaleString('en')}…`;
  return 'Checking the scenario the rows make…';
}

/**
 * The file button and the paste box, shown before a source is read and while the source
 * is pasted text (which stays editable: the mapping follows it).
 */
function buildSource() {
  const box = h('textarea', { id: 'paste-box', class: 'paste-box', spellcheck: 'false', 'data-testid': 'paste-box',
    placeholder: 'Paste a range copied from a spreadsheet (Ctrl+V): its header row first, then one row per request.' });
  pasteBox = box;
  let timer = 0;
  box.addEventListener('input', () => {
    clearTimeout(timer);
    timer = window.setTimeout(() => {
      const text = box.value;
      if (!text.trim()) return;
      const wasOpen = M.source?.pasted;
      if (!wasOpen) reset();
      M.source = { name: 'the pasted table', text, pasted: true };
      if (!wasOpen) M.name = defaultName(M.source);
      M.text = text;
      M.session++;
      if (!wasOpen) {
        recall().then(run);
      } else run();
    }, 250);
  });
  return h('section', { class: 'import-source' },
    h('p', { class: 'muted import-intro' }, 'From a CSV file (Jira, a feedback tool, Excel, Google Sheets…) or a range copied from a spreadsheet. You will see each column and what it becomes before anything changes.'),
    h('div', { class: 'import-source-row' },
      h('button', { type: 'button', class: 'ghost', 'data-testid': 'import-choose-file', onclick: () => fileInput.click() }, 'Choose a file…'),
      h('span', { class: 'muted small-print' }, 'CSV, TSV or text; an Excel workbook: save it as “CSV UTF-8” first.')),
    h('label', { class: 'visually-hidden', for: 'paste-box' }, 'Paste a range copied from a spreadsheet'),
    box);
}

/** One line of facts: rows, header line, encoding, delimiter, decimal separator. @param {SheetImportResult | null} r */
function facts(r) {
  const p = r?.plan;
  const bits = [];
  if (p) {
    bits.push(count(p.rows, 'row'));
    if (p.header_line > 1) bits.push(`header on line ${p.header_line}`);
    bits.push(`${p.columns.length} columns`);
  }
  if (M.decodedAs) bits.push(M.decodedAs.toUpperCase() === 'UTF-8' ? 'UTF-8' : M.decodedAs);
  if (p?.delimiter) bits.push(`${delimiterName(p.delimiter)}-separated${p.delimiter_guessed ? '' : ' (chosen)'}`);
  if (p?.decimal) bits.push(p.decimal.separator === ',' ? 'decimal comma' : 'decimal point');
  const out = [h('p', { class: 'import-facts', 'data-testid': 'import-facts' }, bits.join(' · '))];
  if (M.notUtf8 && M.source && !M.source.pasted) {
    out.push(h('p', { class: 'import-note', 'data-testid': 'import-encoding-note' },
      `${M.notUtf8} It is read as ${encodingName(M.encoding)} — check the names below look right, or choose the file's encoding under “Encoding”.`));
  } else if (M.lossy) {
    out.push(h('p', { class: 'import-note' }, `Some bytes are not ${encodingName(M.decodedAs)} and were replaced by �: the file is probably in another encoding (choose it under “Encoding”).`));
  }
  if (M.remembered) {
    out.push(h('p', { class: 'import-note remembered', 'data-testid': 'import-remembered' },
      `Your choices for these columns were remembered from the last import of this kind (${new Date(M.remembered.saved).toLocaleDateString()}). `,
      h('button', { type: 'button', class: 'link', onclick: () => { M.maps = new Map(); M.options = { delimiter: null, decimal: null, date_order: null }; M.remembered = null; M.chosen = true; run(); } }, 'Start from the guesses')));
  }
  return out;
}

/** Where the rows go: the open scenario, or a new one (with its name). */
function destination() {
  const name = h('input', { type: 'text', value: M.name, maxlength: '200', 'aria-label': 'The new scenario\'s name', 'data-testid': 'import-name', disabled: M.into ? true : null });
  let timer = 0;
  name.addEventListener('input', () => {
    clearTimeout(timer);
    timer = window.setTimeout(() => { M.name = name.value; if (!M.into) restart(); }, 400);
  });
  const radio = (into, label, testid) => {
    const input = h('input', { type: 'radio', name: 'import-into', value: into ? 'open' : 'new', checked: M.into === into ? true : null,
      disabled: into && !S.wb ? true : null, 'data-testid': testid });
    input.addEventListener('change', () => { if (input.checked) { M.into = into; restart(); render(); } });
    return h('label', { class: 'import-radio' }, input, label);
  };
  return h('fieldset', { class: 'import-destination' },
    h('legend', {}, 'Where the rows go'),
    S.wb ? radio(true, h('span', {}, 'Into the open scenario, ', h('strong', { text: S.wb.name() }), h('span', { class: 'muted' }, ' (rows whose id it has update those requests)')), 'import-into-open') : null,
    h('span', { class: 'import-new' }, radio(false, 'As a new scenario named', 'import-into-new'), name));
}

/** The delimiter, decimal separator, date order and encoding. @param {SheetImportResult | null} r */
function settings(r) {
  const p = r?.plan;
  const select = (label, testid, value, choices, onchange) => {
    const sel = h('select', { 'data-testid': testid, 'aria-label': label },
      ...choices.map(([v, t]) => h('option', { value: v, selected: v === value ? true : null }, t)));
    sel.addEventListener('change', () => onchange(sel.value));
    return h('label', { class: 'import-setting' }, h('span', { class: 'muted' }, label), sel);
  };
  const guessedDelimiter = p?.delimiter && p.delimiter_guessed ? ` (${delimiterName(p.delimiter)})` : '';
  const decimalGuess = p?.decimal && p.decimal.decided_by !== 'given' ? ` (${p.decimal.separator === ',' ? 'comma' : 'point'})` : '';
  const out = [
    select('Delimiter', 'import-delimiter', M.options.delimiter ?? '', [['', `Guess${guessedDelimiter}`], [',', 'Comma ,'], [';', 'Semicolon ;'], ['\t', 'Tab'], ['|', 'Pipe |']],
      (v) => { M.options.delimiter = v || null; M.chosen = true; run(); }),
    select('Decimal separator', 'import-decimal', M.options.decimal ?? '', [['', `Guess${decimalGuess}`], ['.', 'Point: 1.5'], [',', 'Comma: 1,5']],
      (v) => { M.options.decimal = v || null; M.chosen = true; run(); }),
    select('Dates like 03/04/2027', 'import-date-order', M.options.date_order ?? '', [['', 'Ask (refuse them)'], ['dmy', 'Day first: 3 April'], ['mdy', 'Month first: 4 March']],
      (v) => { M.options.date_order = v || null; M.chosen = true; run(); }),
  ];
  if (M.source && !M.source.pasted) {
    const current = M.encoding ?? M.decodedAs;
    const known = ENCODINGS.some(([v]) => v === current);
    out.push(select('Encoding', 'import-encoding', current, [
      ...(known ? [] : [[current, current]]),
      ...ENCODINGS.map(([v, t]) => [v, v === M.decodedAs && !M.encoding ? `${t} — found` : t])],
    (v) => { M.encoding = v; M.chosen = true; decodeAgain(); }));
  }
  const why = p?.decimal?.why;
  return h('div', { class: 'import-settings' }, ...out,
    why ? h('p', { class: 'muted small-print import-why' }, `${capitalise(why)}.`) : null);
}

/** The bytes decoded again with the encoding the PM chose. */
function decodeAgain() {
  if (!M.source || M.source.pasted) return;
  const decoded = decodeSheet(M.source.bytes, M.encoding);
  if (decoded.text === null) return;
  M.text = decoded.text;
  M.decodedAs = decoded.encoding;
  M.lossy = decoded.lossy;
  restart();
}

/**
 * Each column: its header, the field it fills (a select), and its first values. Columns
 * with a problem are marked.
 * @param {SheetImportResult | null} r
 */
function columnsTable(r) {
  if (!r || !r.plan.columns.length) {
    return h('div', { class: 'import-columns empty muted' }, M.running ? 'Reading the rows…' : M.stopped ? 'Not read.' : M.source ? 'No columns: the text has no header row.' : '');
  }
  const byColumn = new Map();
  for (const p of r.problems) if (p.column > 0) byColumn.set(p.column, (byColumn.get(p.column) ?? 0) + 1);
  const rows = r.plan.columns.map((c) => {
    const samples = r.plan.preview.map((row) => row[c.column - 1] ?? '').filter((v) => v !== '').slice(0, SAMPLES);
    const problems = byColumn.get(c.column) ?? 0;
    const key = normalHeader(c.header);
    const chosen = M.maps.has(key);
    const status = chosen ? (M.remembered && !M.maps.get(key).fresh ? 'remembered' : 'your choice')
      : c.target === null ? 'not recognised' : 'guessed';
    return h('tr', { class: `${problems ? 'has-problem' : ''}${c.target === null || c.target === 'ignore' ? ' ignored' : ''}`, 'data-column': String(c.column) },
      h('th', { scope: 'row' },
        h('span', { class: 'import-header', text: c.header || '(no header)', title: c.header }),
        h('span', { class: 'muted small-print' }, ` column ${c.column}`),
        problems ? h('span', { class: 'badge overdue', text: count(problems, 'problem') }) : null),
      h('td', { class: 'import-target' }, targetSelect(c, status),
        chosen ? h('button', { type: 'button', class: 'small ghost import-reset', 'aria-label': `Back to the guess for “${c.header}”`,
          title: `${status === 'remembered' ? 'Remembered from the last import of these columns' : 'Your choice'}: back to the guess`,
          onclick: () => { M.maps.delete(key); M.chosen = true; run(); } }, '↺') : null),
      h('td', { class: 'import-sample', title: samples.join('\n') }, samples.length ? samples.join(' · ') : h('span', { class: 'muted' }, 'empty in the first rows')));
  });
  return h('div', { class: 'import-columns' },
    h('table', {},
      h('caption', { class: 'visually-hidden' }, 'The columns of the file and what each one becomes'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Column'), h('th', { scope: 'col' }, 'Imports as'), h('th', { scope: 'col' }, 'First values'))),
      h('tbody', {}, ...rows)));
}

/** The fields a column can fill, grouped, as a select. */
function targetSelect(c, status) {
  const names = M.targets?.names ?? [];
  const criteria = M.targets?.criteria ?? [];
  const option = (name) => h('option', { value: name, selected: name === c.target ? true : null }, targetLabel(name));
  const group = (label, list) => (list.length ? h('optgroup', { label }, ...list.map(option)) : null);
  const fixed = (list) => list.filter((n) => names.includes(n) || n === c.target);
  const values = names.filter((n) => n.startsWith('values.') && (!derived(n) || n === c.target));
  const sel = h('select', { 'data-testid': 'mapping-target', 'data-column': String(c.column), 'data-header': c.header,
    class: status === 'your choice' || status === 'remembered' ? 'chosen' : null, 'data-how': status,
    'aria-label': `What column ${c.column}, “${c.header}”, imports as (${status})`, disabled: c.header.trim() ? null : true,
    title: c.header.trim() ? STATUS_WORDS.get(status) : 'A column without a header cannot be mapped: give it a header in the spreadsheet.' },
    c.target === null ? h('option', { value: '', selected: true }, 'Nothing (not recognised)') : null,
    group('The request', fixed(['id', 'title', 'description', 'bucket', 'tags', 'deadline', 'status', 'confidence', 'plan'])),
    group('Who asks', fixed(['account', 'arr', 'source', 'count'])),
    group('Criteria values', values),
    h('option', { value: 'ignore', selected: c.target === 'ignore' ? true : null }, targetLabel('ignore')));
  sel.addEventListener('change', () => {
    if (!sel.value) return;
    M.maps.set(normalHeader(c.header), { header: c.header.trim(), target: sel.value, fresh: true });
    M.chosen = true;
    run();
  });
  return sel;

  function derived(name) {
    const id = name.slice('values.'.length).replace(/\.(low|likely|high)$/, '');
    return criteria.find((k) => k.id === id)?.derives ?? false;
  }
}

/** What each way a column got its target means, for its select's tooltip. */
const STATUS_WORDS = new Map([
  ['guessed', 'Guessed from the header; choose another field if it is wrong.'],
  ['not recognised', 'Thresh does not know this header, so the column is ignored; choose a field to import it.'],
  ['your choice', 'Your choice (remembered for the next file with these columns).'],
  ['remembered', 'Remembered from the last import of a file with these columns.'],
]);

const TARGET_LABELS = new Map([
  ['id', 'Id (the request\'s key)'],
  ['title', 'Title'],
  ['description', 'Description'],
  ['bucket', 'Bucket (theme, epic)'],
  ['tags', 'Tags'],
  ['deadline', 'Deadline'],
  ['status', 'Status'],
  ['confidence', 'Confidence'],
  ['plan', 'Plan pin (must / never)'],
  ['account', 'Accounts (one ask each)'],
  ['arr', 'ARR of the row\'s account'],
  ['source', 'Team that relayed it'],
  ['count', 'Votes / tickets (anonymous asks)'],
  ['ignore', 'Ignore this column'],
]);

/** A target as the PM reads it: `values.cost.low` → "Effort: low estimate". @param {string} name */
function targetLabel(name) {
  const fixed = TARGET_LABELS.get(name);
  if (fixed) return fixed;
  const m = /^values\.(.+?)(?:\.(low|likely|high))?$/.exec(name);
  if (!m) return name;
  const criterion = M.targets?.criteria.find((k) => k.id === m[1]);
  const label = criterion?.label ?? m[1];
  return m[2] ? `${label}: ${m[2]} estimate` : label;
}

/** What will happen, or the problems that stop it, and the warnings. @param {SheetImportResult | null} r */
function outcome(r) {
  if (!r) return null;
  const p = r.plan;
  const problems = r.problems;
  const parts = [];
  if (problems.length) {
    const more = p.more_problems;
    parts.push(h('section', { class: 'import-problems', role: 'alert', 'data-testid': 'import-problems' },
      h('h3', {}, `${count(problems.length + more, 'problem')}: nothing is imported until they are fixed`),
      h('p', { class: 'muted small-print' }, 'Fix the file and import it again, or change a column\'s target or a setting here (a column you do not need can be ignored).'),
      h('ol', {}, ...problems.map((x) => h('li', { 'data-testid': 'import-problem', 'data-line': String(x.line), 'data-column': String(x.column) },
        x.line ? h('span', { class: 'where' }, x.column ? `Line ${x.line}, column ${x.column}` : `Line ${x.line}`) : h('span', { class: 'where' }, 'The file'),
        x.header !== null ? h('span', { class: 'col', text: ` (${x.header || 'no header'})` }) : null,
        h('span', { text: `: ${pageWords(x.message)}` })))),
      more ? h('p', { class: 'muted' }, `… and ${more} more.`) : null));
  }
  const list = (label, items, testid) => {
    if (!items.length) return null;
    const shown = items.slice(0, LISTED);
    return h('li', { 'data-testid': testid }, h('strong', {}, `${label}: `),
      shown.join(', '), items.length > LISTED ? ` … and ${items.length - LISTED} more` : '');
  };
  const named = (list) => list.map((c) => (c.name === c.id ? c.name : `${c.name} (${c.id})`));
  parts.push(h('section', { class: 'import-outcome', 'data-testid': 'import-summary' },
    h('h3', {}, problems.length ? 'Once fixed, the import would' : 'What will happen'),
    h('p', { class: 'import-headline' }, headline(r)),
    h('ul', {},
      list(M.into ? 'Added' : 'Requests', p.added, 'import-added'),
      list('Updated', p.updated, 'import-updated'),
      list('Accounts created', named(p.accounts_created), 'import-accounts'),
      list('ARR changed', p.accounts_updated, 'import-arr'),
      list('Buckets created', named(p.buckets_created), 'import-buckets'),
      list('Teams created', named(p.sources_created), 'import-teams'),
      list('Columns ignored', p.ignored.map((x) => `“${x}”`), 'import-ignored'))));
  const warnings = r.warnings.filter((w) => !/no target and (is|are) ignored/.test(w.message));
  if (warnings.length) {
    parts.push(h('details', { class: 'import-warnings', 'data-testid': 'import-warnings', open: warnings.length <= 3 ? true : null },
      h('summary', {}, `${count(warnings.length + p.more_warnings, 'warning')} (the rows import anyway)`),
      h('ul', {}, ...warnings.map((w) => h('li', {}, w.line ? `Line ${w.line}${w.column ? `, column ${w.column}` : ''}${w.header !== null ? ` (${w.header})` : ''}: ` : '', pageWords(w.message))))));
  }
  return h('div', { class: 'import-side' }, ...parts);
}

/** "7 requests added and 2 updated, 12 asks" — the sentence above the lists. @param {SheetImportResult} r */
function headline(r) {
  const p = r.plan;
  const bits = [];
  bits.push(`${count(p.added.length, 'request')} ${M.into ? 'added' : 'in a new scenario'}`);
  if (p.updated.length) bits.push(`${p.updated.length} updated`);
  if (p.asks_added) bits.push(`${count(p.asks_added, 'ask')} added`);
  return `${count(p.rows, 'row')} → ${bits.join(', ')}.`;
}

/** The first rows as read (a check that the columns are split right). @param {SheetImportResult} r */
function preview(r) {
  const columns = r.plan.columns;
  return h('details', { class: 'import-preview' },
    h('summary', {}, `The first ${count(r.plan.preview.length, 'row')} as read`),
    h('div', { class: 'import-preview-scroll', tabindex: '0', role: 'region', 'aria-label': 'The first rows as read' },
      h('table', {},
        h('thead', {}, h('tr', {}, ...columns.map((c) => h('th', { scope: 'col', text: c.header || `(column ${c.column})` })))),
        h('tbody', {}, ...r.plan.preview.map((row) => h('tr', {}, ...columns.map((c) => h('td', { text: row[c.column - 1] ?? '' }))))))));
}

/**
 * The core's messages name the command line's options; on the page the same choice is
 * one of the step's controls.
 * @param {string} message
 */
function pageWords(message) {
  return message
    .replace(/give --date-order dmy or --date-order mdy/g, 'choose the order under “Dates like 03/04/2027” above')
    .replace(/give --decimal , or --decimal \./g, 'choose it under “Decimal separator” above')
    .replace(/\(--map HEADER=TARGET to use (one|it)\)/g, '(choose a target for it above)')
    .replace(/map one of them to ignore with --map/g, 'set one of them to “Ignore this column” above')
    .replace(/\(--map HEADER=title to name one\)/g, '(choose which column is the title above)')
    .replace(/--map ("[^"]*")=([\w.]+)/g, 'your choice $2 for $1')
    .replace(/--map /g, 'the choice ');
}

/** @param {string} d */
function delimiterName(d) {
  return d === ',' ? 'comma' : d === ';' ? 'semicolon' : d === '\t' ? 'tab' : d === '|' ? 'pipe' : d;
}

/** @param {string | null} label */
function encodingName(label) {
  return ENCODINGS.find(([v]) => v === label)?.[1] ?? label ?? 'UTF-8';
}

/** @param {string} text */
function capitalise(text) {
  return text ? text[0].toUpperCase() + text.slice(1) : text;
}
