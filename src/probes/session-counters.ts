import type { Nanos } from '../core/time.js';
import type { DelayStats } from './delay-stats.js';

/** Where an application's calls or transactions are counted (stats/AppStats). */
export interface SessionCounters {
  /** Started after the warm-up. */
  started: number;
  /** Transactions that arrived after the warm-up and completed. */
  completed: number;
  /** In progress now (transactions: arrived, not yet completed). */
  active: number;
  concurrency: { set(value: number, now: Nanos): void };
  completion: DelayStats;
}
