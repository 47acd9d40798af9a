import { describe, expect, it } from 'vitest';
import { runReplication } from '../../src/runner/run-replication.js';
import { buildRun } from '../../src/planner/build.js';
import type { Scenario } from '../../src/planner/scenario.js';
import { meanWithCi } from '../../src/stats/confidence.js';
import { num } from '../helpers.js';
import { officeScenario } from './office.js';

/** 1000 users calling one service; `app` is the call application's YAML. */
const callScenario = (app: string, duration: string): Scenario => officeScenario(app, duration, 1000);

describe('calls of a site', () => {
  it("Little's law: mean concurrent calls = arrival rate x mean duration (Poisson arrivals, exponential holding)", () => {
    // 1000 users x 3 calls/h = 0.833 calls/s, 2 min each: 100 calls in progress on average
    const scenario = callScenario('{ kind: call, service: svc, calls_per_hour: 3, duration: 2m, packet_interval: 10s, bitrate: 800bps }', '3600s');
    const means = [0, 1, 2, 3].map((replication) => num(runReplication(scenario, { seed: 5, replication }).apps[0]!, 'concurrency_mean'));
    const { mean } = meanWithCi(means);
    expect(Math.abs(mean - 100) / 100).toBeLessThan(0.05);
  });

  it('start in steady state: the first minutes already hold the mean number of calls', () => {
    // a 60 s run is far shorter than a call (2 min): without the pre-roll the mean would be ~25
    const scenario = callScenario('{ kind: call, service: svc, calls_per_hour: 3, duration: 2m, packet_interval: 10s, bitrate: 800bps }', '60s');
    const means = Array.from({ length: 10 }, (_, replication) => num(runReplication(scenario, { seed: 9, replication }).apps[0]!, 'concurrency_mean'));
    const { mean, ci95 } = meanWithCi(means);
    expect(Math.abs(mean - 100)).toBeLessThan(Math.max(2 * ci95, 10));
  });

  it('the 95% CI of replications covers the known mean in about 95% of 200 experiments', () => {
    // calls started in 60 s: Poisson with mean 0.8333 x 60 = 50
    const scenario = callScenario('{ kind: call, service: svc, calls_per_hour: 3, duration: 1s, packet_interval: 10s, bitrate: 800bps }', '60s');
    let covered = 0;
    for (let experiment = 0; experiment < 200; experiment++) {
      const counts = [0, 1, 2, 3, 4].map((replication) => num(runReplication(scenario, { seed: 1000 + experiment, replication }).apps[0]!, 'sessions'));
      const { mean, ci95 } = meanWithCi(counts);
      if (Math.abs(mean - 50) <= ci95) covered++;
    }
    expect(covered / 200).toBeGreaterThanOrEqual(0.9);
    expect(covered / 200).toBeLessThanOrEqual(0.99);
  });

  it("a hundred calls share their path's route (one array a direction, not one a call) and each call's packets reach its own numbers", () => {
    const scenario = callScenario('{ kind: call, service: svc, calls_per_hour: 3, duration: 2m }', '5s');
    const run = buildRun(scenario, { seed: 2, replication: 0 });
    run.begin();
    run.sim.runUntil(scenario.duration);
    const routes = run.network.routing.routes.byId;
    // the calls' packets end at their two receivers, one a direction, that all the calls share (no
    // detour through Delivery, whose routes here are the two the flows' path labels are read from)
    const ends = routes.map((route) => route[route.length - 1]!);
    const callEnds = ends.filter((end) => end !== run.network.routing.delivery);
    // about 100 calls in progress, two directions each: one route up, one down
    expect(callEnds.length).toBe(2);
    expect(new Set(callEnds).size).toBe(2);
    expect(routes.length).toBe(4);
    const result = runReplication(scenario, { seed: 2, replication: 0 });
    for (const direction of result.apps) {
      expect(num(direction, 'concurrency_mean')).toBeGreaterThan(80);
      // a packet handed to another call's receiver would show as a loss run or a reordering there
      expect(num(direction, 'loss_ratio')).toBe(0);
      expect(num(direction, 'reordering')).toBe(0);
      expect(num(direction, 'burst_loss_max')).toBe(0);
    }
  });

  it('audio packets: 30 kbps of payload every 20 ms is 115 B on the wire, both ways, for every call', () => {
    const scenario = callScenario('{ kind: call, service: svc, calls_per_hour: 3, duration: 2m }', '20s');
    const result = runReplication(scenario, { seed: 2, replication: 0 });
    const [up, down] = result.apps;
    // 75 B payload + 40 B of IP/UDP/RTP headers, 50 packets/s per call
    const perCall = 115 * 8 * 50;
    expect(num(up!, 'throughput_bps') / num(up!, 'concurrency_mean')).toBeCloseTo(perCall, -2);
    expect(num(down!, 'throughput_bps')).toBeCloseTo(num(up!, 'throughput_bps'), -3);
    expect(num(up!, 'loss_ratio')).toBe(0);
    expect(num(up!, 'targets_met')).toBe(1);
    // calls are paced exactly over an idle path: their jitter is nil, in apps.csv and flows.csv alike
    expect(num(up!, 'jitter_ms')).toBeLessThan(0.01);
    expect(num(result.flows.find((f) => f.flow === 'office:call')!, 'jitter_ms')).toBe(num(up!, 'jitter_ms'));
  });

  it("counts every packet a call's receiver got in its quality by the end of the run, the last batch of receipts too", () => {
    const scenario = callScenario('{ kind: call, service: svc, calls_per_hour: 3, duration: 2m }', '3s');
    const run = buildRun(scenario, { seed: 4, replication: 0 });
    run.begin();
    run.sim.runUntil(scenario.duration);
    run.network.finish(scenario.duration);
    const { quality, up, down } = run.apps[0]!;
    // read first: reading a flow counts what is pending (the next test), which the quality must not rely on
    const receivedUp = quality!.up.received;
    const receivedDown = quality!.down.received;
    // no warm-up: a flow counts every packet that arrived, the quality every packet received
    expect(up.rxPackets).toBeGreaterThan(10_000);
    expect((up.rxPackets + down.rxPackets) % 64).not.toBe(0); // a batch left over at the end
    expect(receivedUp).toBe(up.rxPackets);
    expect(receivedDown).toBe(down.rxPackets);
  });

  it('a flow read during the run (a time series sample) counts every call packet delivered by then, its receipt batch not yet full', () => {
    const scenario = callScenario('{ kind: call, service: svc, calls_per_hour: 3, duration: 2m }', '3s');
    const at = 1_250_000_000; // between two batches of receipts (checked below)
    const read = buildRun(scenario, { seed: 4, replication: 0 });
    read.begin();
    read.sim.runUntil(at);
    const mid = read.apps[0]!;
    const midUp = mid.up.rxPackets;
    const midDown = mid.down.rxPackets;
    // the same run closed at that instant: every receipt counted, as at the end of a run
    const closed = buildRun(scenario, { seed: 4, replication: 0 });
    closed.begin();
    closed.sim.runUntil(at);
    closed.network.finish(at);
    const end = closed.apps[0]!;
    expect(midUp).toBeGreaterThan(1_000);
    expect((midUp + midDown) % 64).not.toBe(0);
    expect(midUp).toBe(end.up.rxPackets);
    expect(midDown).toBe(end.down.rxPackets);
    expect(end.quality!.up.received).toBe(midUp);
  });
});
