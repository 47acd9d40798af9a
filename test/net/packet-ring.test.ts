import { describe, expect, it } from 'vitest';
import type { PacketId, PacketSink } from '../../src/net/packet.js';
import { PacketRing } from '../../src/net/packet-ring.js';

describe('PacketRing', () => {
  it('gives packets back in order with the hop fields they came with, across wrap-arounds and growth', () => {
    const ring = new PacketRing();
    const routes: PacketSink[][] = [[], [], []];
    const packets = Array.from({ length: 300 }, (_, k) => (1000 + k) as PacketId);
    const fields = (k: number) => ({ route: routes[k % 3]!, hop: k % 7, size: 40 + k, dscp: k % 64, arrival: 1e12 + k });
    let pushed = 0;
    let shifted = 0;
    // push three, take two: the head moves round the ring while it grows from 16 to 128 places
    while (pushed < packets.length) {
      for (let i = 0; i < 3 && pushed < packets.length; i++, pushed++) {
        const f = fields(pushed);
        ring.push(packets[pushed]!, f.route, f.hop, f.size, f.dscp, f.arrival);
      }
      for (let i = 0; i < 2; i++, shifted++) {
        expect(ring.headArrival()).toBe(1e12 + shifted);
        expect(ring.headSize()).toBe(40 + shifted);
        expect(ring.shift()).toBe(packets[shifted]);
        expect({ ...ring.shifted }).toEqual(fields(shifted));
      }
    }
    while (ring.length > 0) {
      expect(ring.shift()).toBe(packets[shifted]);
      expect({ ...ring.shifted }).toEqual(fields(shifted++));
    }
    expect(shifted).toBe(packets.length);
    expect(ring.headArrival()).toBe(Infinity);
  });

  it('goes round fewer slots after a turn under half full, and grows again in order after', () => {
    const ring = new PacketRing();
    const route: PacketSink[] = [];
    const packets = Array.from({ length: 1000 }, (_, k) => (5000 + k) as PacketId);
    let pushed = 0;
    let shifted = 0;
    const push = () => {
      const k = pushed++;
      ring.push(packets[k % packets.length]!, route, k % 7, 40 + (k % 1000), k % 64, k);
    };
    const shift = () => {
      const k = shifted++;
      expect(ring.headArrival()).toBe(k);
      expect(ring.shift()).toBe(packets[k % packets.length]);
      expect({ ...ring.shifted }).toEqual({ route, hop: k % 7, size: 40 + (k % 1000), dscp: k % 64, arrival: k });
    };
    // a burst of 300 grows the ring to 512 slots
    for (let i = 0; i < 300; i++) push();
    expect(ring.slots).toBe(512);
    // then it holds 20 to 21 packets, never emptied: each turn under half full halves it, down to
    // 32 slots (21 is not under half of 32)
    for (let i = 0; i < 280; i++) shift();
    for (let i = 0; i < 5000; i++) {
      push();
      shift();
    }
    expect(ring.length).toBe(20);
    expect(ring.slots).toBe(32);
    // another burst while the head is mid-ring: the packets before the head move past the old end
    for (let i = 0; i < 700; i++) push();
    expect(ring.slots).toBe(1024);
    while (ring.length > 0) shift();
    expect(shifted).toBe(pushed);
    // emptied, it starts again at its first slots, and a turn that held one packet halves it
    push();
    shift();
    expect(ring.slots).toBe(512);
  });

  it('keeps the largest hop, DSCP and size a link can carry', () => {
    const ring = new PacketRing();
    const packet = 7 as PacketId;
    const route: PacketSink[] = [];
    ring.push(packet, route, 0xffff, 2 ** 21 - 1, 63, 2 ** 52 + 1);
    ring.push(packet, route, 1, 1, 0, 2 ** 52 + 2);
    expect(ring.headSize()).toBe(2 ** 21 - 1);
    ring.shift();
    expect({ ...ring.shifted }).toEqual({ route, hop: 0xffff, size: 2 ** 21 - 1, dscp: 63, arrival: 2 ** 52 + 1 });
    ring.shift();
    expect({ ...ring.shifted }).toEqual({ route, hop: 1, size: 1, dscp: 0, arrival: 2 ** 52 + 2 });
  });
});
