import type { IssueList } from './errors.js';
import type { FieldPath } from './errors.js';
import type {
  ParsedFlow,
  ParsedLink,
  ParsedApp,
  ParsedDistribution,
  ParsedPacketSize,
  ParsedTcp,
  ParsedQueue,
  ParsedScenario,
  ParsedSource,
} from './schema.js';
import type { Failover } from '../net/routing/routing-control.js';
import { DEFAULT_TCP } from '../transport/tcp/tcp-config.js';
import { normalizeCrossTraffic, normalizeFailures, normalizeLoss } from './impairments.js';
import { normalizePlanner } from '../planner/normalize.js';
import { normalizeApplications } from '../planner/applications.js';
import { parseBandwidth } from './units.js';
import type { DistributionSpec } from '../traffic/distribution.js';
import {
  DEFAULTS,
  type AppSpec,
  type FlowSpec,
  type LinkSpec,
  type QueueClassSpec,
  type QueueSpec,
  type Scenario,
  type SizeSpec,
  type SourceSpec,
  type TcpSpec,
} from './scenario.js';

/** Fill defaults and check what the schema cannot: names, references, times, DSCP maps. */
export function normalize(parsed: ParsedScenario, issues: IssueList): Scenario {
  const duration = parsed.duration;
  const warmup = parsed.warmup ?? 0;
  if (warmup >= duration) issues.add(['warmup'], 'the warm-up must end before the duration');

  const nodes = new Set<string>();
  (parsed.nodes ?? []).forEach((node, i) => {
    if (nodes.has(node)) issues.add(['nodes', i], `node '${node}' is listed twice`);
    nodes.add(node);
  });

  const links: LinkSpec[] = [];
  const linkNames = new Set<string>();
  (parsed.links ?? []).forEach((link, i) => {
    for (const spec of normalizeLink(link, ['links', i], i, nodes, duration, parsed.routing, issues)) {
      if (linkNames.has(spec.name)) issues.add([...spec.origin, 'name'], `link '${spec.name}' is defined twice`);
      linkNames.add(spec.name);
      links.push(spec);
    }
  });

  const planner = normalizePlanner(parsed, issues, nodes, (queue, at) => normalizeQueue(queue, at, issues));
  if (nodes.size === 0 && planner.sites.length === 0 && planner.services.length === 0) {
    issues.add(['nodes'], 'a scenario needs nodes and links, or sites, regions and services');
  }

  const flowNames = new Set<string>();
  const named = (spec: FlowSpec, at: FieldPath): FlowSpec => {
    if (flowNames.has(spec.name)) issues.add([...at, 'name'], `flow '${spec.name}' is defined twice`);
    flowNames.add(spec.name);
    return spec;
  };
  const flows = (parsed.flows ?? []).map((flow, i) => {
    if (flow.via !== undefined) issues.add(['flows', i, 'via'], 'a proxy sits at a site: use via in traffic');
    return named(normalizeFlow(flow, ['flows', i], i, nodes, duration, issues), ['flows', i]);
  });
  const endpoints = new Set([...nodes, ...planner.sites.map((s) => s.name), ...planner.services.map((s) => s.name)]);
  planner.traffic = (parsed.traffic ?? []).map((flow, i) => {
    const at = ['traffic', i];
    if (flow.path !== undefined) issues.add([...at, 'path'], 'traffic between sites and services is routed; pin paths on generic flows only');
    if (flow.to_address !== undefined) issues.add([...at, 'to_address'], "traffic goes to a service's prefix; to_address is for generic flows");
    if (flow.via !== undefined && !planner.sites.some((s) => s.name === flow.via && s.kind === 'site')) {
      issues.add([...at, 'via'], `no site named '${flow.via}' (a proxy sits at a site)`);
    }
    return named(normalizeFlow(flow, at, flows.length + i, endpoints, duration, issues), at);
  });
  for (const app of normalizeApplications(parsed.apps, planner, duration, issues)) planner.traffic.push(named(app, app.origin));

  return {
    name: parsed.name,
    description: parsed.description ?? '',
    duration,
    warmup,
    seed: parsed.seed ?? DEFAULTS.seed,
    replications: parsed.replications ?? DEFAULTS.replications,
    nodes: [...nodes],
    links,
    flows,
    prefixes: (parsed.prefixes ?? []).map((p, i) => {
      if (!nodes.has(p.node)) issues.add(['prefixes', i, 'node'], `no node named '${p.node}'`);
      return { node: p.node, prefix: p.prefix, preference: p.preference ?? 0 };
    }),
    reachability: [],
    planner,
    failureGroups: [],
    variant: 'base',
    targets: parsed.targets === 'teams-edge' ? 'teams-edge' : 'teams-client',
    prices: normalizePrices(parsed.prices, issues),
  };
}

function normalizeLink(
  link: ParsedLink,
  at: FieldPath,
  group: number,
  nodes: Set<string>,
  duration: number,
  failover: Failover | undefined,
  issues: IssueList,
): LinkSpec[] {
  for (const end of ['from', 'to'] as const) {
    if (!nodes.has(link[end])) issues.add([...at, end], `no node named '${link[end]}' (add it to nodes)`);
  }
  if (link.from === link.to) issues.add([...at, 'to'], 'a link must join two different nodes');
  if (link.loss !== undefined && link.drop_packets !== undefined) {
    issues.add([...at, 'drop_packets'], 'give either a loss probability or packets to drop, not both');
  }
  link.outages?.forEach((o, k) => {
    if (o.at >= duration) issues.add([...at, 'outages', k, 'at'], 'the outage starts after the end of the run');
  });
  const common = {
    bandwidthBps: link.bandwidth,
    delay: link.delay,
    mtu: link.mtu ?? DEFAULTS.mtu,
    queue: normalizeQueue(link.queue, [...at, 'queue'], issues),
    policer: link.policer && { rateBps: link.policer.rate, burstBytes: link.policer.burst },
    loss: normalizeLoss(link.loss, link.drop_packets),
    outages: link.outages ?? [],
    outageProcess: normalizeFailures(link.failures),
    group,
    failover,
    crossTraffic: normalizeCrossTraffic(link.cross_traffic),
    origin: at,
  };
  const forward: LinkSpec = { ...common, name: link.name ?? `${link.from}->${link.to}`, from: link.from, to: link.to };
  if (link.duplex === false) return [forward];
  const reverse: LinkSpec = {
    ...common,
    name: link.name !== undefined ? `${link.name}-rev` : `${link.to}->${link.from}`,
    from: link.to,
    to: link.from,
  };
  return [forward, reverse];
}

function normalizeQueue(queue: ParsedQueue | undefined, at: FieldPath, issues: IssueList): QueueSpec {
  if (queue === undefined || queue.kind === 'droptail') {
    const classes = normalizeClasses(queue?.classes, at, issues);
    return {
      kind: 'droptail',
      limitPackets: queue?.limit_packets ?? (queue?.limit_bytes !== undefined ? Infinity : DEFAULTS.queueLimitPackets),
      limitBytes: queue?.limit_bytes ?? Infinity,
      classes,
    };
  }
  const classes = normalizeClasses(queue.classes, at, issues);
  if (queue.kind === 'priority') return { kind: 'priority', classes };
  if (queue.kind === 'qos') {
    const firstWeighted = classes.findIndex((c) => c.strict !== true);
    if (firstWeighted < 0) issues.add([...at, 'classes'], 'a qos queue needs at least one weighted (not strict) class');
    else if (classes.slice(firstWeighted).some((c) => c.strict === true)) issues.add([...at, 'classes'], 'strict classes come first in a qos queue');
    return { kind: 'qos', quantum: queue.quantum ?? DEFAULTS.drrQuantum, classes };
  }
  return { kind: 'drr', quantum: queue.quantum ?? DEFAULTS.drrQuantum, classes };
}

/** ExpressRoute's Microsoft-peering QoS: EF in strict priority, the AF classes and the rest weighted (unsourced weights). */
export const MICROSOFT_PEERING_QOS: QueueSpec = {
  kind: 'qos',
  quantum: 1500,
  classes: [
    { name: 'voice', dscp: [46], strict: true, weight: 1 },
    { name: 'video', dscp: [34, 36, 38], weight: 4 },
    { name: 'sharing', dscp: [18, 20, 22], weight: 3 },
    { name: 'bulk', dscp: [10, 12, 14], weight: 2 },
    { name: 'default', dscp: 'default', weight: 1 },
  ].map((c) => ({ limitPackets: DEFAULTS.queueLimitPackets, limitBytes: Infinity, ...c }) as QueueClassSpec),
};

const STANDARD_CLASSES: QueueClassSpec[] = [
  { name: 'voice', dscp: [46] },
  { name: 'video', dscp: [34, 36, 38] },
  { name: 'sharing', dscp: [18, 20, 22] },
  { name: 'bulk', dscp: [10, 12, 14] },
  { name: 'default', dscp: 'default' },
].map((c) => ({ ...c, limitPackets: DEFAULTS.queueLimitPackets, limitBytes: Infinity, weight: 1 }) as QueueClassSpec);

function normalizeClasses(
  classes: NonNullable<ParsedQueue['classes']> | undefined,
  at: FieldPath,
  issues: IssueList,
): QueueClassSpec[] {
  if (classes === undefined) return STANDARD_CLASSES.map((c) => ({ ...c }));
  const seen = new Map<number, string>();
  const names = new Set<string>();
  let defaults = 0;
  classes.forEach((c, i) => {
    if (names.has(c.name)) issues.add([...at, 'classes', i, 'name'], `class '${c.name}' is defined twice`);
    names.add(c.name);
    if (c.dscp === 'default') {
      if (++defaults > 1) issues.add([...at, 'classes', i, 'dscp'], 'only one class can take the default DSCP values');
      return;
    }
    c.dscp.forEach((d, k) => {
      const owner = seen.get(d);
      if (owner !== undefined) issues.add([...at, 'classes', i, 'dscp', k], `DSCP ${d} is already in class '${owner}'`);
      seen.set(d, c.name);
    });
  });
  return classes.map((c) => ({
    name: c.name,
    dscp: c.dscp,
    limitPackets: c.limit_packets ?? (c.limit_bytes !== undefined ? Infinity : DEFAULTS.queueLimitPackets),
    limitBytes: c.limit_bytes ?? Infinity,
    weight: c.weight ?? 1,
    strict: c.strict,
  }));
}

function normalizeFlow(
  flow: ParsedFlow,
  at: FieldPath,
  index: number,
  nodes: Set<string>,
  duration: number,
  issues: IssueList,
): FlowSpec {
  for (const end of ['from', 'to'] as const) {
    if (!nodes.has(flow[end])) issues.add([...at, end], `no node, site or service named '${flow[end]}'`);
  }
  if (flow.from === flow.to) issues.add([...at, 'to'], 'a flow must go between two different nodes');
  const start = flow.start ?? 0;
  const stop = flow.stop ?? duration;
  if (stop > duration) issues.add([...at, 'stop'], 'the flow stops after the end of the run');
  if (start >= stop) issues.add([...at, 'start'], 'the flow must start before it stops');
  if (flow.path !== undefined) {
    flow.path.forEach((node, k) => {
      if (!nodes.has(node)) issues.add([...at, 'path', k], `no node named '${node}'`);
    });
    if (flow.path[0] !== flow.from) issues.add([...at, 'path', 0], 'a pinned path must begin at the flow\'s source');
    if (flow.path[flow.path.length - 1] !== flow.to) {
      issues.add([...at, 'path', flow.path.length - 1], 'a pinned path must end at the flow\'s destination');
    }
  }
  const base = {
    name: flow.name ?? `flow${index + 1}`,
    from: flow.from,
    to: flow.to,
    toAddress: flow.to_address,
    viaSite: flow.via,
    compressible: flow.compressible,
    dscp: flow.dscp ?? 0,
    start,
    stop,
    path: flow.path,
    origin: at,
  };
  if (flow.protocol === 'tcp') {
    if (flow.source !== undefined) issues.add([...at, 'source'], 'a TCP flow takes an app, not a source');
    if (flow.app === undefined) issues.add([...at, 'app'], 'a TCP flow needs an app (bulk or request_response)');
    return { ...base, protocol: 'tcp', tcp: normalizeTcp(flow.tcp), app: normalizeApp(flow.app ?? { kind: 'bulk' }) };
  }
  if (flow.app !== undefined) issues.add([...at, 'app'], 'apps run over TCP: add protocol: tcp');
  if (flow.tcp !== undefined) issues.add([...at, 'tcp'], 'TCP settings need protocol: tcp');
  if (flow.source === undefined) issues.add([...at, 'source'], 'a UDP flow needs a source (cbr, poisson or onoff)');
  const source = flow.source ?? { kind: 'cbr', rate: 1 };
  return { ...base, protocol: 'udp', source: normalizeSource(source) };
}

export function normalizeTcp(tcp: ParsedTcp | undefined): TcpSpec {
  const d = DEFAULT_TCP;
  return {
    congestionControl: tcp?.cc ?? d.congestionControl,
    mss: tcp?.mss,
    timestamps: tcp?.timestamps ?? d.timestamps,
    initialWindow: tcp?.initial_window ?? d.initialWindow,
    initialRto: d.initialRto,
    minRto: tcp?.min_rto ?? d.minRto,
    maxRto: d.maxRto,
    delayedAck: tcp?.delayed_ack ?? d.delayedAck,
    delayedAckTimeout: d.delayedAckTimeout,
    receiveWindow: tcp?.receive_window ?? d.receiveWindow,
    sack: tcp?.sack ?? d.sack,
  };
}

function normalizeApp(app: ParsedApp): AppSpec {
  if (app.kind === 'bulk') return { kind: 'bulk', size: app.size ?? Infinity };
  return {
    kind: 'request_response',
    request: normalizeDistribution(app.request, 'fixed'),
    response: normalizeDistribution(app.response, 'fixed'),
    think: app.think === undefined ? { kind: 'fixed', mean: 0 } : normalizeDistribution(app.think, 'fixed'),
    count: app.count ?? Infinity,
  };
}

function normalizeSource(source: ParsedSource): SourceSpec {
  const size = normalizeSize(source.packet_size);
  if (source.kind === 'onoff') {
    return {
      kind: 'onoff',
      rateBps: source.rate,
      size,
      on: normalizeDistribution(source.on, 'exponential'),
      off: normalizeDistribution(source.off, 'exponential'),
    };
  }
  return { kind: source.kind, rateBps: source.rate, size };
}

function normalizeSize(size: ParsedPacketSize | undefined): SizeSpec {
  if (size === undefined) return { kind: 'fixed', bytes: DEFAULTS.packetSize };
  if (typeof size === 'number') return { kind: 'fixed', bytes: size };
  return { kind: 'exponential', mean: size.exponential };
}

/** A plain value is `plain` (fixed, or exponential for on/off periods). */
export function normalizeDistribution(d: ParsedDistribution, plain: 'fixed' | 'exponential'): DistributionSpec {
  if (typeof d === 'number') return { kind: plain, mean: d };
  if ('exponential' in d) return { kind: 'exponential', mean: d.exponential };
  return { kind: 'pareto', mean: d.pareto.mean, shape: d.pareto.shape };
}

function normalizePrices(prices: ParsedScenario['prices'], issues: IssueList): Scenario['prices'] {
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
