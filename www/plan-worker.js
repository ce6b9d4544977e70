// Plans off the main thread with the planner's own WebAssembly module (the page does not
// load it), one problem at a time. The page sends the numeric planning problem as typed
// arrays (its own module built them from the scenario); this worker only solves it and
// sends the solution back as numbers. Cancelling is stopping this worker (the page starts
// a new one when it needs it).

import init, { solve } from './pkg-plan/thresh.js';

// The one-file page gives the planner's bytes inline; otherwise they are beside this script.
const inline = /** @type {any} */ (self).__THRESH_PLANNER_WASM__;
const ready = init({ module_or_path: inline ?? new URL('pkg-plan/thresh_bg.wasm', self.location.href) });

self.onmessage = async (ev) => {
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
