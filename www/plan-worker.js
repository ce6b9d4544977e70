// The plan view's Web Worker, with its own WebAssembly module (wasm/planner: the solver
// only; the page's module does not carry it, and this one loads only when a plan is
// needed — the plan view, the report). The page sends the numeric planning problem as
// typed arrays (its own module built them from the scenario); this worker only solves it:
//   {id, instance, maxNodes} → {id, progress: {nodes, best, bound}} now and then, then
//   {id, solution, ms} or {id, error: {kind, messages}}.
// Each view that plans starts its own worker (the plan view stops its worker to cancel a
// search).

import init, { solve } from './pkg-plan/thresh.js';

// The one-file page gives the module's bytes inline; otherwise they are beside this script.
const inline = /** @type {any} */ (self).__THRESH_PLANNER_WASM__;
const ready = init({ module_or_path: inline ?? new URL('pkg-plan/thresh_bg.wasm', self.location.href) });

/** @param {any} e */
const failure = (e) => ({
  kind: typeof e?.kind === 'string' ? e.kind : 'failure',
  messages: String(e?.message ?? e).split('\n'),
});

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
    self.postMessage({ id, error: failure(e) });
  }
};
