// Plans off the main thread with the planner's own WebAssembly module (the page does not
// load it), one problem at a time. The page sends the numeric planning problem as typed
// arrays (its own module built them from the scenario); this worker only solves it and
// sends the solution back as numbers. Cancelling is stopping this worker (the page starts
// a new one when it needs it).
//
// It also runs the "How sure?" view's analysis (messages with `robust`): the page sends
// the scenario's file text and the settings; the samples are drawn in chunks of about
// CHUNK_MS, with a progress message after each and a pause in between, in which a
// `{cancelRobust: id}` (or a newer run) stops it.

import init, { solve, RobustRun } from './pkg-plan/thresh.js';

// The one-file page gives the planner's bytes inline; otherwise they are beside this script.
const inline = /** @type {any} */ (self).__THRESH_PLANNER_WASM__;
const ready = init({ module_or_path: inline ?? new URL('pkg-plan/thresh_bg.wasm', self.location.href) });

self.onmessage = async (ev) => {
  if (ev.data.robust || ev.data.cancelRobust !== undefined) { robustMessage(ev.data); return; }
  const { id, instance, maxNodes } = ev.data;
  await ready;
  try {
    const t0 = performance.now();
    let last = t0;
    const solution = solve(instance, maxNodes, (nodes, best, bound) => {
      const now = performance.now();
      if (now - last > 100) {
        last = now;
        self.postMessage({ id, progress: { nodes, best, bound } });
      }
      return true;
    });
    self.postMessage({ id, solution, ms: performance.now() - t0 }, { transfer: [solution.selected.buffer] });
  } catch (e) {
    const kind = typeof e?.kind === 'string' ? e.kind : 'failure';
    self.postMessage({ id, error: { kind, messages: String(e?.message ?? e).split('\n') } });
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
