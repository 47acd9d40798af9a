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
});
