import { describe, expect, it } from 'vitest';
import { DelayStats } from '../../src/probes/delay-stats.js';
import { LinkStats } from '../../src/probes/link-stats.js';

describe('link statistics', () => {
  it('count the packets sent without waiting in the queue-delay distribution once settled', () => {
    const stats = new LinkStats(1, 1);
    // four packets of 1000 B, 80 us each on the wire; one waited 5 us
    for (const wait of [0, 0, 5_000, 0]) stats.transmitted(1000, wait, 80_000);
    expect([stats.txPackets, stats.txBytes, stats.busyNs]).toEqual([4, 4000, 320_000]);
    expect(stats.queueDelay.count).toBe(0); // only counted so far, the wait too
    stats.settle();
    const q = stats.queueDelay;
    expect([q.count, q.mean, q.min, q.max, q.percentile(50), q.percentile(100)]).toEqual([4, 1250, 0, 5000, 0, 5000]);
    stats.settle(); // settling again adds nothing
    expect(q.count).toBe(4);
    stats.addBusy(-20_000);
    expect(stats.busyNs).toBe(300_000);
  });

  it('settles the waits, however many, into the distribution they would have made one by one', () => {
    const stats = new LinkStats(1, 1);
    const direct = new DelayStats();
    // waits over six octaves, some repeated, in an order that widens the histogram both ways
    let x = 12345;
    for (let i = 0; i < 1000; i++) {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      const wait = i % 7 === 0 ? 0 : 1000 + (x % 64_000) * (i % 3 === 0 ? 1 : 7);
      stats.transmitted(1500, wait, 1200);
      if (wait > 0) direct.record(wait);
    }
    const zeros = 1000 - direct.count;
    direct.recordRepeated(0, zeros);
    expect(stats.queueDelay.count).toBeLessThan(1000);
    stats.settle();
    const q = stats.queueDelay;
    expect([q.count, q.sum, q.min, q.max]).toEqual([direct.count, direct.sum, direct.min, direct.max]);
    for (const p of [1, 10, 25, 50, 75, 90, 99, 99.9, 100]) expect(q.percentile(p)).toBe(direct.percentile(p));
    stats.settle();
    expect(q.count).toBe(1000);
  });
});
