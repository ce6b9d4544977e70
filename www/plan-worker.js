// Plans off the main thread: the same WebAssembly as the page, one scenario at a time.
// Cancelling is stopping this worker (the page starts a new one when it needs it).

import init, { Workbench } from './pkg/thresh.js';

const ready = init();

self.onmessage = async (ev) => {
  const { id, text, previous, maxNodes } = ev.data;
  await ready;
  /** @type {Workbench | null} */
  let wb = null;
  try {
    wb = Workbench.open(text);
    let last = performance.now();
    const result = wb.plan(previous, maxNodes, (nodes, best, bound) => {
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
  } finally {
    wb?.free();
  }
};
