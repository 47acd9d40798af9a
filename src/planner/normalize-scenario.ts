import type { IssueList } from '../scenario/errors.js';
import { parseBandwidth } from '../scenario/units.js';
import {
  FlowNames,
  normalizeFlow,
  normalizeFlows,
  normalizeHeader,
  normalizeLinks,
  normalizeNodes,
  normalizePrefixes,
  normalizeQueue,
  normalizeTimes,
} from '../scenario/normalize.js';
import { normalizeApplications } from './applications.js';
import { normalizePlanner } from './normalize.js';
import type { PlannerFlowSpec, PriceSpec, Scenario } from './scenario.js';
import type { ParsedScenario } from './schema.js';

/**
 * A planner's scenario with every default filled: the generic network (nodes, links, flows,
 * prefixes) checked by src/scenario, then sites, regions, services, circuits, VPNs, traffic, apps
 * and prices. Issues come in the order of the file's sections.
 */
export function normalizeScenario(parsed: ParsedScenario, issues: IssueList): Scenario {
  const { duration, warmup } = normalizeTimes(parsed, issues);
  const nodes = normalizeNodes(parsed, issues);
  const links = normalizeLinks(parsed, nodes, issues);

  const planner = normalizePlanner(parsed, issues, nodes, (queue, at) => normalizeQueue(queue, at, issues));
  if (nodes.size === 0 && planner.sites.length === 0 && planner.services.length === 0) {
    issues.add(['nodes'], 'a scenario needs nodes and links, or sites, regions and services');
  }

  const names = new FlowNames(issues);
  const flows = normalizeFlows(parsed, nodes, names, issues);
  const endpoints = new Set([...nodes, ...planner.sites.map((s) => s.name), ...planner.services.map((s) => s.name)]);
  planner.traffic = (parsed.traffic ?? []).map((flow, i): PlannerFlowSpec => {
    const at = ['traffic', i];
    if (flow.path !== undefined) issues.add([...at, 'path'], 'traffic between sites and services is routed; pin paths on generic flows only');
    if (flow.to_address !== undefined) issues.add([...at, 'to_address'], "traffic goes to a service's prefix; to_address is for generic flows");
    if (flow.via !== undefined && !planner.sites.some((s) => s.name === flow.via && s.kind === 'site')) {
      issues.add([...at, 'via'], `no site named '${flow.via}' (a proxy sits at a site)`);
    }
    const spec = normalizeFlow(flow, at, flows.length + i, endpoints, duration, issues);
    return names.named({ ...spec, viaSite: flow.via, compressible: flow.compressible }, at);
  });
  for (const app of normalizeApplications(parsed.apps, planner, duration, issues)) planner.traffic.push(names.named(app, app.origin));

  return {
    ...normalizeHeader(parsed, duration, warmup),
    nodes: [...nodes],
    links,
    flows,
    prefixes: normalizePrefixes(parsed, nodes, issues),
    reachability: [],
    planner,
    failureGroups: [],
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
  return {
    circuit: byBandwidth(prices?.circuit, 'circuit'),
    premium: byBandwidth(prices?.premium, 'premium'),
    internetPerMbps: prices?.internet_per_mbps ?? 0,
    egressPerGb: prices?.egress_per_gb ?? 0,
    hoursPerMonth: prices?.hours_per_month ?? 730,
  };
}
