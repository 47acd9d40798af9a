import { describe, expect, it } from 'vitest';
import { num, rowOf, simulate } from '../helpers.js';

describe("an application's connections", () => {
  it("add up their congestion windows in the application's flow (each one's own, not the last one set)", () => {
    // 200 users each asking 60 times a minute for 10 KB: 200 requests a second over a pool of at
    // most 3 connections, all of them busy. A 10 KB response never fills the initial window of 10
    // segments (RFC 9438 5.8: no growth while not cwnd-limited), so each connection keeps 10 x 1,448 B
    const result = simulate(`
name: pool
duration: 5s
warmup: 1s
regions: { eastus: { continent: north-america, location: [37.4, -79.8] } }
services: { web: { region: eastus, prefix: 20.42.0.0/16, kind: paas } }
sites: { hq: { location: [42.4, -71.1], users: 200, internet: { bandwidth: 1Gbps } } }
apps:
  portal: { kind: web, service: web, requests_per_minute: 60, request: 1KB, response: 10KB, max_connections: 3 }
`);
    const down = rowOf(result.flows, 'flow', 'hq:portal.down');
    expect(num(down, 'cwnd_final_bytes')).toBe(3 * 10 * 1448);
    expect(num(down, 'cwnd_mean_bytes')).toBeCloseTo(3 * 10 * 1448, -2);
  });
});
