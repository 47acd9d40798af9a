import { describe, expect, it } from 'vitest';
import { num, relativeError, rowOf, simulate } from '../helpers.js';

const path = (flow: string, duration = '5s') => `
name: apps
duration: ${duration}
nodes: [client, server]
links:
  - { from: client, to: server, bandwidth: 100Mbps, delay: 10ms }
flows:
  - ${flow}
`;

const ser = (bytes: number) => (bytes * 8) / 100e6;

describe('request/response over TCP', () => {
  it('completes each exchange in request one-way + response one-way + serialization', () => {
    // 1000 B request: one segment. 10 KB response: 7 segments (1448 B payload), within the initial window.
    const result = simulate(
      path('{ name: web, from: client, to: server, protocol: tcp, app: { kind: request_response, request: 1000B, response: 10KB, think: 200ms, count: 10 } }'),
    );
    const web = rowOf(result.flows, 'flow', 'web');
    expect(num(web, 'completions')).toBe(10);
    const lastSegment = 10_000 - 6 * 1448;
    const expected = 0.01 + ser(1052) + 0.01 + 6 * ser(1500) + ser(lastSegment + 52);
    // the first exchange opens the connection: a 60 B SYN and SYN-ACK before its request
    const handshake = 0.02 + 2 * ser(60);
    expect(relativeError(num(web, 'fct_ms') / 1000, expected + handshake / 10)).toBeLessThan(0.01);
    expect(relativeError(num(web, 'fct_p50_ms') / 1000, expected)).toBeLessThan(0.01);
    expect(relativeError(num(web, 'fct_p99_ms') / 1000, expected + handshake)).toBeLessThan(0.01);
    const response = rowOf(result.flows, 'flow', 'web.response');
    expect(num(response, 'delivered_bytes')).toBe(10 * 10_000);
    expect(num(web, 'delivered_bytes')).toBe(10 * 1000);
    expect(response.from).toBe('server');
  });

  it('spaces exchanges by the think time and stops at the count', () => {
    const result = simulate(
      path('{ name: web, from: client, to: server, protocol: tcp, app: { kind: request_response, request: 500B, response: 2KB, think: { exponential: 100ms } } }', '600s'),
    );
    const web = rowOf(result.flows, 'flow', 'web');
    const fct = num(web, 'fct_ms') / 1000;
    // one exchange per (fct + mean think): a renewal process
    const expected = 600 / (fct + 0.1);
    expect(relativeError(num(web, 'completions'), expected)).toBeLessThan(0.05);
  });
});

describe('delayed ACKs', () => {
  it('acknowledge every second segment: half as many ACKs as data segments', () => {
    const run = (delayed: boolean) =>
      simulate(path(`{ name: f, from: client, to: server, protocol: tcp, app: { kind: bulk, size: 5MB }, tcp: { delayed_ack: ${delayed} } }`));
    const acks = (r: ReturnType<typeof run>) => num(rowOf(r.links, 'link', 'server->client'), 'tx_packets');
    const data = (r: ReturnType<typeof run>) => num(rowOf(r.links, 'link', 'client->server'), 'tx_packets');
    const delayed = run(true);
    const immediate = run(false);
    expect(acks(immediate)).toBe(data(immediate));
    expect(relativeError(acks(delayed) / data(delayed), 0.5)).toBeLessThan(0.02);
  });

  it('hold a lone segment for the 40 ms timer', () => {
    const result = simulate(path('{ name: f, from: client, to: server, protocol: tcp, app: { kind: bulk, size: 1000B }, tcp: { delayed_ack: true } }'));
    const rtt = num(rowOf(result.flows, 'flow', 'f'), 'rtt_mean_ms');
    // two samples: the handshake's (the SYN-ACK is never delayed) and the segment's, whose ACK waits 40 ms
    const handshake = 20 + 2 * ser(60) * 1000;
    expect(rtt).toBeCloseTo((handshake + 20 + 40 + ser(1052) * 1000 + ser(52) * 1000) / 2, 3);
  });
});
