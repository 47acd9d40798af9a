import type { Nanos } from '../core/time.js';

/** Time-weighted average of a piecewise-constant quantity over [from, until]. */
export class TimeAverage {
  private area = 0;
  private value = 0;
  private since: Nanos;

  constructor(private readonly from: Nanos) {
    this.since = from;
  }

  /** The quantity takes `value` from time `now` on. */
  set(value: number, now: Nanos): void {
    if (now > this.since) {
      this.area += this.value * (now - this.since);
      this.since = now;
    }
    this.value = value;
    if (now >= this.from && value > this.maximum) this.maximum = value;
  }

  /** The largest value taken inside the measured interval (-Infinity: none yet). */
  maximum = -Infinity;

  get current(): number {
    return this.value;
  }

  mean(until: Nanos): number {
    const span = until - this.from;
    if (span <= 0) return NaN;
    return (this.area + (until > this.since ? this.value * (until - this.since) : 0)) / span;
  }
}
