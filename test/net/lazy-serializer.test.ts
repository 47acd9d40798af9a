import { describe, expect, it } from 'vitest';
import type { Clock, Nanos } from '../../src/core/time.js';
import { Simulator } from '../../src/core/simulator.js';
import { Network } from '../../src/net/network.js';
import { send as sendAlong, type PacketId, type PacketSink } from '../../src/net/packet.js';
import { DEFAULT_CLASS_MAP } from '../../src/net/queues/class-map.js';
import { DropTailQueue } from '../../src/net/queues/drop-tail.js';
import type { QueueDiscipline } from '../../src/net/queues/queue-discipline.js';
import type { HopFields } from '../../src/net/packet-ring.js';

/** A drop-tail queue that notes when each dequeue decision is due (its clock's time less how late it is made). */
class RecordingQueue implements QueueDiscipline {
  readonly decisions: Nanos[] = [];
  private readonly inner: QueueDiscipline;
  constructor(private readonly clock: Clock) {
    this.inner = new DropTailQueue({ packets: 1000, bytes: Infinity }, clock);
  }
  get packets(): number {
    return this.inner.packets;
  }
  get bytes(): number {
    return this.inner.bytes;
  }
  get dequeued(): HopFields {
    return this.inner.dequeued;
  }
  enqueue(packet: PacketId, cls: number, route: readonly PacketSink[], hop: number, size: number, dscp: number): boolean {
    return this.inner.enqueue(packet, cls, route, hop, size, dscp);
  }
  dequeue(late: Nanos): PacketId | undefined {
    this.decisions.push(this.clock.now - late);
    return this.inner.dequeue(late);
  }
}

/** One 100 Mbps link with a 1 ms delay (1000 B: 80 us on the wire). */
function oneLink() {
  const sim = new Simulator({ seed: 1 });
  const network = new Network(sim);
  network.addNode('A');
  network.addNode('B');
  const queue = new RecordingQueue(sim);
  const link = network.addLink({ name: 'A->B', from: 'A', to: 'B', bandwidthBps: 100e6, delay: 1_000_000, mtu: 1500, classMap: DEFAULT_CLASS_MAP, queue });
  const arrivals: Nanos[] = [];
  const sink: PacketSink = {
    receive(p: PacketId) {
      arrivals.push(sim.now);
      network.pool.release(p);
    },
  };
  const flow = network.addFlow('f', { from: 'A', to: 'B', dscp: 0, protocol: 'udp' });
  const send = (size: number) => {
    const route = [link, sink];
    sendAlong(network.pool.stamp(network.pool.take(), flow.index, 0, size, 0, 0), route);
  };
  return { sim, network, link, queue, arrivals, send };
}

describe('the lazy serializer', () => {
  it('tells the queue the true time of each dequeue decision, though it makes them later', () => {
    const { sim, queue, arrivals, send } = oneLink();
    // five packets at 0: the first is sent at once, four wait; each decision is due when the
    // transmission before it ends: 80, 160, 240 and 320 us
    sim.at(0, { onEvent: () => { for (let i = 0; i < 5; i++) send(1000); } });
    sim.runUntil(1e9);
    expect(queue.decisions).toEqual([80_000, 160_000, 240_000, 320_000]);
    expect(arrivals).toEqual([80_000, 160_000, 240_000, 320_000, 400_000].map((t) => t + 1_000_000));
  });

  it('catches up to a reading time exactly as an event-driven serializer would be, scheduling nothing', () => {
    const { sim, link, queue, send } = oneLink();
    sim.at(0, { onEvent: () => { for (let i = 0; i < 5; i++) send(1000); } });
    const seen: { queued: number; txBytes: number; pending: number }[] = [];
    // read at 250 us: transmissions started at 0, 80, 160 and 240 us; one packet still queued
    sim.at(250_000, {
      onEvent: () => {
        const pending = sim.pendingEvents;
        link.catchUp(sim.now);
        seen.push({ queued: link.queuedPackets, txBytes: link.stats.txBytes, pending: sim.pendingEvents - pending });
      },
    });
    sim.runUntil(1e9);
    expect(seen).toEqual([{ queued: 1, txBytes: 4000, pending: 0 }]);
    // the decisions made by catching up keep their own times
    expect(queue.decisions).toEqual([80_000, 160_000, 240_000, 320_000]);
  });
});

describe('the simulator clock', () => {
  const handler = { onEvent: () => undefined };

  it('rejects event times that are not whole nanoseconds, or in the past', () => {
    const sim = new Simulator({ seed: 1 });
    sim.at(10, handler);
    sim.runUntil(10);
    expect(() => sim.at(5, handler)).toThrow(/in the past/);
    for (const bad of [10.5, NaN, Infinity, -Infinity]) expect(() => sim.at(bad, handler), String(bad)).toThrow(/not a whole number|in the past/);
    expect(() => sim.after(0.25, handler)).toThrow(/not a whole number/);
    sim.at(2 ** 53 + 2, handler); // a year of failures: whole, if no longer spaced 1 ns apart
    expect(sim.pendingEvents).toBe(1);
  });
});

describe('the time-series sampler', () => {
  it('reads a draining queue as it is at the sampling time, not as the link last saw it', async () => {
    const { TimeSeriesSampler } = await import('../../src/stats/time-series.js');
    const { sim, send, network } = oneLink();
    // 100 packets of 1000 B at 0 on 100 Mbps: one starts every 80 us; the link is touched next only
    // when the first lands, at 1.08 ms
    sim.at(0, { onEvent: () => { for (let i = 0; i < 100; i++) send(1000); } });
    const { valueIndex } = await import('../../src/stats/time-series.js');
    const sampler = new TimeSeriesSampler(sim, network, 500_000, { variant: 'v', replication: 0, seed: 1 }, 2_000_000);
    sampler.begin();
    sim.runUntil(2_000_000);
    const series = sampler.series();
    expect(series.samples).toBe(4);
    const link = series.names.length - 1;
    const column = (c: number) => Array.from({ length: series.samples }, (_, k) => series.values[valueIndex(series, k, link) + c]);
    const queued = column(3);
    // at 0.5 ms: transmissions started at 0, 80, ..., 480 us (7), 93 wait; at 1 ms: 13 started, 87
    // wait; at 1.5 and 2 ms: 19 and 26 started (the link's own touches agree)
    expect(queued).toEqual([93, 87, 81, 74]);
    const rates = column(0);
    // 7, 6, 6, 7 transmissions started in each half millisecond: 8,000 bits each per 0.5 ms
    expect(rates).toEqual([7, 6, 6, 7].map((n) => n * 8000 * 2000));
  });
});

describe('busy time around a failure in the warm-up', () => {
  it('counts nothing of a transmission the failure cut short before the measured interval', async () => {
    const { simulate, rowOf, num } = await import('../helpers.js');
    // 1,250-byte packets every 200 us on 100 Mbps (100 us each): 50% busy; the link fails at 0.5 s,
    // in the middle of a transmission, and the warm-up lasts until 2 s
    const result = simulate(`
name: warmup-failure
duration: 4s
warmup: 2s
nodes: [a, b]
links:
  - { from: a, to: b, bandwidth: 100Mbps, delay: 1ms, duplex: false, outages: [{ at: 500050us, duration: 100ms }] }
flows:
  - { name: f, from: a, to: b, source: { kind: cbr, rate: 50Mbps, packet_size: 1250B } }
`);
    expect(num(rowOf(result.links, 'link', 'a->b'), 'utilization')).toBeCloseTo(0.5, 4);
  });
});
