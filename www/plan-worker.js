// Plans off the main thread with the planner's own WebAssembly module (the page does not
// load it), one scenario at a time.
// Cancelling is stopping this worker (the page starts a new one when it needs it).

import init, { plan_scenario } from './pkg-plan/thresh.js';

const ready = init();

self.onmessage = async (ev) => {
  const { id, text, previous, maxNodes } = ev.data;
  await ready;
  try {
    let last = performance.now();
    const result = plan_scenario(text, previous, maxNodes, (nodes, best, bound) => {
      const now = performance.now();
      if (now - last > 100) {
        last = now;
        self.postMessage({ id, progress: { nodes, best, bound } });
      }
      return true;
    });
    self.postMessage({ id, result });
  } catch (e) {
    self.postMessage({ id, failure: String(e?.message ?? e) });
  }
};
