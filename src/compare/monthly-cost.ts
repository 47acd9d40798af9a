import { NS_PER_S } from '../core/time.js';
import { mseeNode, peNode } from '../planner/expressroute.js';
import { peeringNode } from '../planner/node-names.js';
import type { Scenario } from '../planner/scenario.js';
import type { Row } from '../stats/records.js';
import { formatBandwidth } from '../scenario/units.js';

/** One line of a variant's monthly bill. */
export interface CostLine {
  item: string;
  name: string;
  quantity: number;
  unit: string;
  unit_price: number;
  monthly: number;
  /** The price table's field for its unit price, and what needs it (for the error when it is missing). */
  price: string;
  needed_by: string;
}

export const COST_COLUMNS = ['variant', 'item', 'name', 'quantity', 'unit', 'unit_price', 'monthly'] as const;

const show = (bps: number): string => formatBandwidth(bps);

/**
 * The priced things a variant uses whose price the scenario does not give, as the field to set and
 * what needs it: with a price table, a missing price is an error (a Premium add-on costing $0
 * silently tilts the comparison towards ExpressRoute). The lines of its bill without a price.
 */
export function missingPrices(scenario: Scenario): string[] {
  if (!scenario.prices.given) return [];
  const missing = monthlyBill(scenario, []).filter((l) => Number.isNaN(l.unit_price)).map((l) => `${l.price} (${l.needed_by})`);
  return [...new Set(missing)];
}

/** VNets that have an ExpressRoute gateway: those a circuit's private peering reaches. */
function erGatewayVnets(scenario: Scenario) {
  const privatePeering = scenario.planner.circuits.some((c) => c.peerings.includes('private'));
  return privatePeering ? scenario.planner.services.filter((s) => s.kind === 'vnet') : [];
}

/** Each VNet's one VPN gateway, by the SKU of its first VPN (a gateway of a bandwidth of its own is not priced). */
function vpnGatewaySkus(scenario: Scenario): { vnet: string; sku: string }[] {
  const seen = new Map<string, string>();
  for (const v of scenario.planner.vpns) if (!seen.has(v.vnet) && v.gatewaySku !== undefined) seen.set(v.vnet, v.gatewaySku);
  return [...seen].map(([vnet, sku]) => ({ vnet, sku }));
}

/**
 * A variant's monthly bill, line by line, with the scenario's price table: circuits by data plan
 * and bandwidth, Premium add-ons, the provider's fee (when priced), ExpressRoute Direct port pairs,
 * metered egress by the peering location's zone (Local circuits and unlimited plans carry none;
 * the bytes that crossed the circuit's connections from the MSEEs towards the customer, at the
 * measured rate for `hoursPerMonth`), ExpressRoute and VPN gateways by SKU, Global Reach per GB
 * between linked circuits, and each site's Internet access (by size, or per Mbps of the larger of
 * up and down). A price the table lacks makes its line NaN (`missingPrices`: compare refuses it first).
 */
export function monthlyBill(scenario: Scenario, links: readonly Row[]): CostLine[] {
  const p = scenario.prices;
  const planner = scenario.planner;
  const lines: CostLine[] = [];
  const line = (item: string, name: string, quantity: number, unit: string, unitPrice: number | undefined, price: string, neededBy: string): void => {
    const unitPriceOrNaN = unitPrice ?? NaN;
    lines.push({ item, name, quantity, unit, unit_price: unitPriceOrNaN, monthly: quantity * unitPriceOrNaN, price, needed_by: neededBy });
  };
  const measured = (scenario.duration - scenario.warmup) / NS_PER_S;
  const monthlyGb = (bytes: number): number => ((bytes / measured) * 3600 * p.hoursPerMonth) / 1e9;
  const bytesOn = (names: Set<string>): number => links.filter((l) => names.has(`${String(l.from)}->${String(l.to)}`)).reduce((sum, l) => sum + (l.tx_bytes as number), 0);

  for (const c of planner.circuits) {
    const circuit = `circuit ${c.name}`;
    const bw = show(c.bandwidthBps);
    const [planField, plan] = c.dataPlan === 'unlimited' ? ['circuit_unlimited', p.circuitUnlimited] : ['circuit', p.circuit];
    line(`circuit (${c.dataPlan})`, c.name, 1, bw, plan.get(c.bandwidthBps), `prices.${planField}.${bw}`, circuit);
    if (c.sku === 'premium') line('premium add-on', c.name, 1, bw, p.premium.get(c.bandwidthBps), `prices.premium.${bw}`, circuit);
    if (!c.direct && p.providerPort.size > 0) line('provider port', c.name, 1, bw, p.providerPort.get(c.bandwidthBps), `prices.provider_port.${bw}`, circuit);
    if (c.dataPlan === 'metered' && c.sku !== 'local') {
      const zone = planner.peeringLocations.find((l) => l.name === c.peeringLocation)?.zone ?? 1;
      const out = new Set((['primary', 'secondary'] as const).map((k) => `${mseeNode(c.name, k)}->${c.site ?? peNode(c.name)}`));
      line(`egress (zone ${zone})`, c.name, monthlyGb(bytesOn(out)), 'GB', p.egressPerGb.get(zone), 'prices.egress_per_gb', `zone ${zone}: ${circuit}`);
    }
  }
  const ports = new Map<string, { port: number; circuit: string }>();
  for (const c of planner.circuits.filter((c) => c.direct)) ports.set(`${c.peeringLocation} ${show(c.portBps)}`, { port: c.portBps, circuit: c.name });
  for (const [name, { port, circuit }] of ports) line('Direct port pair', name, 1, show(port), p.directPort.get(port), `prices.direct_port.${show(port)}`, `circuit ${circuit}`);
  for (const vnet of erGatewayVnets(scenario)) {
    const g = vnet.gateway!;
    line('ExpressRoute gateway', vnet.name, g.units, g.sku === 'ErGwScale' ? 'scale unit' : g.sku, p.erGateway.get(g.sku), `prices.er_gateway.${g.sku}`, `VNet ${vnet.name}`);
  }
  for (const g of vpnGatewaySkus(scenario)) line('VPN gateway', g.vnet, 1, g.sku, p.vpnGateway.get(g.sku), `prices.vpn_gateway.${g.sku}`, `VNet ${g.vnet}`);
  const reach = new Set<string>();
  for (const c of planner.circuits) {
    for (const other of c.globalReach) {
      const d = planner.circuits.find((x) => x.name === other);
      if (d === undefined || d.peeringLocation === c.peeringLocation) continue;
      reach.add(`${peeringNode(c.peeringLocation)}->${peeringNode(d.peeringLocation)}`);
      reach.add(`${peeringNode(d.peeringLocation)}->${peeringNode(c.peeringLocation)}`);
    }
  }
  if (reach.size > 0) line('Global Reach', 'all linked circuits', monthlyGb(bytesOn(reach)), 'GB', p.globalReachPerGb, 'prices.global_reach_per_gb', 'Global Reach');
  for (const s of planner.sites.filter((s) => s.kind === 'site')) {
    const bps = Math.max(s.internet.upBps, s.internet.downBps);
    if (p.internetPerMbps !== undefined) line('Internet access', s.name, bps / 1e6, 'Mbps', p.internetPerMbps, 'prices.internet_per_mbps', `site ${s.name}`);
    else line('Internet access', s.name, 1, show(bps), p.internet.get(bps), `prices.internet.${show(bps)} or prices.internet_per_mbps`, `site ${s.name}`);
  }
  return lines;
}

/** The bill's total. */
export const monthlyTotal = (lines: readonly CostLine[]): number => lines.reduce((sum, l) => sum + l.monthly, 0);
