/** What one run of a benchmark did. */
export interface BenchWork {
  events: number;
  packetHops: number;
  simulatedSeconds?: number;
}

/** One benchmark: `run` does a fixed amount of work and says how much. */
export interface BenchCase {
  name: string;
  /** Timed runs (after one warm-up run). */
  iterations: number;
  setup?: () => void;
  run: () => BenchWork | Promise<BenchWork>;
  /**
   * The `k`-th of `n` equal parts of what `run` does (after `setup`, `k` from 0 to n - 1 in turn):
   * a case that has it can be timed in slices alternating with other cases' (`--interleave`).
   */
  slice?: (k: number, n: number) => BenchWork;
  /** After the last run (stop threads). */
  teardown?: () => Promise<void>;
}

/** A case known by name before it is built (building can be costly: parsing 10,000 flows). */
export interface BenchEntry {
  name: string;
  /** Left out unless named on the command line (minutes of wall time). */
  slow?: boolean;
  build: () => BenchCase;
}
