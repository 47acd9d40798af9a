import { describe, expect, it } from 'vitest';
import type { Link } from '../../src/net/link.js';
import { Exposure, NeutralPathPolicy, type Hop } from '../../src/net/routing/path-policy.js';
import { PacketPool } from '../../src/net/packet.js';
import { TunnelEndpoint } from '../../src/net/routing/tunnel.js';
import { AzurePathPolicy } from '../../src/planner/path-policy.js';
import type { PlannerFlowSpec, PlannerLinkSpec } from '../../src/planner/scenario.js';

/** The policy reads only a hop's name (and whether it is a tunnel's end). */
const hop = (name: string): Hop => ({ name }) as unknown as Link;
const spec = (name: string, role: Partial<PlannerLinkSpec>): PlannerLinkSpec => ({ name, ...role }) as PlannerLinkSpec;
const flow = (name: string, fields: Partial<PlannerFlowSpec>): PlannerFlowSpec => ({ name, ...fields }) as PlannerFlowSpec;

const links = [
  spec('lan', { domain: 'lan' }),
  spec('access', { domain: 'internet' }),
  spec('core', { domain: 'internet' }),
  spec('circuit', { domain: 'expressroute', circuit: true, wanOptimizer: 3 }),
  spec('backbone', { domain: 'microsoft' }),
  spec('plain', {}),
];
const policy = new AzurePathPolicy(links, [
  flow('teams', {}),
  flow('erp', { privatePeering: true }),
  flow('backup', { privatePeering: true, compressible: true }),
  flow('sync', { compressible: true }),
]);
const route = (...names: string[]): Hop[] => names.map(hop);
const viaCircuit = route('lan', 'circuit', 'backbone');
const viaInternet = route('lan', 'access', 'core', 'backbone');

describe("the planner's path policy", () => {
  it('keeps EF, AF41, AF21, AF11 and CS0 on Microsoft peering, resets the rest and everything on private peering', () => {
    const teams = policy.classOf('teams');
    expect([46, 34, 18, 10, 0].map((d) => policy.dscpOn(viaCircuit, d, teams))).toEqual([46, 34, 18, 10, 0]);
    expect([36, 26, 8, 63].map((d) => policy.dscpOn(viaCircuit, d, teams))).toEqual([0, 0, 0, 0]);
    expect(policy.dscpOn(viaCircuit, 46, policy.classOf('erp'))).toBe(0);
    // off the circuit, markings pass unchanged, whatever the flow
    expect(policy.dscpOn(viaInternet, 36, teams)).toBe(36);
    expect(policy.dscpOn(viaInternet, 46, policy.classOf('erp'))).toBe(46);
  });

  it('compresses only compressible private-peering payload, by the WAN optimizers on the route', () => {
    expect(policy.compressionOn(viaCircuit, policy.classOf('backup'))).toBe(3);
    expect(policy.compressionOn(viaCircuit, policy.classOf('erp'))).toBe(1);
    expect(policy.compressionOn(viaCircuit, policy.classOf('sync'))).toBe(1);
    expect(policy.compressionOn(viaInternet, policy.classOf('backup'))).toBe(1);
    expect(policy.classOf('not a flow')).toBe(0);
  });

  it('finds the most exposed part of a route: Internet links outside a tunnel, then tunnels, then private paths', () => {
    const entrance = new TunnelEndpoint('vpn.entrance', 60, 1400, true, new PacketPool());
    const exit = new TunnelEndpoint('vpn.exit', 60, 1400, false, new PacketPool());
    expect(policy.exposureOf(viaInternet)).toBe(Exposure.internet);
    expect(policy.exposureOf(viaCircuit)).toBe(Exposure.private);
    expect(policy.exposureOf([hop('lan'), entrance, hop('access'), hop('core'), exit, hop('backbone')])).toBe(Exposure.vpn);
    expect(policy.exposureOf([entrance, hop('core'), exit, hop('access')])).toBe(Exposure.internet);
    expect(policy.reachesPrivately(viaCircuit)).toBe(true);
    expect(policy.reachesPrivately(viaInternet)).toBe(false);
    expect(policy.reachesPrivately([entrance, hop('core'), exit])).toBe(true);
  });

  it('names a route by the networks it crosses: a tunnel once, the LAN only in the middle', () => {
    const entrance = new TunnelEndpoint('vpn.entrance', 60, 1400, true, new PacketPool());
    const exit = new TunnelEndpoint('vpn.exit', 60, 1400, false, new PacketPool());
    expect(policy.labelOf(viaInternet)).toBe('internet+microsoft');
    expect(policy.labelOf(viaCircuit)).toBe('expressroute+microsoft');
    expect(policy.labelOf(route('circuit', 'lan', 'lan', 'access'))).toBe('expressroute+lan+internet');
    expect(policy.labelOf([hop('lan'), entrance, hop('access'), hop('core'), exit, hop('backbone')])).toBe('vpn+microsoft');
    expect(policy.labelOf(route('lan', 'plain'))).toBe('direct');
  });
});

describe('the neutral path policy (generic networks)', () => {
  it('changes nothing and calls every complete route direct', () => {
    const neutral = new NeutralPathPolicy();
    expect(neutral.dscpOn(viaCircuit, 36, neutral.classOf('erp'))).toBe(36);
    expect(neutral.compressionOn(viaCircuit, 3)).toBe(1);
    expect(neutral.exposureOf(viaInternet)).toBe(Exposure.private);
    expect(neutral.reachesPrivately(viaCircuit)).toBe(false);
    expect(neutral.labelOf(viaInternet)).toBe('direct');
  });
});
