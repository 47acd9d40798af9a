import type { Nanos } from '../core/time.js';
import { LogLinearHistogram } from './log-linear-histogram.js';

/**
 * A distribution of delays in nanoseconds: exact count, mean and maximum; percentiles from a
 * fixed-precision log-linear histogram (relative error below 0.2%), never from stored samples.
 * It is the histogram itself plus a sum (one object per flow on the packet path, not two).
 */
export class DelayStats extends LogLinearHistogram {
  sum = 0;

  override recordRepeated(value: Nanos, times: number): void {
    this.sum += value * times;
    super.recordRepeated(value, times);
  }

  /** Pool the samples of `other` into this distribution. */
  override merge(other: DelayStats): void {
    this.sum += other.sum;
    super.merge(other);
  }

  override clear(): void {
    this.sum = 0;
    super.clear();
  }

  get count(): number {
    return this.total;
  }

  get mean(): Nanos {
    return this.total === 0 ? NaN : this.sum / this.total;
  }
}
