import type { Clock, Nanos } from '../core/time.js';
import { NS_PER_S } from '../core/time.js';

/**
 * A token-bucket policer: tokens (bytes) accrue at `rate` up to `burst`; a packet that finds fewer
 * tokens than its size is out of profile and dropped. The bucket starts full. It reads the time
 * from its clock, not from an argument: V8 boxes a time passed to a call it does not inline.
 */
export class TokenBucket {
  private tokens: number;
  private last: Nanos = 0;
  private readonly bytesPerNs: number;

  constructor(
    readonly rateBps: number,
    readonly burstBytes: number,
    private readonly clock: Clock,
  ) {
    this.tokens = burstBytes;
    this.bytesPerNs = rateBps / 8 / NS_PER_S;
  }

  /** Whether a packet of `bytes` arriving now is in profile (its tokens are then taken). */
  conforms(bytes: number): boolean {
    const now = this.clock.now;
    const tokens = this.tokens + (now - this.last) * this.bytesPerNs;
    this.tokens = tokens < this.burstBytes ? tokens : this.burstBytes;
    this.last = now;
    if (bytes > this.tokens) return false;
    this.tokens -= bytes;
    return true;
  }
}
