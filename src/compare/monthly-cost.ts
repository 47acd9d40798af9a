import { NS_PER_S } from '../core/time.js';
import { mseeNode, peNode } from '../planner/expressroute.js';
import { peeringNode } from '../planner/node-names.js';
import type { Scenario } from '../planner/scenario.js';
import type { Row } from '../stats/records.js';

/** One line of a variant's monthly bill. */
export interface CostLine {
  item: string;
  name: string;
  quantity: number;
  unit: string;
  unit_price: number;
  monthly: number;
}

export const COST_COLUMNS = ['variant', 'item', 'name', 'quantity', 'unit', 'unit_price', 'monthly'] as const;

const show = (bps: number): string => (bps >= 1e9 ? `${bps / 1e9}Gbps` : `${bps / 1e6}Mbps`);

/**
 * The priced things a variant uses whose price the scenario does not give, as the field to set:
 * with a price table, a missing price is an error (a Premium add-on costing $0 silently tilts the
 * comparison towards ExpressRoute). Provider port fees are optional (often in the circuit price).
 */
export function missingPrices(scenario: Scenario): string[] {
  const p = scenario.prices;
  if (!p.given) return [];
  const missing = new Set<string>();
  const { circuits, sites, peeringLocations } = scenario.planner;
  for (const c of circuits) {
    const table = c.dataPlan === 'unlimited' ? ['circuit_unlimited', p.circuitUnlimited] as const : ['circuit', p.circuit] as const;
    if (!table[1].has(c.bandwidthBps)) missing.add(`prices.${table[0]}.${show(c.bandwidthBps)} (circuit ${c.name})`);
    if (c.sku === 'premium' && !p.premium.has(c.bandwidthBps)) missing.add(`prices.premium.${show(c.bandwidthBps)} (circuit ${c.name})`);
    const zone = peeringLocations.find((l) => l.name === c.peeringLocation)?.zone ?? 1;
    if (c.dataPlan === 'metered' && c.sku !== 'local' && !p.egressPerGb.has(zone)) missing.add(`prices.egress_per_gb (zone ${zone}: circuit ${c.name})`);
    if (c.direct && !p.directPort.has(c.portBps)) missing.add(`prices.direct_port.${show(c.portBps)} (circuit ${c.name})`);
    if (c.globalReach.length > 0 && p.globalReachPerGb === undefined) missing.add(`prices.global_reach_per_gb (circuit ${c.name})`);
  }
  for (const s of sites) {
    if (s.kind !== 'site' || p.internetPerMbps !== undefined) continue;
    const bps = Math.max(s.internet.upBps, s.internet.downBps);
    if (!p.internet.has(bps)) missing.add(`prices.internet.${show(bps)} or prices.internet_per_mbps (site ${s.name})`);
  }
  for (const vnet of erGatewayVnets(scenario)) {
    const sku = vnet.gatewayBilling!.sku;
    if (!p.erGateway.has(sku)) missing.add(`prices.er_gateway.${sku} (VNet ${vnet.name})`);
  }
  for (const g of vpnGatewaySkus(scenario)) if (!p.vpnGateway.has(g.sku)) missing.add(`prices.vpn_gateway.${g.sku} (VNet ${g.vnet})`);
  return [...missing];
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
 * up and down). A price the table lacks makes its line NaN (compare refuses such a table first).
 */
export function monthlyBill(scenario: Scenario, links: readonly Row[]): CostLine[] {
  const p = scenario.prices;
  const planner = scenario.planner;
  const lines: CostLine[] = [];
  const line = (item: string, name: string, quantity: number, unit: string, unitPrice: number | undefined): void => {
    const price = unitPrice ?? NaN;
    lines.push({ item, name, quantity, unit, unit_price: price, monthly: quantity * price });
  };
  const measured = (scenario.duration - scenario.warmup) / NS_PER_S;
  const monthlyGb = (bytes: number): number => ((bytes / measured) * 3600 * p.hoursPerMonth) / 1e9;
  const bytesOn = (names: Set<string>): number => links.filter((l) => names.has(`${String(l.from)}->${String(l.to)}`)).reduce((sum, l) => sum + (l.tx_bytes as number), 0);

  for (const c of planner.circuits) {
    const plan = c.dataPlan === 'unlimited' ? p.circuitUnlimited : p.circuit;
    line(`circuit (${c.dataPlan})`, c.name, 1, show(c.bandwidthBps), plan.get(c.bandwidthBps));
    if (c.sku === 'premium') line('premium add-on', c.name, 1, show(c.bandwidthBps), p.premium.get(c.bandwidthBps));
    if (!c.direct && p.providerPort.size > 0) line('provider port', c.name, 1, show(c.bandwidthBps), p.providerPort.get(c.bandwidthBps));
    if (c.dataPlan === 'metered' && c.sku !== 'local') {
      const zone = planner.peeringLocations.find((l) => l.name === c.peeringLocation)?.zone ?? 1;
      const out = new Set((['primary', 'secondary'] as const).map((k) => `${mseeNode(c.name, k)}->${c.site ?? peNode(c.name)}`));
      line(`egress (zone ${zone})`, c.name, monthlyGb(bytesOn(out)), 'GB', p.egressPerGb.get(zone));
    }
  }
  const ports = new Map<string, number>();
  for (const c of planner.circuits.filter((c) => c.direct)) ports.set(`${c.peeringLocation} ${show(c.portBps)}`, c.portBps);
  for (const [name, port] of ports) line('Direct port pair', name, 1, show(port), p.directPort.get(port));
  for (const vnet of erGatewayVnets(scenario)) {
    const g = vnet.gatewayBilling!;
    line('ExpressRoute gateway', vnet.name, g.units, g.sku === 'ErGwScale' ? 'scale unit' : g.sku, p.erGateway.get(g.sku));
  }
  for (const g of vpnGatewaySkus(scenario)) line('VPN gateway', g.vnet, 1, g.sku, p.vpnGateway.get(g.sku));
  const reach = new Set<string>();
  for (const c of planner.circuits) {
    for (const other of c.globalReach) {
      const d = planner.circuits.find((x) => x.name === other);
      if (d === undefined || d.peeringLocation === c.peeringLocation) continue;
      reach.add(`${peeringNode(c.peeringLocation)}->${peeringNode(d.peeringLocation)}`);
      reach.add(`${peeringNode(d.peeringLocation)}->${peeringNode(c.peeringLocation)}`);
    }
  }
  if (reach.size > 0) line('Global Reach', 'all linked circuits', monthlyGb(bytesOn(reach)), 'GB', p.globalReachPerGb);
  for (const s of planner.sites.filter((s) => s.kind === 'site')) {
    const bps = Math.max(s.internet.upBps, s.internet.downBps);
    if (p.internetPerMbps !== undefined) line('Internet access', s.name, bps / 1e6, 'Mbps', p.internetPerMbps);
    else line('Internet access', s.name, 1, show(bps), p.internet.get(bps));
  }
  return lines;
}

/** The bill's total. */
export const monthlyTotal = (lines: readonly CostLine[]): number => lines.reduce((sum, l) => sum + l.monthly, 0);
