import { NS_PER_S } from '../core/time.js';
import { mseeNode, peNode } from '../planner/expressroute.js';
import type { Scenario } from '../planner/scenario.js';
import type { Row } from '../stats/records.js';

export interface MonthlyCost {
  circuits: number;
  internet: number;
  egress: number;
  total: number;
}

/**
 * What a variant costs a month with the scenario's price table: its circuits (and Premium add-ons)
 * by bandwidth, Internet access by Mbps (the larger of up and down), and metered data out of
 * Microsoft over circuits: the bytes that crossed the circuits' connections from the MSEEs towards
 * the customer (links.csv), at the measured rate as if it lasted `hoursPerMonth`. A circuit whose
 * bandwidth has no price makes the cost unknown (NaN).
 */
export function monthlyCost(scenario: Scenario, links: readonly Row[]): MonthlyCost {
  const prices = scenario.prices;
  const planner = scenario.planner;
  let circuits = 0;
  for (const c of planner.circuits) {
    circuits += prices.circuit.get(c.bandwidthBps) ?? (prices.circuit.size === 0 ? 0 : NaN);
    if (c.sku === 'premium') circuits += prices.premium.get(c.bandwidthBps) ?? 0;
  }
  const internet = planner.sites
    .filter((s) => s.kind === 'site')
    .reduce((sum, s) => sum + (Math.max(s.internet.upBps, s.internet.downBps) / 1e6) * prices.internetPerMbps, 0);
  // a circuit's connections towards the customer: from each MSEE to the site's edge (or the provider's PE)
  const towardsCustomer = new Set(
    planner.circuits.flatMap((c) => (['primary', 'secondary'] as const).map((k) => `${mseeNode(c.name, k)}->${c.site ?? peNode(c.name)}`)),
  );
  const measured = (scenario.duration - scenario.warmup) / NS_PER_S;
  const outBytes = links.filter((l) => towardsCustomer.has(`${String(l.from)}->${String(l.to)}`)).reduce((sum, l) => sum + (l.tx_bytes as number), 0);
  const egress = ((outBytes / measured) * 3600 * prices.hoursPerMonth * prices.egressPerGb) / 1e9;
  return { circuits, internet, egress, total: circuits + internet + egress };
}
