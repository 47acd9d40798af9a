import { describe, expect, it } from 'vitest';
import { MAX_SACK_BLOCKS, PacketPool } from '../../src/net/packet.js';

describe('PacketPool', () => {
  it('reuses released packets, last released first', () => {
    const pool = new PacketPool();
    const a = pool.take();
    const b = pool.take();
    expect(pool.allocated).toBe(2);
    pool.release(a);
    pool.release(b);
    expect(pool.take()).toBe(b);
    expect(pool.take()).toBe(a);
    expect(pool.allocated).toBe(2);
  });

  it("keeps every packet's fields apart, and the same across the pool's growth", () => {
    const clock = { now: 0 };
    const pool = new PacketPool(clock);
    const packets = Array.from({ length: 5000 }, () => pool.take()); // the rows are reallocated several times
    packets.forEach((p, i) => {
      clock.now = 1e12 + i;
      pool.stamp(p, i, 10 * i + 1, 40 + (i % 1500), i % 64, 7 * i, i % 1460, 1e11 + i, i % 2 === 0);
      if (i % 2 === 0) pool.setTsEcr(p, 3e12 + i);
      else pool.setExchangeEnds(p, 4e12 + i, 5e12 + i);
    });
    const fieldsOf = (i: number) => [i, 10 * i + 1, 40 + (i % 1500), i % 64, 1e12 + i, 7 * i, i % 1460, 1e11 + i, i % 2 === 0, i % 2 === 0 ? 3e12 + i : 4e12 + i, i % 2 === 0 ? 0 : 5e12 + i];
    packets.forEach((p, i) => {
      expect([
        pool.flow(p), pool.seq(p), pool.size(p), pool.dscp(p), pool.sentAt(p), pool.tag(p), pool.payload(p), pool.ack(p), pool.isAck(p),
        i % 2 === 0 ? pool.tsEcr(p) : pool.requestEnd(p), pool.responseEnd(p),
      ]).toEqual(fieldsOf(i));
    });
    expect(pool.allocated).toBe(5000);
    pool.release(packets[300]!);
    expect(pool.take()).toBe(packets[300]);
    expect(pool.sentAt(packets[299]!)).toBe(1e12 + 299);
  });

  it('carries up to three SACK blocks on an ACK, and none once stamped again', () => {
    const pool = new PacketPool();
    const ack = pool.stamp(pool.take(), 1, 0, 52, 46, 0, 0, 9000, true);
    expect(pool.sackCount(ack)).toBe(0);
    for (let b = 0; b < MAX_SACK_BLOCKS; b++) pool.setSack(ack, b, 1000 * (b + 1), 1000 * (b + 1) + 500);
    expect(pool.sackCount(ack)).toBe(3);
    expect([0, 1, 2].map((b) => [pool.sackStart(ack, b), pool.sackEnd(ack, b)])).toEqual([[1000, 1500], [2000, 2500], [3000, 3500]]);
    // the blocks share their word with the DSCP and the ACK flag, which they leave as they were
    expect([pool.dscp(ack), pool.isAck(ack)]).toEqual([46, true]);
    pool.release(ack);
    const data = pool.stamp(pool.take(), 1, 0, 1500, 0, 0, 1460);
    expect(data).toBe(ack);
    expect([pool.sackCount(data), pool.isAck(data)]).toEqual([0, false]);
  });
});
