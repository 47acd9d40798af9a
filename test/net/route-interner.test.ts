import { describe, expect, it } from 'vitest';
import type { PacketSink } from '../../src/net/packet.js';
import { RouteInterner } from '../../src/net/routing/route-interner.js';

const sink = (): PacketSink => ({ receive: () => undefined });

describe('route interner', () => {
  it('gives equal routes one shared array and an id, and keeps different routes apart', () => {
    const [l1, l2, l3, end] = [sink(), sink(), sink(), sink()];
    const routes = new RouteInterner();
    const a = routes.intern([l1, l2, end]);
    const b = routes.intern([l1, l2, end]);
    const prefix = routes.intern([l1, l2]);
    const other = routes.intern([l1, l3, end]);
    expect(b).toBe(a);
    expect(prefix).not.toBe(a);
    expect(other).not.toBe(a);
    expect(new Set([routes.idOf(a), routes.idOf(prefix), routes.idOf(other)]).size).toBe(3);
    expect(routes.byId[routes.idOf(other)]).toBe(other);
    expect(() => routes.idOf([l1, l2, end])).toThrow(/not interned/);
  });

  it('refuses a route longer than the links can number its hops (65535 elements)', () => {
    const routes = new RouteInterner();
    const l = sink();
    expect(routes.intern(new Array<PacketSink>(65535).fill(l))).toHaveLength(65535);
    expect(() => routes.intern(new Array<PacketSink>(65536).fill(l))).toThrow(/at most 65535/);
  });
});
