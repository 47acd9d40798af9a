import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../src/core/random.js';
import { DelayStats } from '../../src/probes/delay-stats.js';
import { FLOW_ROW, FlowTable } from '../../src/net/flow-table.js';

const { rxBytes: RX_BYTES, rxPackets: RX_PACKETS, jitter: JITTER, txPackets: TX_PACKETS, bytesVpn: BYTES_VPN, lostAcks: LOST_ACKS, lostPackets: LOST_PACKETS } = FLOW_ROW;

describe('flow table', () => {
  it('keeps each flow\'s delay histogram in the shared arena exactly as a histogram of its own would', () => {
    // 300 flows recording interleaved, with spreads from a few buckets (the window in the row is
    // enough) to many octaves: windows move to the arena, widen downwards and upwards, and the arena
    // is reallocated many times on the way
    const clock = { now: 0 };
    const table = new FlowTable(0, clock);
    const random = new RandomStream('flow-table');
    const flows = Array.from({ length: 300 }, (_, i) => ({ row: table.add(), own: new DelayStats(), spread: i % 8 === 0 ? 0.005 : 1 + (i % 7) * 3 }));
    for (let k = 0; k < 60_000; k++) {
      const f = flows[k % flows.length]!;
      const delay = Math.floor(5e6 * 2 ** ((random.uniform() - 0.3) * f.spread));
      clock.now = k;
      table.recordArrival(f.row, 100, delay, false);
      f.own.record(delay);
    }
    for (const f of flows) {
      const d = table.delay(f.row);
      expect(d.count).toBe(f.own.count);
      expect(d.mean).toBe(f.own.mean);
      expect([d.min, d.max]).toEqual([f.own.min, f.own.max]);
      for (const p of [0.1, 1, 25, 50, 75, 95, 99, 99.9, 100]) expect(d.percentile(p)).toBe(f.own.percentile(p));
    }
  });

  it('counts sends by exposure, arrivals with RFC 3550 jitter, and losses, per row', () => {
    const clock = { now: 0 };
    const table = new FlowTable(0, clock);
    const a = table.add();
    const b = table.add();
    const at = (t: number) => (clock.now = t);
    at(5e6);
    table.countSent(a, 1000, 1);
    at(6e6);
    table.countSent(a, 500, 1);
    at(7e6);
    table.countSent(b, 40, 0);
    // transits 10, 14, 12 ms: J = |4|/16 = 0.25 ms, then 0.25 + (2 - 0.25)/16 = 0.359375 ms
    [10e6, 14e6, 12e6].forEach((t, k) => {
      at(20e6 + k * 1e6);
      table.recordArrival(a, 1000, t, true);
    });
    // the first sent at 5 ms, the last arrival at 22 ms; the mean of J over the packets: (0 + 0.25 + 0.359375) / 3 ms
    expect([table.get(a, FLOW_ROW.firstSent), table.get(a, FLOW_ROW.lastArrival), table.get(b, FLOW_ROW.lastArrival)]).toEqual([5e6, 22e6, -1]);
    expect(table.meanJitter(a)).toBeCloseTo((0.25e6 + 0.359375e6) / 3, 6);
    table.countLost(a, false);
    table.countLost(b, true);
    expect([table.get(a, TX_PACKETS), table.sentBytes(a), table.get(a, BYTES_VPN)]).toEqual([2, 1500, 1500]);
    expect([table.get(b, TX_PACKETS), table.sentBytes(b), table.get(b, BYTES_VPN)]).toEqual([1, 40, 0]);
    expect([table.get(a, RX_PACKETS), table.get(a, RX_BYTES), table.get(b, RX_PACKETS)]).toEqual([3, 3000, 0]);
    expect(table.get(a, JITTER)).toBeCloseTo(0.359375e6, 6);
    expect([table.get(a, LOST_PACKETS), table.get(a, LOST_ACKS), table.get(b, LOST_ACKS)]).toEqual([1, 0, 1]);
    expect(table.delay(a).mean).toBe(12e6);
    expect(table.delay(b).count).toBe(0);
    expect(Number.isNaN(table.delay(b).percentile(50))).toBe(true);
  });

  it('lays out each row as one named layout: the sender block, then every counter once, within the stride', () => {
    const L = FLOW_ROW;
    const slots = new Map<number, string>();
    const claim = (name: string, first: number, count = 1): void => {
      for (let k = first; k < first + count; k++) {
        expect(slots.get(k), `${name} overlaps ${slots.get(k)} at ${k}`).toBeUndefined();
        slots.set(k, name);
      }
    };
    claim('sender', L.sender, L.senderDoubles);
    for (const field of ['txPackets', 'bytesInternet', 'bytesVpn', 'bytesPrivate', 'firstSent', 'rxPackets', 'rxBytes', 'jitter', 'lastTransit', 'jitterSum', 'jitterSamples', 'delaySum', 'lastArrival', 'windowEnd', 'windowJitterSum', 'windowPackets', 'histDelta', 'histLow', 'histHigh', 'delayMin', 'delayMax', 'lostPackets', 'lostAcks'] as const) {
      claim(field, L[field]);
    }
    claim('inline', L.inline, L.inlineBuckets);
    // every double of the row has one owner: nothing overlaps and nothing is left over
    expect([...slots.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: L.stride }, (_, k) => k));
    // the three exposure counters are adjacent, in Exposure order (bytes sent = their sum)
    expect([L.bytesVpn - L.bytesInternet, L.bytesPrivate - L.bytesInternet]).toEqual([1, 2]);
  });

  it('lets one owner reserve the sender block, within its size', () => {
    const table = new FlowTable(0, { now: 0 });
    expect(() => table.reserveSenderBlock('big', 2 * FLOW_ROW.senderDoubles + 1)).toThrow(/sender block holds 20/);
    table.reserveSenderBlock('UDP sources', 2 * FLOW_ROW.senderDoubles);
    table.reserveSenderBlock('UDP sources', 14); // the same owner again (a second source of the network)
    expect(() => table.reserveSenderBlock('other', 2)).toThrow(/already belongs to UDP sources/);
  });

  it('keeps every row when the table grows, and the sender block apart from the counters', () => {
    const table = new FlowTable(0, { now: 0 });
    const rows = Array.from({ length: 40 }, () => table.add());
    rows.forEach((row, i) => {
      table.rows[row + FLOW_ROW.sender] = 1000 + i;
      table.countSent(row, 100 + i, i % 3);
    });
    for (let i = 0; i < 200; i++) table.add(); // grows the rows array several times
    rows.forEach((row, i) => {
      expect(table.rows[row + FLOW_ROW.sender]).toBe(1000 + i);
      expect(table.get(row, FLOW_ROW.txPackets)).toBe(1);
      expect(table.sentBytes(row)).toBe(100 + i);
      expect(table.get(row, FLOW_ROW.bytesInternet + (i % 3))).toBe(100 + i);
    });
  });

  it("gives a flow's jitter p95 over 15 s windows of the mean RFC 3550 estimate, windows from the warm-up's end", () => {
    const clock = { now: 0 };
    const table = new FlowTable(5e9, clock);
    const row = table.add();
    // transits alternate 10 and 12 ms in [5, 20) s: J climbs 2/16, then by (2 - J)/16 ...; then
    // constant 10 ms in [20, 35) s: J decays; then [35, 50) s alternate 10 and 20 ms
    const j: number[] = [];
    let J = 0;
    let last = -1;
    const windows: number[][] = [[], [], []];
    for (let t = 5e9, k = 0; t < 50e9; t += 10e6, k++) {
      const w = Math.floor((t - 5e9) / 15e9);
      const transit = w === 0 ? (k % 2 ? 12e6 : 10e6) : w === 1 ? 10e6 : k % 2 ? 20e6 : 10e6;
      if (last >= 0) J += (Math.abs(transit - last) - J) / 16;
      last = transit;
      j.push(J);
      windows[w]!.push(J);
      clock.now = t;
      table.recordArrival(row, 1000, transit, true);
    }
    const means = windows.map((x) => x.reduce((a, b) => a + b, 0) / x.length).sort((a, b) => a - b);
    // three windows: the nearest-rank 95th percentile is the largest mean
    expect(table.jitterP95(row)).toBeCloseTo(means[2]!, 3);
    expect(means[2]).toBeGreaterThan(4e6); // the third window's, about 10 ms x 15/16
    expect(j.length).toBe(4500);
  });
});

