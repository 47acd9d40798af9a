import { describe, expect, it } from 'vitest';
import { PacketPool } from '../../src/net/packet.js';

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

  it('lends SACK blocks to the packets that carry some, and takes them back with the packet', () => {
    const pool = new PacketPool();
    const ack = pool.take();
    expect(ack.sack).toBeNull();
    const blocks = pool.sackBlocks(ack);
    expect(blocks).toHaveLength(6);
    expect(pool.sackBlocks(ack)).toBe(blocks); // asked again: the same room
    blocks.set([1000, 2000, 3000, 4000]);
    ack.sackCount = 2;

    pool.release(ack);
    expect(ack.sack).toBeNull();
    expect(ack.sackCount).toBe(0); // a packet taken again carries no stale blocks
    const data = pool.take();
    expect(data.sack).toBeNull(); // most packets never carry SACK blocks and hold no room for them
    const next = pool.take();
    expect(pool.sackBlocks(next)).toBe(blocks); // the room is lent again, not made anew
  });

  it("keeps every packet's numbers apart, across the slabs the pool shares among them", () => {
    const pool = new PacketPool();
    const packets = Array.from({ length: 600 }, () => pool.take()); // more than two slabs of 256
    packets.forEach((p, i) => {
      p.stamp(i, 10 * i + 1, 100, 0, [], 1e12 + i, null, i + 2, i + 3);
      p.tsEcr = 3e12 + i;
      p.requestEnd = 4e12 + i;
      p.responseEnd = 5e12 + i;
    });
    packets.forEach((p, i) => {
      expect([p.seq, p.payload, p.ack, p.sentAt, p.tsEcr, p.requestEnd, p.responseEnd]).toEqual([
        10 * i + 1, i + 2, i + 3, 1e12 + i, 3e12 + i, 4e12 + i, 5e12 + i,
      ]);
    });
    expect(pool.allocated).toBe(600);
    pool.release(packets[300]!);
    const again = pool.take();
    expect(again).toBe(packets[300]);
    expect(again.sentAt).toBe(1e12 + 300); // its place in the slab goes with it; `stamp` writes it anew
    expect(packets[299]!.sentAt).toBe(1e12 + 299);
  });
});
