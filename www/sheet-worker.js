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

import init, { SheetImport } from './pkg-sheets/thresh.js';

// The one-file page gives the module's bytes inline; otherwise they are beside this script.
const inline = /** @type {any} */ (self).__THRESH_SHEETS_WASM__;
const ready = init({ module_or_path: inline ?? new URL('pkg-sheets/thresh_bg.wasm', self.location.href) });

/** The session being run: where its rows go, and its text. @type {{session: number, importer: SheetImport, text: string} | null} */
let current = null;

self.onmessage = async (ev) => {
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
