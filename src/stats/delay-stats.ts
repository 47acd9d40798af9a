import * as hdr from 'hdr-histogram-js';
import type { Histogram } from 'hdr-histogram-js';
import type { Nanos } from '../core/time.js';

/**
 * A distribution of delays in nanoseconds: exact count, mean and maximum, percentiles from an HDR
 * histogram with three significant digits (relative error below 0.1%).
 */
export class DelayStats {
  count = 0;
  sum = 0;
  max = 0;
  private readonly histogram: Histogram;

  constructor() {
    this.histogram = hdr.build({ bitBucketSize: 32, autoResize: true, numberOfSignificantValueDigits: 3 });
  }

  record(value: Nanos): void {
    this.count++;
    this.sum += value;
    if (value > this.max) this.max = value;
    this.histogram.recordValue(value);
  }

  get mean(): Nanos {
    return this.count === 0 ? NaN : this.sum / this.count;
  }

  /** Value at percentile p (0-100); NaN when empty. */
  percentile(p: number): Nanos {
    return this.count === 0 ? NaN : this.histogram.getValueAtPercentile(p);
  }
}
