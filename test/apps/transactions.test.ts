import { describe, expect, it } from 'vitest';
import { runReplication } from '../../src/runner/run-replication.js';
import { num } from '../helpers.js';
import { officeScenario } from './office.js';

/** 100 users of one application `app` (its YAML): its apps.csv row. */
const run = (app: string, duration = '120s', replication = 0) =>
  runReplication(officeScenario(app, duration, 100), { seed: 3, replication }).apps[0]!;

describe('web and transfer applications', () => {
  it("Little's law holds for transactions: mean in progress = arrival rate x mean completion time", () => {
    // 100 users x 6 requests/min = 10/s, 100 KB each over an idle 1 Gbps path
    const row = run('{ kind: web, service: svc, requests_per_minute: 6, response: 100KB }');
    const rate = num(row, 'sessions') / 120;
    expect(Math.abs(rate - 10) / 10).toBeLessThan(0.06); // Poisson count: sd 0.9%
    expect(Math.abs(num(row, 'concurrency_mean') - rate * num(row, 'completion_mean_s')) / num(row, 'concurrency_mean')).toBeLessThan(0.05);
    // every response arrives: goodput = rate x size
    expect(Math.abs(num(row, 'goodput_bps') - num(row, 'completed') * 100e3 * 8 / 120) / num(row, 'goodput_bps')).toBeLessThan(0.02);
    expect(num(row, 'retransmits')).toBe(0);
  });

  it('an upload carries its size towards the service; a download back', () => {
    const up = run('{ kind: transfer, service: svc, transfers_per_hour: 36, size: 1MB }', '60s');
    const down = run('{ kind: transfer, service: svc, transfers_per_hour: 36, size: 1MB, direction: down }', '60s');
    expect(up.direction).toBe('up');
    expect(down.direction).toBe('down');
    // 100 users x 36/h = 1 transfer/s of 1 MB (10^6 B): what started arrives, at 8 Mbps on average
    for (const row of [up, down]) {
      expect(Math.abs(num(row, 'sessions') / 60 - 1)).toBeLessThan(0.4); // Poisson count, sd 13%
      const expected = (num(row, 'completed') * 8e6) / 60;
      expect(Math.abs(num(row, 'goodput_bps') - expected) / expected).toBeLessThan(0.05);
    }
  });

  // 50 transactions/s of 1 MB: a single reused connection is busy about 3/4 of the time, so waiting
  // dominates (measured 1.45x the pooled completion time over the 9 ms round trip to the nearby
  // region; pooled connections start cold, which is why a lightly loaded single connection can even
  // be faster)
  it('with one connection, transactions queue for it: completion times include the wait', () => {
    const pooled = run('{ kind: web, service: svc, requests_per_minute: 30, response: 1MB }', '30s');
    const single = run('{ kind: web, service: svc, requests_per_minute: 30, response: 1MB, max_connections: 1 }', '30s');
    expect(num(single, 'completion_mean_s')).toBeGreaterThan(1.3 * num(pooled, 'completion_mean_s'));
    expect(num(single, 'concurrency_mean')).toBeGreaterThan(num(pooled, 'concurrency_mean'));
  });
});
