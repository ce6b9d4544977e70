// The analyses' Web Worker, with its own WebAssembly module (wasm/analysis; neither the
// page's module nor the planner's carries this code, and this one loads only when the
// "How sure?" view or the compare dialog needs it). It compares and merges scenario files,
// and draws the "How sure?" samples, off the main thread. Each view that needs it starts
// its own.
//
// Compare and merge — `ours` is the open scenario's text as it is now; `theirs` (their
// file, or another saved scenario) and `base` (what their file came from) come as
// {key, data} (data: a file's bytes or a scenario's text) and are read only when their
// key is new, then kept:
//   {id, op: 'review', ours, theirs}                   → Review
//   {id, op: 'take', ours, theirs, request}            → Taken  (request: {paths} or {all: true})
//   {id, op: 'merge', ours, theirs, base}              → MergeReview
//   {id, op: 'resolve', ours, theirs, base, choices}   → Resolution
//   {id, op: 'prepare', ours, base?}                   → {}: reads them ahead (while the PM
//     picks a file); the open scenario's text is kept, and not read again when a request
//     gives the same text
//   {id, op: 'warm'}                                   → {changes}: a comparison of a small
//     generated scenario, run once so that the engine compiles this code at full speed
//     before the PM's files come (the compare dialog asks for it when it opens)
//   answered {id, result, ms} or {id, error: {kind, file, messages}} (kind 'file': a file
//   that does not read, `file` naming which; messages name each problem's place).
// "How sure?" — messages with `robust`: the page sends the scenario's file text and the
// settings; the samples are drawn in chunks of about CHUNK_MS, with a progress message
// after each and a pause in between, in which a `{cancelRobust: id}` (or a newer run)
// stops it.

import init, { Comparison, RobustRun } from './pkg-analysis/thresh.js';

// The one-file page gives the module's bytes inline; otherwise they are beside this script.
const inline = /** @type {any} */ (self).__THRESH_ANALYSIS_WASM__;
const ready = init({ module_or_path: inline ?? new URL('pkg-analysis/thresh_bg.wasm', self.location.href) });

const encoder = new TextEncoder();
/** @param {Uint8Array | string} file */
const bytes = (file) => (typeof file === 'string' ? encoder.encode(file) : file);

/** @param {any} e */
const failure = (e) => ({
  kind: typeof e?.kind === 'string' ? e.kind : 'failure',
  file: typeof e?.file === 'string' ? e.file : null,
  messages: String(e?.message ?? e).split('\n'),
});

/** The files read for comparing, and the keys they were given under. @type {Comparison | null} */
let comparison = null;
const held = { theirs: /** @type {unknown} */ (null), base: /** @type {unknown} */ (null) };

/** @param {any} msg @returns {string} */
function compareJob(msg) {
  if (msg.op === 'warm') return JSON.stringify({ changes: Comparison.warm_up() });
  comparison ??= new Comparison();
  for (const side of /** @type {const} */ (['theirs', 'base'])) {
    const file = msg[side];
    if (!file || file.key === held[side]) continue;
    held[side] = null;
    if (side === 'theirs') comparison.set_theirs(bytes(file.data));
    else comparison.set_base(bytes(file.data));
    held[side] = file.key;
  }
  const ours = bytes(msg.ours);
  switch (msg.op) {
    case 'prepare': comparison.prepare_ours(ours); return '{}';
    case 'review': return comparison.review(ours);
    case 'take': return comparison.take(ours, JSON.stringify(msg.request));
    case 'merge': return comparison.merge(ours);
    case 'resolve': return comparison.resolve(ours, JSON.stringify(msg.choices));
    default: throw new Error(`the worker does not know "${msg.op}"`);
  }
}

self.onmessage = async (ev) => {
  if (ev.data.robust || ev.data.cancelRobust !== undefined) { robustMessage(ev.data); return; }
  const msg = ev.data;
  const { id } = msg;
  await ready;
  try {
    const t0 = performance.now();
    const result = JSON.parse(compareJob(msg));
    self.postMessage({ id, result, ms: performance.now() - t0 });
  } catch (e) {
    self.postMessage({ id, error: failure(e) });
  }
};

// ----- the robustness analysis -----

/** Work between two pauses, in ms: progress is told this often, and a cancel waits no longer. */
const CHUNK_MS = 40;
/** The run going on (a newer one or a cancel replaces it). */
let robustJob = -1;

/** @param {{robust?: any, cancelRobust?: number}} data */
async function robustMessage(data) {
  if (data.cancelRobust !== undefined) {
    if (data.cancelRobust === robustJob) robustJob = -1;
    return;
  }
  const { id, text, samples, top, mode, spread, plan, seed } = data.robust;
  robustJob = id;
  await ready;
  if (robustJob !== id) return;
  const t0 = performance.now();
  /** @type {RobustRun | null} */
  let run = null;
  try {
    run = new RobustRun(text, samples, top, mode, spread, plan, seed);
    let done = 0;
    let count = 1;
    while (done < samples) {
      const t = performance.now();
      done = run.step(count);
      const took = performance.now() - t;
      // Aim each chunk at CHUNK_MS: samples cost the same all through a run.
      count = Math.max(1, Math.min(samples, Math.round(count * Math.min(8, CHUNK_MS / Math.max(took, 0.5)))));
      self.postMessage({ robustId: id, progress: { done, total: samples } });
      await new Promise((r) => setTimeout(r, 0));
      if (robustJob !== id) { run.free(); return; }
    }
    const result = JSON.parse(run.finish());
    run.free();
    robustJob = -1;
    self.postMessage({ robustId: id, result, ms: performance.now() - t0 });
  } catch (e) {
    run?.free();
    if (robustJob === id) robustJob = -1;
    self.postMessage({ robustId: id, error: String(e?.message ?? e) });
  }
}
