import { describe, expect, it } from 'vitest';
import { PacketPool, type PacketId, type PacketSink } from '../../src/net/packet.js';
import type { QueueDiscipline } from '../../src/net/queues/queue-discipline.js';
import { StrictDrrQueue } from '../../src/net/queues/strict-drr.js';
import { TokenBucket } from '../../src/net/token-bucket.js';

const pool = new PacketPool();
const packet = (size: number, seq: number): PacketId => pool.stamp(pool.take(), 0, seq, size, 0, 0);

/** The queues' clock: a packet arrives at its seq (see `put`). */
const clock = { now: 0 };
/** Enqueue `p` as a link does, with its hop fields (the hop: its seq + 1), and its seq as the time it arrived. */
const put = (q: QueueDiscipline, p: PacketId, cls: number): boolean => {
  clock.now = pool.seq(p);
  return q.enqueue(p, cls, ROUTE, pool.seq(p) + 1, pool.size(p), 8 * cls);
};
const ROUTE: readonly PacketSink[] = [];

describe('token bucket', () => {
  it('starts full, admits a burst, then refills at its rate (8 Mbps: a byte per microsecond)', () => {
    const bucketClock = { now: 0 };
    const bucket = new TokenBucket(8e6, 3000, bucketClock);
    const conformsAt = (bytes: number, at: number): boolean => {
      bucketClock.now = at;
      return bucket.conforms(bytes);
    };
    expect([conformsAt(1500, 0), conformsAt(1500, 0), conformsAt(1, 0)]).toEqual([true, true, false]);
    expect(conformsAt(1000, 999_000)).toBe(false); // 999 bytes of tokens
    expect(conformsAt(1000, 1_000_000)).toBe(true); // the 999 kept, one more a microsecond later
    expect(conformsAt(3001, 1e12)).toBe(false); // never more than the burst
    expect(conformsAt(3000, 1e12)).toBe(true);
  });
});

describe('strict priority before deficit round robin', () => {
  const limit = { packets: 100, bytes: Infinity };

  it('serves the strict class first, then the weighted ones in proportion to their quanta', () => {
    // class 0 strict; classes 1 and 2 weighted 3:1 (quanta 4500 and 1500 bytes)
    const q = new StrictDrrQueue([limit, limit, limit], 1, [0, 4500, 1500], clock);
    for (let i = 0; i < 12; i++) put(q, packet(1500, 100 + i), 1);
    for (let i = 0; i < 12; i++) put(q, packet(1500, 200 + i), 2);
    put(q, packet(200, 1), 0);
    const order: number[] = [];
    for (let k = 0; k < 9; k++) {
      if (k === 4) put(q, packet(200, 2), 0); // voice arriving mid-way goes next
      const p = q.dequeue(0)!;
      const seq = pool.seq(p);
      order.push(Math.floor(seq / 100));
      // each packet leaves with the fields it came in with, whichever part served it
      const w = q.dequeued;
      expect([w.route, w.hop, w.size, w.dscp, w.arrival]).toEqual([ROUTE, seq + 1, pool.size(p), 8 * (seq < 100 ? 0 : seq < 200 ? 1 : 2), seq]);
    }
    // voice, three of class 1 and one of class 2 per round, voice again as soon as it comes
    expect(order).toEqual([0, 1, 1, 1, 0, 2, 1, 1, 1]);
    expect(q.packets).toBe(24 + 2 - 9);
  });

  it('drops at each class limit on its own', () => {
    const q = new StrictDrrQueue([{ packets: 1, bytes: Infinity }, { packets: 2, bytes: Infinity }], 1, [0, 1500], clock);
    expect([put(q, packet(100, 1), 0), put(q, packet(100, 2), 0)]).toEqual([true, false]);
    expect([put(q, packet(100, 3), 1), put(q, packet(100, 4), 1), put(q, packet(100, 5), 1)]).toEqual([true, true, false]);
    expect(q.bytes).toBe(300);
  });
});
