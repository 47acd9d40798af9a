import { describe, expect, it } from 'vitest';
import { LinkStats } from '../../src/probes/link-stats.js';

describe('link statistics', () => {
  it('count the packets sent without waiting in the queue-delay distribution once settled', () => {
    const stats = new LinkStats(1, 1);
    // four packets of 1000 B, 80 us each on the wire; one waited 5 us
    for (const wait of [0, 0, 5_000, 0]) stats.transmitted(1000, wait, 80_000);
    expect([stats.txPackets, stats.txBytes, stats.busyNs]).toEqual([4, 4000, 320_000]);
    expect(stats.queueDelay.count).toBe(1); // the three that did not wait are only counted so far
    stats.settle();
    const q = stats.queueDelay;
    expect([q.count, q.mean, q.min, q.max, q.percentile(50), q.percentile(100)]).toEqual([4, 1250, 0, 5000, 0, 5000]);
    stats.settle(); // settling again adds nothing
    expect(q.count).toBe(4);
    stats.addBusy(-20_000);
    expect(stats.busyNs).toBe(300_000);
  });
});
