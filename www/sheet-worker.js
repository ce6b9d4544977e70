// Reads CSV files and pasted tables off the main thread for the import's mapping step
// (views/import.js), with the spreadsheet module (wasm/sheets), which only this worker
// loads: neither the page's module nor the planner's carries the CSV reader.
//
// A message `{id, session, into?, name?, today?, text?, options}` reads `text` with the
// step's choices; a new `session` says where the rows go — `into`: the open scenario's
// file text; else a new scenario's `name` and `today` — and is kept for the session's
// later runs (each choice the PM changes is one run), as is the text, sent when it
// changed. While it reads: `{id, progress: {stage, done, total}}` (stage "cells", "rows"
// or "check"; at most every 50 ms). The answer: `{id, sheet: {targets (a new session's),
// result, ms}}`, or `{id, error: {messages}}`. To stop a run, the page ends the worker.
// `{warm: true}` only loads the module (the page sends it when an import is likely).

import init, { SheetImport } from './pkg-sheets/thresh.js';

// The one-file page gives the module's bytes inline; otherwise they are beside this script.
const inline = /** @type {any} */ (self).__THRESH_SHEETS_WASM__;
const ready = init({ module_or_path: inline ?? new URL('pkg-sheets/thresh_bg.wasm', self.location.href) });

/** The session being run: where its rows go, and its text. @type {{session: number, importer: SheetImport, text: string} | null} */
let current = null;

self.onmessage = async (ev) => {
  // Started early (the PM is choosing a file): compile the module now, answer nothing.
  if (ev.data.warm) {
    await ready.catch(() => {});
    warmUp();
    return;
  }
  const { id, session, into, name, today, text, options } = ev.data;
  try {
    await ready;
    let targets = null;
    if (!current || current.session !== session) {
      current?.importer.free();
      current = null;
      const importer = typeof into === 'string' ? SheetImport.into_scenario(into) : SheetImport.new_scenario(name, today);
      current = { session, importer, text: '' };
      targets = importer.targets();
    }
    if (typeof text === 'string') current.text = text;
    const t0 = performance.now();
    // Progress as the rows are read, at most every 50 ms (a run of a few rows says nothing).
    let last = t0;
    const progress = (stage, done, total) => {
      const now = performance.now();
      if (now - last < 50 && stage === 'rows' && done < total) return;
      last = now;
      self.postMessage({ id, progress: { stage, done, total } });
    };
    const result = current.importer.run(current.text, options, progress);
    self.postMessage({ id, sheet: { targets, result, ms: performance.now() - t0 } });
  } catch (e) {
    self.postMessage({ id, error: { messages: String(e?.message ?? e).split('\n') } });
  }
};

/**
 * Reads a made-up sheet of 3,000 rows once. The engine first runs WebAssembly as compiled
 * quickly and optimises what runs often only as it goes, and a call already running keeps
 * its code: without this, the PM's first file ran about eight times slower than the next.
 */
function warmUp() {
  const lines = ['Key,Summary,Status,Due date,Labels,Story Points,Customer,ARR,Votes,Description'];
  for (let i = 1; i <= 3000; i++) {
    lines.push(`W-${i},"Request ${i}, warm",${i % 2 ? 'To Do' : 'Done'},${1 + (i % 28)}/Mar/27 5:00 PM,a${i % 5},${(i % 13) + 0.5},Customer ${i % 97},"$${i * 10},000",${i % 7},"Line one.
Line two."`);
  }
  const importer = SheetImport.new_scenario('Warm-up', '2027-01-04');
  try {
    importer.run(lines.join('\n'), {}, null);
  } catch { /* only a warm-up */ }
  importer.free();
}
