import type { IssueList } from '../scenario/errors.js';
import { parseBandwidth } from '../scenario/units.js';
import { normalizeFlow, normalizeNetworkParts, normalizeQueue } from '../scenario/normalize.js';
import { normalizeApplications } from './applications.js';
import { nearestInstance, normalizePlanner } from './normalize.js';
import type { PlannerFlowSpec, PlannerSpec, PriceSpec, Scenario } from './scenario.js';
import type { ParsedScenario } from './schema.js';

/**
 * A planner's scenario with every default filled: the generic network (nodes, links, flows,
 * prefixes) checked by src/scenario, with sites, regions, services, circuits and VPNs checked after
 * the links; then traffic, apps and prices.
 */
export function normalizeScenario(parsed: ParsedScenario, issues: IssueList): Scenario {
  let planner: PlannerSpec | undefined;
  const { scenario, nodes, names } = normalizeNetworkParts(parsed, issues, (genericNodes) => {
    planner = normalizePlanner(parsed, issues, genericNodes, (queue, at) => normalizeQueue(queue, at, issues));
    if (genericNodes.size === 0 && planner.sites.length === 0 && planner.services.length === 0) {
      issues.add(['nodes'], 'a scenario needs nodes and links, or sites, regions and services');
    }
  });
  const spec = planner!;
  const endpoints = new Set([...nodes, ...spec.sites.map((s) => s.name), ...spec.services.map((s) => s.name), ...spec.instances.keys()]);
  const siteAt = (name: string) => spec.sites.find((s) => s.name === name)?.location;
  spec.traffic = (parsed.traffic ?? []).map((flow, i): PlannerFlowSpec => {
    const at = ['traffic', i];
    if (flow.path !== undefined) issues.add([...at, 'path'], 'traffic between sites and services is routed; pin paths on generic flows only');
    if (flow.to_address !== undefined) issues.add([...at, 'to_address'], "traffic goes to a service's prefix; to_address is for generic flows");
    if (flow.via !== undefined && !spec.sites.some((s) => s.name === flow.via && s.kind === 'site')) {
      issues.add([...at, 'via'], `no site named '${flow.via}' (a proxy sits at a site)`);
    }
    const normalized = normalizeFlow(flow, at, scenario.flows.length + i, endpoints, scenario.duration, issues);
    // a service in several regions: the instance nearest the site at the other end
    const toSite = siteAt(normalized.to);
    const fromSite = siteAt(normalized.from);
    const resolved = {
      ...normalized,
      from: toSite === undefined ? normalized.from : nearestInstance(spec, normalized.from, toSite),
      to: fromSite === undefined ? normalized.to : nearestInstance(spec, normalized.to, fromSite),
    };
    return names.named({ ...resolved, viaSite: flow.via, compressible: flow.compressible }, at);
  });
  for (const app of normalizeApplications(parsed.apps, spec, scenario.duration, issues)) spec.traffic.push(names.named(app, app.origin));

  return {
    ...scenario,
    planner: spec,
    targets: parsed.targets === 'teams-edge' ? 'teams-edge' : 'teams-client',
    prices: normalizePrices(parsed.prices, issues),
  };
}

function normalizePrices(prices: ParsedScenario['prices'], issues: IssueList): PriceSpec {
  const byBandwidth = (table: Record<string, number> | undefined, field: string): Map<number, number> => {
    const out = new Map<number, number>();
    for (const [text, price] of Object.entries(table ?? {})) {
      const bps = parseBandwidth(text);
      if (bps === undefined) issues.add(['prices', field, text], `expected a bandwidth like 1Gbps as the key, got "${text}"`);
      else out.set(bps, price);
    }
    return out;
  };
  const bySku = (table: Record<string, number> | undefined): Map<string, number> => new Map(Object.entries(table ?? {}));
  const egress = prices?.egress_per_gb;
  return {
    given: prices !== undefined,
    circuit: byBandwidth(prices?.circuit, 'circuit'),
    circuitUnlimited: byBandwidth(prices?.circuit_unlimited, 'circuit_unlimited'),
    premium: byBandwidth(prices?.premium, 'premium'),
    internetPerMbps: prices?.internet_per_mbps,
    internet: byBandwidth(prices?.internet, 'internet'),
    egressPerGb:
      egress === undefined
        ? new Map()
        : typeof egress === 'number'
          ? new Map([1, 2, 3, 4].map((z) => [z, egress]))
          : new Map(([1, 2, 3, 4] as const).flatMap((z) => (egress[`zone${z}`] === undefined ? [] : [[z, egress[`zone${z}`]!] as [number, number]]))),
    erGateway: bySku(prices?.er_gateway),
    vpnGateway: bySku(prices?.vpn_gateway),
    directPort: byBandwidth(prices?.direct_port, 'direct_port'),
    providerPort: byBandwidth(prices?.provider_port, 'provider_port'),
    globalReachPerGb: prices?.global_reach_per_gb,
    hoursPerMonth: prices?.hours_per_month ?? 730,
  };
}
