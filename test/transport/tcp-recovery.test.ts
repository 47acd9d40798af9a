import { describe, expect, it } from 'vitest';
import type { PacketId } from '../../src/net/packet.js';
import { buildRun } from '../../src/planner/build.js';
import { checkScenario } from '../../src/planner/check.js';
import { parseScenarioText } from '../../src/planner/load.js';
import { bottleneckPath } from '../helpers.js';

/**
 * a -> r -> b: 10 Gbps / 1 ms, then a 100 Mbps / 9 ms bottleneck that drops the data packets
 * listed; ACKs come back b -> r (100 Mbps, 9 ms) and r -> a (10 Gbps, 1 ms). 1500-byte packets are
 * 120 us apart at the bottleneck; an ACK of 52 B (64 B with a SACK block) takes 4,160 ns + 9 ms +
 * 42 ns + 1 ms from b to a (5,120 + 9 ms + 51 + 1 ms).
 */
function path(flow: string, drops: number[], extra = ''): string {
  const dropped = drops.length > 0 ? `, drop_packets: [${drops.join(', ')}]` : '';
  return bottleneckPath({ name: 'tcp-recovery', duration: '20s', bandwidth: '100Mbps', delay: '9ms', queue: 1000, bottleneckExtra: dropped + extra, flows: [flow] });
}

/** From b to a: serialization at 100 Mbps (80 ns a byte) and 10 Gbps (0.8 ns, rounded), 9 ms + 1 ms. */
const ackTransit = (bytes: number): number => bytes * 80 + 9_000_000 + Math.round(bytes * 0.8) + 1_000_000;
const BASE_RTT = 20_000_000;

/** Runs a scenario, noting every data segment a sends (seq, time) and every ACK b sends (ack, time). */
function traced(yaml: string) {
  const loaded = parseScenarioText(yaml, 'inline.yaml');
  checkScenario(loaded);
  const { sim, network, begin } = buildRun(loaded.scenario, { seed: 1, replication: 0 });
  const sent: { seq: number; t: number }[] = [];
  const syns: { t: number; size: number }[] = [];
  const acks: { ack: number; t: number; size: number }[] = [];
  const tap = (name: string, note: (p: PacketId) => void) => {
    const link = network.links.find((l) => l.name === name)!;
    const receive = link.receive.bind(link);
    link.receive = (p: PacketId, route, hop) => {
      note(p);
      receive(p, route, hop);
    };
  };
  const pool = network.pool;
  tap('a->r', (p) => pool.isAck(p) || (pool.payload(p) === 0 ? syns.push({ t: sim.now, size: pool.size(p) }) : sent.push({ seq: pool.seq(p), t: sim.now })));
  tap('b->r', (p) => pool.isAck(p) && acks.push({ ack: pool.ack(p), t: sim.now, size: pool.size(p) }));
  begin();
  sim.runUntil(loaded.scenario.duration);
  network.finish(loaded.scenario.duration);
  const flow = network.flows[0]!;
  /** Every sending of a sequence number after its first. */
  const firstSent = new Set<number>();
  const retransmissions = sent.filter((s) => firstSent.has(s.seq) || (firstSent.add(s.seq), false));
  return { sent, syns, acks, retransmissions, tcp: flow.tcp!, flow };
}

/** The k-th packet (1-based) to enter the bottleneck is the (k - 1)-th data segment a sent: the SYN is the first. */
const seqOfPacket = (sent: { seq: number }[], k: number): number => sent[k - 2]!.seq;

describe('TCP loss recovery, timed by hand', () => {
  it.each([true, false])('retransmits a single loss when the third duplicate ACK arrives, one ACK transit after b sent it (SACK %s)', (sack) => {
    const { sent, acks, retransmissions, tcp } = traced(path(`{ name: f, from: a, to: b, protocol: tcp, app: { kind: bulk, size: 2MB }, tcp: { sack: ${sack} } }`, [60]));
    const lost = seqOfPacket(sent, 60);
    expect(retransmissions.map((r) => r.seq)).toEqual([lost]);
    // b acknowledges `lost` again for every segment that arrives after the hole, 120 us apart
    const duplicates = acks.filter((a) => a.ack === lost).slice(1);
    expect(duplicates.length).toBeGreaterThanOrEqual(3);
    expect(duplicates[2]!.t - duplicates[0]!.t).toBe(2 * 120_000);
    // RFC 6675 5 (4.3) and RFC 6582 3.2: the retransmission leaves as the third duplicate arrives
    expect(duplicates[2]!.size).toBe(sack ? 64 : 52);
    expect(retransmissions[0]!.t).toBe(duplicates[2]!.t + ackTransit(duplicates[2]!.size));
    expect(tcp.timeouts).toBe(0);
  });

  it.each([true, false])('repairs two losses of one window: SACK before the partial ACK, NewReno as it arrives (SACK %s)', (sack) => {
    const { sent, acks, retransmissions, tcp } = traced(path(`{ name: f, from: a, to: b, protocol: tcp, app: { kind: bulk, size: 2MB }, tcp: { sack: ${sack} } }`, [60, 64]));
    const second = seqOfPacket(sent, 64);
    expect(retransmissions.map((r) => r.seq)).toEqual([seqOfPacket(sent, 60), second]);
    expect(tcp.timeouts).toBe(0);
    // the partial ACK: b acknowledges up to the second hole once the first retransmission arrives
    const partial = acks.find((a) => a.ack === second)!;
    const partialAtA = partial.t + ackTransit(partial.size);
    expect(partial.t).toBeGreaterThan(retransmissions[0]!.t + BASE_RTT / 2);
    // SACK marks the second hole lost from the SACK blocks (three segments above it) and sends it
    // when the pipe allows, before the partial ACK; NewReno learns of it from the partial ACK
    // (RFC 6582 3.2 step 4) and retransmits as it arrives
    if (sack) expect(retransmissions[1]!.t).toBeLessThan(partialAtA);
    else expect(retransmissions[1]!.t).toBe(partialAtA);
  });

  it.each([true, false])('fast-retransmits a loss that starts exactly at the previous recovery point (SACK %s)', (sack) => {
    const flow = `{ name: f, from: a, to: b, protocol: tcp, app: { kind: bulk, size: 2MB }, tcp: { sack: ${sack} } }`;
    // the recovery point of the first recovery: one past the highest byte sent before it began
    const first = traced(path(flow, [60]));
    const recoveryPoint = Math.max(...first.sent.filter((s) => s.t < first.retransmissions[0]!.t).map((s) => s.seq)) + 1448;
    const k = first.sent.findIndex((s) => s.seq === recoveryPoint) + 2;
    expect(k).toBeGreaterThan(60);
    // lose the segment at that point too: RFC 6582 3.2 lets its duplicate ACKs start a second fast
    // recovery (they cover more than the old recovery point's last byte); it used to wait for an RTO
    const { sent, retransmissions, tcp } = traced(path(flow, [60, k]));
    expect(seqOfPacket(sent, k)).toBe(recoveryPoint);
    expect(retransmissions.map((r) => r.seq)).toEqual([seqOfPacket(sent, 60), recoveryPoint]);
    expect(tcp.timeouts).toBe(0);
  });

  it('times out a lost retransmission of the oldest segment one RTO after it, however many other holes SACK repairs meanwhile', () => {
    const flow = '{ name: f, from: a, to: b, protocol: tcp, app: { kind: bulk, size: 10MB } }';
    // where the fast retransmission of packet 60's segment enters the bottleneck
    const first = traced(path(flow, [60]));
    const lost = seqOfPacket(first.sent, 60);
    const k = first.sent.findIndex((s, i) => s.seq === lost && i > 58) + 2;
    // lose it too, and every 30th packet after it for the next 900: SACK recovery keeps repairing
    // those holes and sending new data, and used to restart the timer at each repair (a 50 Mbps
    // policed circuit then delivered nothing in 30 s)
    const later = Array.from({ length: 30 }, (_, i) => k + 30 * (i + 1));
    const { sent, tcp } = traced(path(flow, [60, k, ...later]));
    const sends = sent.filter((s) => s.seq === lost).map((s) => s.t);
    expect(sends).toHaveLength(3);
    expect(tcp.timeouts).toBeGreaterThanOrEqual(1);
    expect(sends[2]! - sends[1]!).toBe(tcp.timeoutRtos[0]);
    expect(tcp.completion.count).toBe(1);
  });

  it('backs the timer off: a lone segment lost twice goes again at 1 s and 3 s (RFC 6298 5.5)', () => {
    // one segment, no RTT sample yet (no handshake): RTO 1 s (RFC 6298 2.1), doubled after the first timeout
    const { retransmissions, tcp } = traced(path('{ name: f, from: a, to: b, protocol: tcp, app: { kind: bulk, size: 1000B }, tcp: { handshake: false } }', [1, 2]));
    expect(retransmissions.map((r) => r.t)).toEqual([1e9, 3e9]);
    expect(tcp.timeouts).toBe(2);
    // delivered on the third try: 3 s + 1,200 ns + 1 ms + 80 us + 9 ms (1,052 B at 100 Mbps: 84,160 ns)
    expect(tcp.completion.count).toBe(1);
  });

  it('opens with a SYN answered by a SYN-ACK of 60 B, whose round trip is the first RTT sample', () => {
    const { syns, sent, acks, tcp } = traced(path('{ name: f, from: a, to: b, protocol: tcp, app: { kind: bulk, size: 1000B } }', []));
    expect(syns).toEqual([{ t: 0, size: 60 }]);
    // the SYN reaches b after 60 B at 10 Gbps (48 ns) + 1 ms + 60 B at 100 Mbps (4,800 ns) + 9 ms
    const synAtB = 48 + 1_000_000 + 4_800 + 9_000_000;
    expect(acks[0]).toEqual({ ack: 0, t: synAtB, size: 60 });
    // the data leaves as the SYN-ACK arrives; its round trip is the RTT sample (and the smallest)
    const established = synAtB + ackTransit(60);
    expect(sent).toEqual([{ seq: 0, t: established }]);
    // completion: the handshake, then 1,052 B: 842 ns at 10 Gbps + 1 ms + 84,160 ns + 9 ms
    const dataAtB = 842 + 1_000_000 + 84_160 + 9_000_000;
    expect(tcp.completion.mean).toBe(established + dataAtB);
    // two RTT samples: the handshake's, and the segment's (its ACK is 52 B)
    expect(tcp.rtt.count).toBe(2);
    expect(tcp.rtt.sum).toBe(established + dataAtB + ackTransit(52));
  });

  it('sends a lost SYN again at 1 s and 3 s, then starts from one segment (RFC 6298 5.5, RFC 5681 3.1)', () => {
    const { syns, sent, tcp } = traced(path('{ name: f, from: a, to: b, protocol: tcp, app: { kind: bulk, size: 100KB } }', [1, 2]));
    expect(syns.map((s) => s.t)).toEqual([0, 1e9, 3e9]);
    expect(tcp.timeouts).toBe(2);
    // one segment in the first round, and no RTT sample from a repeated SYN (Karn)
    const established = 3e9 + 48 + 1_000_000 + 4_800 + 9_000_000 + ackTransit(60);
    expect(sent.filter((s) => s.t === established)).toHaveLength(1);
    expect(tcp.rtt.count).toBeGreaterThan(0);
    expect(tcp.rtt.sum / tcp.rtt.count).toBeGreaterThan(BASE_RTT);
  });

  it.each(['newreno', 'cubic'])('keeps the window of a receive-window-limited %s flow near what it uses', (cc) => {
    // 300 KB of receive window on a 1 Gbps path of 20 ms: 120 Mbps, far below the link; cwnd must
    // not grow on ACKs while the receive window, not cwnd, limits the flight (RFC 9438 5.8)
    const rwnd = 300_000;
    const yaml = path(`{ name: f, from: a, to: b, protocol: tcp, app: { kind: bulk }, tcp: { cc: ${cc}, receive_window: ${rwnd}B } }`, []).replace(/100Mbps/g, '1Gbps');
    const { tcp } = traced(yaml);
    expect(tcp.cwnd.maximum).toBeLessThanOrEqual(rwnd + 2 * 1448);
    expect(tcp.cwnd.maximum).toBeGreaterThanOrEqual(rwnd - 1448);
  });

  it.each(['prr', 'rfc6675'] as const)(
    'spreads the reduction of a single loss over the recovery with PRR, one new segment per two delivered, and sends it all at the end without (recovery %s)',
    (recovery) => {
      const { sent, acks, retransmissions, tcp } = traced(path(`{ name: f, from: a, to: b, protocol: tcp, app: { kind: bulk, size: 2MB }, tcp: { recovery: ${recovery} } }`, [60]));
      const lost = seqOfPacket(sent, 60);
      expect(retransmissions.map((r) => r.seq)).toEqual([lost]);
      expect(tcp.timeouts).toBe(0);
      const start = retransmissions[0]!.t;
      // duplicates reach a 120 us apart, each SACKing one more segment; recovery ends with the
      // first ACK above the hole
      const end = acks.find((x) => x.ack > lost)!;
      const endAtA = end.t + ackTransit(end.size);
      const duplicatesAtA = acks.filter((x) => x.ack === lost).map((x) => x.t + ackTransit(x.size)).filter((t) => t > start && t < endAtA);
      const newData = sent.filter((s) => s.t > start && s.t < endAtA && s.seq > lost);
      // NewReno halves: both recoveries send about half of what the duplicates deliver (RFC 6937
      // ends at ssthresh; RFC 6675 keeps the pipe at cwnd = ssthresh)
      expect(Math.abs(newData.length - duplicatesAtA.length / 2)).toBeLessThanOrEqual(2);
      const half = duplicatesAtA[Math.floor(duplicatesAtA.length / 2)]!;
      const inFirstHalf = newData.filter((s) => s.t < half).length;
      const firstAfter = duplicatesAtA.findIndex((t) => t >= newData[0]!.t);
      if (recovery === 'prr') {
        // RFC 6937: sndcnt = ceil(prr_delivered x ssthresh / RecoverFS) - prr_out, with the
        // retransmission counted in prr_out: the first new segment goes with the third duplicate
        // after it, then one with every second, each as a duplicate arrives
        expect(firstAfter).toBe(2);
        expect(Math.abs(inFirstHalf - newData.length / 2)).toBeLessThanOrEqual(2);
        const atDuplicate = new Set(duplicatesAtA);
        expect(newData.every((s) => atDuplicate.has(s.t))).toBe(true);
      } else {
        // RFC 6675: nothing while the pipe (about the whole flight) exceeds cwnd = flight / 2, then
        // a segment with every duplicate
        expect(firstAfter).toBeGreaterThanOrEqual(duplicatesAtA.length / 2 - 2);
        expect(inFirstHalf).toBeLessThanOrEqual(1);
      }
    },
  );

  it.each(['prr', 'rfc6675'] as const)('sends no more than the duplicates deliver while they mark more losses: a window that lost 50 segments (recovery %s)', (recovery) => {
    const drops = Array.from({ length: 50 }, (_, k) => 60 + k);
    const { sent, acks, retransmissions, tcp } = traced(path(`{ name: f, from: a, to: b, protocol: tcp, app: { kind: bulk, size: 2MB }, tcp: { recovery: ${recovery} } }`, drops));
    expect(tcp.timeouts).toBe(0);
    const start = retransmissions[0]!.t;
    const lost = seqOfPacket(sent, 60);
    const partial = acks.find((x) => x.ack > lost)!;
    const partialAtA = partial.t + ackTransit(partial.size);
    // segments sent at one instant, from the first retransmission to the first partial ACK: each
    // instant is the arrival of one duplicate ACK, which SACKs one segment
    const perInstant = new Map<number, number>();
    for (const s of sent) if (s.t >= start && s.t < partialAtA) perInstant.set(s.t, (perInstant.get(s.t) ?? 0) + 1);
    const most = Math.max(...perInstant.values());
    if (recovery === 'prr') {
      // the pipe falls far below ssthresh as the losses are marked, and no duplicate advances
      // snd.una: the conservative bound, one segment out for the one delivered (the slow-start
      // bound on every ACK sent up to three)
      expect(most).toBe(1);
    } else {
      // RFC 6675: cwnd = ssthresh at once, so the pipe's fall is sent in bursts
      expect(most).toBeGreaterThan(2);
    }
  });

  it('finishes five losses of a window sooner with SACK than without', () => {
    const fct = (sack: boolean) => traced(path(`{ name: f, from: a, to: b, protocol: tcp, app: { kind: bulk, size: 1MB }, tcp: { sack: ${sack} } }`, [40, 44, 48, 52, 56])).tcp.completion.mean;
    // NewReno repairs one hole per round trip (four more partial ACKs); SACK all in the first
    expect(fct(false) - fct(true)).toBeGreaterThan(BASE_RTT);
  });
});
