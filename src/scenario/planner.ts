import { parsePrefix, type Prefix } from '../net/routing/prefix.js';
import type { FieldPath, IssueList } from './errors.js';
import { normalizeCrossTraffic, normalizeFailures, normalizeLoss } from './impairments.js';
import { DEFAULTS, type AccessSpec, type InternetCoreSpec, type PlannerSpec, type QueueSpec, type SiteSpec } from './scenario.js';
import type { ParsedInternetAccess, ParsedQueue, ParsedScenario } from './schema.js';

type QueueNormalizer = (queue: ParsedQueue | undefined, at: FieldPath) => QueueSpec;

/** Block k of a range: sites get 10.k.0.0/16, remote groups 100.64.k.0/24, services 198.18.k.0/24. */
const block = (text: string): Prefix => parsePrefix(text)!;

/**
 * Check the planner's layer and fill its defaults. Names of sites, remote groups, regions and
 * services share one namespace with the generic nodes (they become nodes).
 */
export function normalizePlanner(parsed: ParsedScenario, issues: IssueList, genericNodes: Set<string>, queue: QueueNormalizer): PlannerSpec {
  const names = new Map<string, string>(); // name -> what it is, for collision messages
  for (const node of genericNodes) names.set(node, 'node');
  const claim = (name: string, what: string, at: FieldPath): void => {
    const owner = names.get(name);
    if (owner !== undefined) issues.add(at, `'${name}' is already the name of a ${owner}`);
    names.set(name, what);
  };

  const regions = Object.entries(parsed.regions ?? {}).map(([name, r]) => {
    claim(name, 'region', ['regions', name]);
    return { name, continent: r.continent, location: r.location };
  });
  const regionNames = new Set(regions.map((r) => r.name));

  const services = Object.entries(parsed.services ?? {}).map(([name, s], k) => {
    claim(name, 'service', ['services', name]);
    if (!regionNames.has(s.region)) issues.add(['services', name, 'region'], `no region named '${s.region}'`);
    return { name, region: s.region, prefix: s.prefix ?? block(`198.18.${k}.0/24`), kind: s.kind ?? 'saas' };
  });

  const sites: SiteSpec[] = [];
  Object.entries(parsed.sites ?? {}).forEach(([name, s], k) => {
    const at = ['sites', name];
    claim(name, 'site', at);
    sites.push({
      name,
      kind: 'site',
      location: s.location,
      continent: s.continent,
      users: s.users ?? 0,
      prefix: s.prefix ?? block(`10.${k + 1}.0.0/16`),
      lan: {
        bandwidthBps: s.lan?.bandwidth ?? DEFAULTS.lanBandwidth,
        delay: s.lan?.delay ?? DEFAULTS.lanDelay,
        loss: normalizeLoss(s.lan?.loss, undefined),
      },
      internet: access(s.internet, [...at, 'internet'], queue),
      origin: at,
    });
  });
  Object.entries(parsed.remote_users ?? {}).forEach(([name, g], k) => {
    const at = ['remote_users', name];
    claim(name, 'remote user group', at);
    sites.push({
      name,
      kind: 'remote',
      location: g.location,
      continent: g.continent,
      users: g.users ?? 0,
      prefix: g.prefix ?? block(`100.64.${k}.0/24`),
      internet: access(g.internet, [...at, 'internet'], queue),
      origin: at,
    });
  });

  const core = parsed.internet;
  const delays = new Map<string, number>();
  core?.delays?.forEach((d, i) => {
    if (!sites.some((s) => s.name === d.from)) issues.add(['internet', 'delays', i, 'from'], `no site or remote user group named '${d.from}'`);
    if (!regionNames.has(d.region)) issues.add(['internet', 'delays', i, 'region'], `no region named '${d.region}'`);
    delays.set(`${d.from}|${d.region}`, d.delay);
  });
  const internet: InternetCoreSpec = {
    stretch: core?.stretch ?? DEFAULTS.routeStretch,
    bandwidthBps: core?.bandwidth ?? DEFAULTS.coreBandwidth,
    delays,
    queue: queue(core?.queue, ['internet', 'queue']),
    loss: normalizeLoss(core?.loss, undefined),
    outageProcess: normalizeFailures(core?.failures),
    crossTraffic: normalizeCrossTraffic(core?.cross_traffic),
    failover: { detection: core?.detection ?? DEFAULTS.internetDetection, convergence: core?.convergence ?? DEFAULTS.internetConvergence },
  };
  if ((sites.length > 0 || services.length > 0) && regions.length === 0) issues.add(['regions'], 'sites and services need at least one region');
  return { regions, services, sites, internet, traffic: [] };
}

function access(a: ParsedInternetAccess, at: FieldPath, queue: QueueNormalizer): AccessSpec {
  const bw = a.bandwidth;
  return {
    downBps: typeof bw === 'number' ? bw : bw.down,
    upBps: typeof bw === 'number' ? bw : bw.up,
    delay: a.delay ?? DEFAULTS.accessDelay,
    mtu: a.mtu ?? DEFAULTS.mtu,
    queue: queue(a.queue, [...at, 'queue']),
    loss: normalizeLoss(a.loss, undefined),
    outages: a.outages ?? [],
    outageProcess: normalizeFailures(a.failures),
    crossTraffic: normalizeCrossTraffic(a.cross_traffic),
    origin: at,
  };
}
