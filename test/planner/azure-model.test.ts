import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../src/planner/load.js';
import { checkScenario } from '../../src/planner/check.js';
import { num, rowOf, simulate } from '../helpers.js';
import { distanceKm } from '../../src/planner/geography.js';
import { REGIONS } from '../../src/planner/azure/catalogue.js';

/** A probe flow's path and one-way delay (ms). */
const probe = (rows: ReturnType<typeof simulate>['flows'], name: string) => {
  const row = rowOf(rows, 'flow', name);
  return { path: row.path, delayMs: num(row, 'delay_mean_ms') };
};
const cbr = (name: string, from: string, to: string) => `  - { name: ${name}, from: ${from}, to: ${to}, source: { kind: cbr, rate: 100kbps, packet_size: 500B } }`;

describe('Internet paths ride Microsoft backbone from the edge nearest the user', () => {
  const sydney = (circuit: string) => `
name: sydney
duration: 2s
warmup: 0s
services:
  portal: { region: westeurope, kind: paas }
sites:
  sydney: { location: sydney, internet: { bandwidth: 1Gbps, delay: 2ms } }
${circuit}
traffic:
${cbr('probe', 'sydney', 'portal')}
`;

  it('Sydney to West Europe: Internet and Premium ExpressRoute within a few ms, both about half the published round trip', () => {
    const internet = probe(simulate(sydney('')).flows, 'probe');
    const er = probe(simulate(sydney('circuits: { er: { site: sydney, peering_location: sydney, bandwidth: 1Gbps, sku: premium } }')).flows, 'probe');
    expect(internet.path).toBe('internet');
    expect(er.path).toBe('expressroute');
    // Australia East <-> West Europe: 264 and 265 ms (azure-network-latency.md); the local segments
    // (LAN 0.1 ms, access 2 ms or the provider's 0.5 ms hand-off, edge and service 0.1 ms each) add a few ms
    const halfRoundTrip = (264 + 265) / 2 / 2;
    for (const path of [internet, er]) expect(Math.abs(path.delayMs - (halfRoundTrip + 2.5)) / halfRoundTrip).toBeLessThan(0.1);
    expect(Math.abs(internet.delayMs - er.delayMs)).toBeLessThan(3);
  });

  it('a hot-potato service (Internet routing preference) crosses the public Internet to the region instead', () => {
    const yaml = sydney('').replace('kind: paas }', 'kind: paas, routing_preference: internet }');
    const hot = probe(simulate(yaml).flows, 'probe');
    // LAN 0.1 + access 2 + the public Internet at 1.5 x the great circle to West Europe + its edge 0.5 + the service 0.1 ms
    // (at 1.5 x the great circle the public Internet is shorter than the 132 ms Microsoft measures on its
    // backbone: docs/models.md names the Internet's stretch an assumption that tilts long hauls)
    const km = distanceKm([-33.87, 151.21], [...REGIONS.westeurope!.location]);
    expect(hot.delayMs).toBeCloseTo(0.1 + 2 + km * 5e-3 * 1.5 + 0.5 + 0.1, 1);
  });
});

describe('reach by geopolitical region', () => {
  it('a Standard circuit in Singapore reaches Southeast Asia, not Japan East or Central India', () => {
    const yaml = `
name: singapore
duration: 1s
services:
  sea: { region: southeastasia, kind: paas }
  jpe: { region: japaneast, kind: paas }
  cin: { region: centralindia, kind: paas }
sites:
  office: { location: singapore, internet: { bandwidth: 1Gbps } }
circuits:
  er: { site: office, peering_location: singapore, bandwidth: 1Gbps, sku: standard }
traffic:
${cbr('to-sea', 'office', 'sea')}
${cbr('to-jpe', 'office', 'jpe')}
${cbr('to-cin', 'office', 'cin')}
`;
    const flows = simulate(yaml).flows;
    expect(probe(flows, 'to-sea').path).toBe('expressroute');
    expect(probe(flows, 'to-jpe').path).toBe('internet');
    expect(probe(flows, 'to-cin').path).toBe('internet');
  });

  it('a Local circuit in London reaches UK South only; Premium reaches them all', () => {
    const yaml = (sku: string) => `
name: london
duration: 1s
services:
  uks: { region: uksouth, kind: paas }
  ukw: { region: ukwest, kind: paas }
  weu: { region: westeurope, kind: paas }
  neu: { region: northeurope, kind: paas }
sites:
  office: { location: london, internet: { bandwidth: 1Gbps } }
circuits:
  er: { site: office, peering_location: london, bandwidth: 1Gbps, sku: ${sku} }
traffic:
${['uks', 'ukw', 'weu', 'neu'].map((s) => cbr(`to-${s}`, 'office', s)).join('\n')}
`;
    const local = simulate(yaml('local')).flows;
    expect(['uks', 'ukw', 'weu', 'neu'].map((s) => probe(local, `to-${s}`).path)).toEqual(['expressroute', 'internet', 'internet', 'internet']);
    const premium = simulate(yaml('premium')).flows;
    expect(['uks', 'ukw', 'weu', 'neu'].map((s) => probe(premium, `to-${s}`).path)).toEqual(['expressroute', 'expressroute', 'expressroute', 'expressroute']);
  });

  it('Microsoft 365 needs Premium; Dynamics 365 only outside the geopolitical region', () => {
    const yaml = (sku: string) => `
name: saas
duration: 1s
services:
  m365: { region: westeurope, kind: saas, product: microsoft-365 }
  d365-eu: { region: westeurope, kind: saas, product: dynamics-365 }
  d365-us: { region: eastus, kind: saas, product: dynamics-365 }
sites:
  office: { location: amsterdam, internet: { bandwidth: 1Gbps } }
circuits:
  er: { site: office, peering_location: amsterdam, bandwidth: 1Gbps, sku: ${sku} }
traffic:
${cbr('to-m365', 'office', 'm365')}
${cbr('to-d365-eu', 'office', 'd365-eu')}
${cbr('to-d365-us', 'office', 'd365-us')}
`;
    const standard = simulate(yaml('standard')).flows;
    expect(['to-m365', 'to-d365-eu', 'to-d365-us'].map((f) => probe(standard, f).path)).toEqual(['internet', 'expressroute', 'internet']);
    const premium = simulate(yaml('premium')).flows;
    expect(['to-m365', 'to-d365-eu', 'to-d365-us'].map((f) => probe(premium, f).path)).toEqual(['expressroute', 'expressroute', 'expressroute']);
  });
});

describe('circuit bandwidth as Microsoft enforces it', () => {
  const downloads = (outages = '') => `
name: policed
duration: 3s
warmup: 1s
services:
  storage: { region: eastus, kind: paas }
sites:
  dc: { location: washington-dc, internet: { bandwidth: 10Gbps } }
circuits:
  er: { site: dc, peering_location: washington-dc, bandwidth: 1Gbps, sku: standard${outages} }
traffic:
${Array.from({ length: 8 }, (_, i) => `  - { name: dl${i}, from: storage, to: dc, protocol: tcp, app: { kind: bulk } }`).join('\n')}
`;

  it('a 1 Gbps circuit: eight downloads meet the policer (drops.csv), and one connection carries at most 1 Gbps', () => {
    const both = simulate(downloads());
    const policed = both.drops.filter((d) => d.reason === 'policer' && String(d.location).startsWith('er.'));
    expect(policed.reduce((s, d) => s + num(d, 'packets'), 0)).toBeGreaterThan(0);
    const goodput = (r: typeof both) => r.flows.filter((f) => String(f.flow).startsWith('dl')).reduce((s, f) => s + num(f, 'goodput_bps'), 0);
    // with the secondary connection down the whole run, the primary's policer is the limit
    const one = simulate(downloads(', outages: [{ at: 0s, duration: 10s, connection: secondary }]'));
    expect(goodput(one)).toBeLessThanOrEqual(1e9);
    expect(goodput(one)).toBeGreaterThan(0.3e9);
    // both connections: the downloads spread over the two (each policed on its own, so together
    // they may carry up to 2 Gbps; how much TCP gets through 1 ms buckets depends on how many flows
    // share each: with four per bucket about as much as eight through one)
    for (const connection of ['er.primary->dc', 'er.secondary->dc']) expect(num(rowOf(both.links, 'link', connection), 'throughput_bps')).toBeGreaterThan(0.2e9);
    expect(goodput(both)).toBeLessThanOrEqual(2e9);
    expect(num(rowOf(one.links, 'link', 'er.secondary->dc'), 'throughput_bps')).toBe(0);
  });

  it('refuses a bandwidth Microsoft does not sell, listing the sizes', () => {
    expect(() => checkScenario(parseScenarioText(downloads().replace('bandwidth: 1Gbps, sku', 'bandwidth: 300Mbps, sku'), 'p.yaml'))).toThrow(
      /p\.yaml:\d+: circuits\.er\.bandwidth: a provider circuit is 50 Mbps, 100 Mbps, 200 Mbps, 500 Mbps, 1 Gbps, 2 Gbps, 5 Gbps, 10 Gbps; got 300 Mbps/,
    );
  });
});

describe('the ExpressRoute gateway', () => {
  it('caps traffic between on-premises and the VNet, not VM to PaaS traffic in the region', () => {
    const yaml = `
name: gateway
duration: 1500ms
warmup: 500ms
services:
  app: { region: eastus, kind: vnet, gateway: ErGw1Az }
  sql: { region: eastus, kind: paas }
sites:
  dc: { location: washington-dc, internet: { bandwidth: 10Gbps } }
circuits:
  er: { site: dc, peering_location: washington-dc, bandwidth: 5Gbps, sku: standard, shaping: true }
traffic:
  - { name: vm-to-paas, from: app, to: sql, source: { kind: cbr, rate: 3Gbps, packet_size: 1400B } }
  - { name: onprem-to-vnet, from: dc, to: app, source: { kind: cbr, rate: 3Gbps, packet_size: 1400B } }
`;
    const flows = simulate(yaml).flows;
    const vm = rowOf(flows, 'flow', 'vm-to-paas');
    expect(vm.path).toBe('direct');
    expect(num(vm, 'throughput_bps')).toBeGreaterThan(0.99 * 3e9);
    const onprem = rowOf(flows, 'flow', 'onprem-to-vnet');
    expect(onprem.path).toBe('expressroute');
    // ErGw1Az: 1 Gbps (expressroute-about-virtual-network-gateways.md)
    expect(num(onprem, 'throughput_bps')).toBeLessThanOrEqual(1e9 * 1.001);
    expect(num(onprem, 'throughput_bps')).toBeGreaterThan(0.95e9);
  });
});

describe('what never uses ExpressRoute', () => {
  const yaml = `
name: dependencies
duration: 400s
warmup: 0s
services:
  m365: { region: westeurope, kind: saas }
  app: { region: westeurope, kind: vnet }
  intune: { region: westeurope, kind: saas }
sites:
  office: { location: amsterdam, internet: { bandwidth: 1Gbps, outages: [{ at: 100s, duration: 200s }] } }
circuits:
  er: { site: office, peering_location: amsterdam, bandwidth: 1Gbps, sku: premium }
traffic:
${cbr('to-m365', 'office', 'm365')}
${cbr('to-intune', 'office', 'intune')}
`;

  it('Intune goes over the Internet even with a Premium circuit', () => {
    const flows = simulate(yaml.replace('outages: [{ at: 100s, duration: 200s }] ', '').replace('duration: 400s', 'duration: 1s')).flows;
    expect(probe(flows, 'to-m365').path).toBe('expressroute');
    expect(probe(flows, 'to-intune').path).toBe('internet');
  });

  it('with the circuit up and the Internet access down, Microsoft 365 is unavailable (DNS, CRL); the VNet application is not', () => {
    const availability = simulate(yaml).availability;
    const m365 = rowOf(availability, 'pair', 'office -> m365');
    const app = rowOf(availability, 'pair', 'office -> app');
    // the access link is down 200 s; routing notices after 180 s of BGP hold time and converges 60 s
    // after the repair, so the pair is down from 100 s until 360 s at the latest
    expect(num(m365, 'unavailable_s')).toBeGreaterThanOrEqual(200);
    expect(num(m365, 'outages')).toBe(1);
    expect(num(app, 'unavailable_s')).toBe(0);
  });
});

describe('route selection as BGP makes it', () => {
  const twoCircuits = (ams = '', lon = '') => `
name: bgp
duration: 1s
warmup: 0s
services:
  portal: { region: westeurope, kind: paas }
sites:
  office: { location: amsterdam, internet: { bandwidth: 1Gbps } }
circuits:
  er-ams: { site: office, peering_location: amsterdam, bandwidth: 1Gbps, sku: standard${ams} }
  er-lon: { site: office, peering_location: london, bandwidth: 1Gbps, sku: standard${lon} }
traffic:
${cbr('up', 'office', 'portal')}
${cbr('down', 'portal', 'office')}
`;
  /** Packets the office sent into, and received from, each circuit. */
  const carried = (yaml: string) => {
    const links = simulate(yaml).links;
    const sum = (circuit: string, toMicrosoft: boolean) =>
      links
        .filter((l) => (toMicrosoft ? l.from === 'office' && String(l.to).startsWith(`${circuit}.`) : l.to === 'office' && String(l.from).startsWith(`${circuit}.`)))
        .reduce((s, l) => s + num(l, 'tx_packets'), 0);
    return { amsUp: sum('er-ams', true), lonUp: sum('er-lon', true), amsDown: sum('er-ams', false), lonDown: sum('er-lon', false) };
  };

  it('equal attributes: the shorter path (Amsterdam) both ways', () => {
    const c = carried(twoCircuits());
    expect(c.amsUp).toBeGreaterThan(0);
    expect(c.lonUp).toBe(0);
    expect(c.amsDown).toBeGreaterThan(0);
    expect(c.lonDown).toBe(0);
  });

  it("the site's local preference sends its traffic over London, though longer; Microsoft's replies still come by Amsterdam", () => {
    const c = carried(twoCircuits('', ', local_preference: 200'));
    expect(c.amsUp).toBe(0);
    expect(c.lonUp).toBeGreaterThan(0);
    expect(c.amsDown).toBeGreaterThan(0);
    expect(c.lonDown).toBe(0);
  });

  it("the site's prepends on Amsterdam bring Microsoft's traffic back by London", () => {
    const c = carried(twoCircuits(', as_path_prepend: 2'));
    expect(c.amsUp).toBeGreaterThan(0);
    expect(c.lonDown).toBeGreaterThan(0);
    expect(c.amsDown).toBe(0);
  });
});

describe('Global Reach', () => {
  const offices = (reach: string) => `
name: global-reach
duration: 1s
warmup: 0s
services:
  portal: { region: westeurope, kind: paas }
sites:
  london-office: { location: london, internet: { bandwidth: 1Gbps } }
  ny-office: { location: new-york, internet: { bandwidth: 1Gbps } }
circuits:
  er-lon: { site: london-office, peering_location: london, bandwidth: 1Gbps, sku: premium${reach} }
  er-ny: { site: ny-office, peering_location: new-york, bandwidth: 1Gbps, sku: premium }
traffic:
${cbr('site-to-site', 'london-office', 'ny-office')}
`;

  it('carries site-to-site traffic over the linked circuits and Microsoft backbone; without it the sites do not reach each other', () => {
    const linked = simulate(offices(', global_reach: [er-ny]'));
    const flow = rowOf(linked.flows, 'flow', 'site-to-site');
    expect(flow.path).toBe('expressroute');
    expect(num(flow, 'loss_ratio')).toBe(0);
    // London - New York over the backbone: UK South - East US measured 78 and 80 ms round trip
    expect(num(flow, 'delay_mean_ms')).toBeGreaterThan(39);
    expect(num(flow, 'delay_mean_ms')).toBeLessThan(39 + 10);
    expect(() => simulate(offices(''))).toThrow(/traffic\[0\]\.to: no route from 'london-office\.lan' to 'ny-office\.lan'/);
  });
});
