import { describe, expect, it } from 'vitest';
import { NS_PER_MS, NS_PER_S } from '../../src/core/time.js';
import { MediaQuality } from '../../src/probes/media-quality.js';

describe('media quality windows', () => {
  it('loss per 15 s window, worst 200 ms, delay and jitter per window (hand-computed)', () => {
    const q = new MediaQuality(1 * NS_PER_S, 46 * NS_PER_S); // three 15 s windows from t = 1 s
    // window 0: 200 packets every 20 ms from 1 s, the 10 sent in [3.0, 3.2) lost
    for (let k = 0; k < 200; k++) {
      const t = 1 * NS_PER_S + k * 20 * NS_PER_MS;
      if (t >= 3 * NS_PER_S && t < 3.2 * NS_PER_S) q.dropped(t);
      else q.arrived(t, 10 * NS_PER_MS, 1 * NS_PER_MS);
    }
    // window 1: 50 packets, none lost, 30 ms delay, 4 ms jitter
    for (let k = 0; k < 50; k++) q.arrived(16 * NS_PER_S + k * 20 * NS_PER_MS, 30 * NS_PER_MS, 4 * NS_PER_MS);
    // before the warm-up: ignored
    q.dropped(0.5 * NS_PER_S);
    const w = q.windowed();
    expect(w.windows).toBe(2); // window 2 has no packets
    expect(q.lossRatio).toBeCloseTo(10 / 250, 12);
    expect(w.burstLossMax).toBe(1); // [3.0, 3.2) lost whole
    // 95th percentile of two windows (nearest rank) is the larger one
    expect(w.lossP95).toBeCloseTo(10 / 200, 12);
    expect(w.delayP95Ms).toBeCloseTo(30, 9);
    expect(w.jitterP95Ms).toBeCloseTo(4, 9);
    expect(q.meanJitter).toBeCloseTo(((190 * 1 + 50 * 4) / 240) * NS_PER_MS, 6);
  });
});
