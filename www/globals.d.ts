// Types for the type-check of www/ (tsc --checkJs); not shipped.
interface Window {
  /** Stable hooks for the benchmark page and end-to-end tests. */
  __thresh: {
    loadSynthetic(n: number): void;
    setWeight(k: number, w: number): Promise<void>;
    importSynthetic(n: number, seed?: number): Promise<{ text: number; paint: number; bytes: number }>;
    planSynthetic(n: number, seed?: number): Promise<{ ms: number; solveMs: number; optimal: boolean; value?: number; upperBound?: number; selected?: number; error: string | null }>;
    timeTipping(runs?: number): number;
    robustSummary(): { summary: import('./store.js').RobustSummary | null; pulls: number };
    robustSynthetic(n: number, samples?: number, seed?: number): Promise<{ ms: number; workerMs: number; requests: number; samples: number; error: string | null }>;
    compareSynthetic(n: number, seed?: number): Promise<{
      warmUp: number;
      first: { ms: number; workerMs: number; changes: number | null; error: string | null };
      review: { ms: number; workerMs: number; changes: number | null; error: string | null };
      take: { ms: number; mainMs: number; reviewedMs: number; error: string | null } | null;
      merge: { ms: number; workerMs: number; conflicts: number | null; incoming: number | null; error: string | null };
      bytes: number;
    }>;
    importCsv(bytes: Uint8Array, name: string, options?: { into?: boolean }): Promise<{ mapping: number; run: number; decode: number; install: number; requests: number }>;
    prepareReport(): Promise<void>;
    setSaveDelay(ms: number | null): void;
    saveTimings: { size: number; waitMs: number; exportMs: number; writeMs: number; totalMs: number }[];
    flagNames: [number, string][];
    timings: { rescore: number; render: number }[];
  };
}
