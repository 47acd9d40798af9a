import type { Nanos } from '../core/time.js';
import { LogLinearHistogram } from './log-linear-histogram.js';

/**
 * A distribution of delays in nanoseconds: exact count, mean and maximum; percentiles from a
 * fixed-precision log-linear histogram (relative error below 0.2%), never from stored samples.
 */
export class DelayStats {
  count = 0;
  sum = 0;
  max = 0;
  private readonly histogram = new LogLinearHistogram();

  record(value: Nanos): void {
    this.count++;
    this.sum += value;
    if (value > this.max) this.max = value;
    this.histogram.record(value);
  }

  /** Pool the samples of `other` into this distribution. */
  merge(other: DelayStats): void {
    this.count += other.count;
    this.sum += other.sum;
    if (other.max > this.max) this.max = other.max;
    this.histogram.merge(other.histogram);
  }

  get mean(): Nanos {
    return this.count === 0 ? NaN : this.sum / this.count;
  }

  /** Value at percentile p (0-100); NaN when empty. */
  percentile(p: number): Nanos {
    return this.histogram.percentile(p);
  }
}
