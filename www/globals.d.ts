// Types for the type-check of www/ (tsc --checkJs); not shipped.
interface Window {
  /** Stable hooks for the benchmark page and end-to-end tests. */
  __thresh: {
    loadSynthetic(n: number): void;
    setWeight(k: number, w: number): Promise<void>;
    flagNames: [number, string][];
    timings: { rescore: number; read: number; render: number }[];
  };
}
