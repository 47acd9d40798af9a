import { describe, expect, it } from 'vitest';
import { Simulator } from '../../src/core/simulator.js';
import { DropReason } from '../../src/net/drop-reason.js';
import { Network } from '../../src/net/network.js';
import { send as sendAlong, type PacketId, type PacketSink } from '../../src/net/packet.js';
import { DEFAULT_CLASS_MAP } from '../../src/net/queues/class-map.js';
import { DropTailQueue } from '../../src/net/queues/drop-tail.js';

/** Two links A -> B -> C and a sink that notes arrival times. */
function twoHops(limitPackets = 100) {
  const sim = new Simulator({ seed: 1 });
  const network = new Network(sim);
  for (const n of ['A', 'B', 'C']) network.addNode(n);
  const common = { mtu: 1500, classMap: DEFAULT_CLASS_MAP };
  const ab = network.addLink({ ...common, name: 'A->B', from: 'A', to: 'B', bandwidthBps: 1e9, delay: 1_000_000, queue: new DropTailQueue({ packets: limitPackets, bytes: Infinity }, sim) });
  const bc = network.addLink({ ...common, name: 'B->C', from: 'B', to: 'C', bandwidthBps: 100e6, delay: 2_000_000, queue: new DropTailQueue({ packets: limitPackets, bytes: Infinity }, sim) });
  const arrivals: { seq: number; at: number }[] = [];
  const sink: PacketSink = {
    receive(p: PacketId) {
      arrivals.push({ seq: network.pool.seq(p), at: sim.now });
      network.pool.release(p);
    },
  };
  const flow = network.addFlow('f', { from: 'A', to: 'C', dscp: 0, protocol: 'udp' });
  const send = (seq: number, size: number) => {
    const route = [ab, bc, sink];
    sendAlong(network.pool.stamp(network.pool.take(), flow.index, seq, size, 0, 0), route);
  };
  return { sim, network, ab, bc, arrivals, send, flow };
}

describe('packet timing on links', () => {
  it('one packet over two links arrives at exactly the sum of size/bandwidth + delay', () => {
    const { sim, arrivals, send } = twoHops();
    sim.at(0, { onEvent: () => send(0, 1500) });
    sim.runUntil(1e9);
    // 1500 B at 1 Gbps = 12 us, + 1 ms; 1500 B at 100 Mbps = 120 us, + 2 ms
    expect(arrivals).toEqual([{ seq: 0, at: 12_000 + 1_000_000 + 120_000 + 2_000_000 }]);
  });

  it('back-to-back packets queue behind each other at the slower link', () => {
    const { sim, arrivals, send, bc } = twoHops();
    sim.at(500, { onEvent: () => { send(0, 1500); send(1, 500); send(2, 1000); } });
    sim.runUntil(1e9);
    // First link serializes 12, 4, 8 us back to back: done at 500+12000, +4000, +8000, then +1 ms.
    const atB = [12_500, 16_500, 24_500].map((t) => t + 1_000_000);
    // Second link: 120, 40, 80 us; each starts when it arrives or when the previous one ends.
    const end0 = atB[0]! + 120_000;
    const end1 = Math.max(atB[1]!, end0) + 40_000;
    const end2 = Math.max(atB[2]!, end1) + 80_000;
    expect(arrivals.map((a) => a.at)).toEqual([end0, end1, end2].map((t) => t + 2_000_000));
    expect(arrivals.map((a) => a.seq)).toEqual([0, 1, 2]);
    // waits at the second link: 0, end0 - atB[1], end1 - atB[2] (in the distribution once the link is finished)
    bc.finish(1e9);
    expect(bc.stats.queueDelay.sum).toBe(end0 - atB[1]! + (end1 - atB[2]!));
  });

  it('keeps at most one event per link in the event list however many packets are in flight', () => {
    const { sim, send, ab, bc } = twoHops(10_000);
    sim.at(0, { onEvent: () => { for (let i = 0; i < 1000; i++) send(i, 1500); } });
    sim.runUntil(0);
    expect(ab.queuedPackets + ab.inFlightPackets).toBe(1000);
    expect(sim.pendingEvents).toBe(1); // A->B only: nothing has reached B->C yet
    sim.runUntil(1_500_000); // packets now queued at and in flight on B->C as well
    expect(bc.queuedPackets + bc.inFlightPackets).toBeGreaterThan(0);
    expect(sim.pendingEvents).toBeLessThanOrEqual(2);
  });

  it('drops what exceeds the queue limit as queue_full', () => {
    const { sim, send, ab, flow } = twoHops(3);
    sim.at(0, { onEvent: () => { for (let i = 0; i < 10; i++) send(i, 1500); } });
    sim.runUntil(1e9);
    // the first starts at once, three wait, six are dropped
    expect(ab.stats.drops.byReason(DropReason.QueueFull)).toBe(6);
    expect(flow.lostPackets).toBe(6);
  });

  it('drops packets sent onto a down link, and queued and in-flight ones when it fails', () => {
    const { sim, send, ab, arrivals, flow } = twoHops();
    sim.at(0, { onEvent: () => { for (let i = 0; i < 5; i++) send(i, 1500); } });
    sim.at(30_000, { onEvent: () => ab.setUp(false) }); // two done serializing (in flight), one serializing, two queued
    sim.at(40_000, { onEvent: () => send(99, 1500) });
    sim.at(50_000, { onEvent: () => ab.setUp(true) });
    sim.at(60_000, { onEvent: () => send(100, 1500) });
    sim.runUntil(1e9);
    expect(ab.stats.drops.byReason(DropReason.LinkDown)).toBe(6);
    expect(flow.lostPackets).toBe(6);
    expect(arrivals.map((a) => a.seq)).toEqual([100]);
    expect(arrivals[0]!.at).toBe(60_000 + 12_000 + 1_000_000 + 120_000 + 2_000_000);
    // busy time counts only what was serialized before the failure: 30 us, then 12 us after
    expect(ab.stats.busyNs).toBe(30_000 + 12_000);
  });
});
