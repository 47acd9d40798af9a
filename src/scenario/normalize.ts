import { STANDARD_CLASSES } from '../core/dscp.js';
import type { DistributionSpec } from '../core/distribution.js';
import { DEFAULT_TCP } from '../transport/tcp/tcp-config.js';
import type { FieldPath, IssueList } from './errors.js';
import { normalizeCrossTraffic, normalizeFailures, normalizeLoss } from './impairments.js';
import {
  DEFAULTS,
  type AppSpec,
  type FailoverSpec,
  type FlowSpec,
  type LinkSpec,
  type NetworkScenario,
  type PrefixSpec,
  type QueueClassSpec,
  type QueueSpec,
  type SizeSpec,
  type SourceSpec,
  type TcpSpec,
} from './scenario.js';
import type {
  ParsedApp,
  ParsedDistribution,
  ParsedFlow,
  ParsedLink,
  ParsedNetworkScenario,
  ParsedPacketSize,
  ParsedQueue,
  ParsedSource,
  ParsedTcp,
} from './schema.js';

/** Fill defaults and check what the schema cannot: names, references, times, DSCP maps. */
export function normalizeNetwork(parsed: ParsedNetworkScenario, issues: IssueList): NetworkScenario {
  return normalizeNetworkParts(parsed, issues, (nodes) => {
    if (nodes.size === 0) issues.add(['nodes'], 'a scenario needs nodes and links');
  }).scenario;
}

/**
 * The generic network of a file, in the order of its sections: times, nodes, links, then
 * `afterLinks` (a format that extends this one checks its own sections there, before the flows, which
 * may name what it adds), flows and prefixes. Also the node names and the flow names taken, which
 * the extending format's own flows share.
 */
export function normalizeNetworkParts(
  parsed: ParsedNetworkScenario,
  issues: IssueList,
  afterLinks: (nodes: Set<string>) => void,
): { scenario: NetworkScenario; nodes: Set<string>; names: FlowNames } {
  const { duration, warmup } = normalizeTimes(parsed, issues);
  const nodes = normalizeNodes(parsed, issues);
  const links = normalizeLinks(parsed, nodes, issues);
  afterLinks(nodes);
  const names = new FlowNames(issues);
  const flows = normalizeFlows(parsed, nodes, names, issues);
  const scenario: NetworkScenario = {
    ...normalizeHeader(parsed, duration, warmup),
    nodes: [...nodes],
    links,
    flows,
    prefixes: normalizePrefixes(parsed, nodes, issues),
    reachability: [],
    failureGroups: [],
  };
  return { scenario, nodes, names };
}

/** The run's length and warm-up. */
function normalizeTimes(parsed: ParsedNetworkScenario, issues: IssueList): { duration: number; warmup: number } {
  const duration = parsed.duration;
  const warmup = parsed.warmup ?? 0;
  if (warmup >= duration) issues.add(['warmup'], 'the warm-up must end before the duration');
  return { duration, warmup };
}

/** Name, description, times, seed and replications (variant 'base' until the loader names it). */
function normalizeHeader(parsed: ParsedNetworkScenario, duration: number, warmup: number) {
  return {
    name: parsed.name,
    description: parsed.description ?? '',
    duration,
    warmup,
    seed: parsed.seed ?? DEFAULTS.seed,
    replications: parsed.replications ?? DEFAULTS.replications,
    parallel: { partitions: parsed.parallel?.partitions ?? 'auto', lookahead: parsed.parallel?.lookahead },
    variant: 'base',
  };
}

function normalizeNodes(parsed: ParsedNetworkScenario, issues: IssueList): Set<string> {
  const nodes = new Set<string>();
  (parsed.nodes ?? []).forEach((node, i) => {
    if (nodes.has(node)) issues.add(['nodes', i], `node '${node}' is listed twice`);
    nodes.add(node);
  });
  return nodes;
}

function normalizeLinks(parsed: ParsedNetworkScenario, nodes: Set<string>, issues: IssueList): LinkSpec[] {
  const links: LinkSpec[] = [];
  const linkNames = new Set<string>();
  (parsed.links ?? []).forEach((link, i) => {
    for (const spec of normalizeLink(link, ['links', i], i, nodes, parsed.duration, parsed.routing, issues)) {
      if (linkNames.has(spec.name)) issues.add([...spec.origin, 'name'], `link '${spec.name}' is defined twice`);
      linkNames.add(spec.name);
      links.push(spec);
    }
  });
  return links;
}

/** Flow names are unique across every kind of flow of a scenario. */
export class FlowNames {
  private readonly seen = new Set<string>();

  constructor(private readonly issues: IssueList) {}

  named<F extends { name: string }>(spec: F, at: FieldPath): F {
    if (this.seen.has(spec.name)) this.issues.add([...at, 'name'], `flow '${spec.name}' is defined twice`);
    this.seen.add(spec.name);
    return spec;
  }
}

function normalizeFlows(parsed: ParsedNetworkScenario, nodes: Set<string>, names: FlowNames, issues: IssueList): FlowSpec[] {
  return (parsed.flows ?? []).map((flow, i) => {
    if (flow.via !== undefined) issues.add(['flows', i, 'via'], 'a proxy sits at a site: use via in traffic');
    return names.named(normalizeFlow(flow, ['flows', i], i, nodes, parsed.duration, issues), ['flows', i]);
  });
}

function normalizePrefixes(parsed: ParsedNetworkScenario, nodes: Set<string>, issues: IssueList): PrefixSpec[] {
  return (parsed.prefixes ?? []).map((p, i) => {
    if (!nodes.has(p.node)) issues.add(['prefixes', i, 'node'], `no node named '${p.node}'`);
    return { node: p.node, prefix: p.prefix, preference: p.preference ?? 0 };
  });
}

function normalizeLink(
  link: ParsedLink,
  at: FieldPath,
  group: number,
  nodes: Set<string>,
  duration: number,
  failover: FailoverSpec | undefined,
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

export function normalizeQueue(queue: ParsedQueue | undefined, at: FieldPath, issues: IssueList): QueueSpec {
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

const standardClasses = (): QueueClassSpec[] =>
  STANDARD_CLASSES.map((c) => ({ name: c.name, dscp: c.dscp === 'default' ? 'default' : [...c.dscp], limitPackets: DEFAULTS.queueLimitPackets, limitBytes: Infinity, weight: 1 }));

function normalizeClasses(
  classes: NonNullable<ParsedQueue['classes']> | undefined,
  at: FieldPath,
  issues: IssueList,
): QueueClassSpec[] {
  if (classes === undefined) return standardClasses();
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

export function normalizeFlow(
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
    recovery: tcp?.recovery ?? d.recovery,
    handshake: tcp?.handshake ?? d.handshake,
    hystart: tcp?.hystart ?? d.hystart,
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
