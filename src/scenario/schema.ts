import { z } from 'zod';
import { parseDscp } from '../net/queues/class-map.js';
import { parseAddress, parsePrefix } from '../core/prefix.js';
import { parseBandwidth, parseSize, parseTime } from './units.js';

function unitField(kind: string, example: string, parse: (s: string) => number | undefined, allowZero: boolean) {
  return z.string({ error: `expected a ${kind} with its unit, like ${example}` }).transform((text, ctx) => {
    const value = parse(text);
    if (value === undefined || !Number.isFinite(value)) {
      ctx.addIssue({ code: 'custom', message: `expected a ${kind} with its unit, like ${example}; got "${text}"` });
      return z.NEVER;
    }
    if (value < 0 || (!allowZero && value === 0)) {
      ctx.addIssue({ code: 'custom', message: `${kind} must be ${allowZero ? 'zero or more' : 'positive'}; got "${text}"` });
      return z.NEVER;
    }
    return value;
  });
}

/** bits per second */
export const bandwidth = unitField('bandwidth', '1Gbps or 150Mbps', parseBandwidth, false);
/** nanoseconds, >= 0 */
export const duration = unitField('time', '10ms or 30s', parseTime, true);
/** nanoseconds, > 0 */
export const positiveDuration = unitField('time', '10ms or 30s', parseTime, false);
/** bytes, > 0 */
export const size = unitField('size', '1500B or 64KB', parseSize, false);

export const dscp = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const parsed = parseDscp(value);
  if (parsed === undefined) {
    ctx.addIssue({ code: 'custom', message: `expected a DSCP value 0-63 or a name like EF, AF41, CS0; got "${value}"` });
    return z.NEVER;
  }
  return parsed;
});

const name = z.string().regex(/^[A-Za-z0-9_.:-]+$/, 'names use letters, digits and _ . : - only');

const queueClass = z.strictObject({
  name,
  dscp: z.union([z.literal('default'), z.array(dscp).min(1)]),
  limit_packets: z.number().int().positive().optional(),
  limit_bytes: size.optional(),
  weight: z.number().positive().optional(),
  strict: z.boolean().optional(),
});

export const queue = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('droptail'),
    limit_packets: z.number().int().positive().optional(),
    limit_bytes: size.optional(),
    classes: z.array(queueClass).min(1).optional(),
  }),
  z.strictObject({ kind: z.literal('priority'), classes: z.array(queueClass).min(1) }),
  z.strictObject({ kind: z.literal('drr'), quantum: size.optional(), classes: z.array(queueClass).min(1) }),
  z.strictObject({ kind: z.literal('qos'), quantum: size.optional(), classes: z.array(queueClass).min(2) }),
]);

const packetSize = z.union([size, z.strictObject({ exponential: size })]);

/** A random quantity: a plain value (fixed), `{ exponential: mean }` or `{ pareto: { mean, shape } }`. */
function distribution<T extends z.ZodType<number, string>>(value: T) {
  return z.union([
    value,
    z.strictObject({ exponential: value }),
    z.strictObject({ pareto: z.strictObject({ mean: value, shape: z.number().gt(1) }) }),
  ]);
}

/** Times between failures and repair times: a plain time is exponential. */
const lifetime = z.union([
  positiveDuration,
  z.strictObject({ exponential: positiveDuration }),
  z.strictObject({ weibull: z.strictObject({ mean: positiveDuration, shape: z.number().positive() }) }),
  z.strictObject({ lognormal: z.strictObject({ mean: positiveDuration, sigma: z.number().positive() }) }),
]);

export const failures = z.strictObject({ mtbf: lifetime, mttr: lifetime });

export const lossSchema = z.union([
  z.number().min(0).max(1),
  z.strictObject({
    gilbert: z.strictObject({
      p: z.number().min(0).max(1),
      r: z.number().gt(0).max(1),
      loss_good: z.number().min(0).max(1).optional(),
      loss_bad: z.number().min(0).max(1).optional(),
    }),
  }),
]);

export const failoverSchema = z.strictObject({ detection: duration, convergence: duration });

/** Periods are exponential when given as a plain time. */
const period = distribution(positiveDuration);
const sizeDistribution = distribution(size);
const timeDistribution = distribution(duration);

const outage = z.strictObject({ at: duration, duration: positiveDuration });

export const crossTraffic = z.strictObject({
  load: z.number().min(0).lt(1),
  sources: z.number().int().positive().optional(),
  on: period.optional(),
  off: period.optional(),
  packet_size: size.optional(),
  profile: z.array(z.number().min(0)).length(24).optional(),
  start_hour: z.number().min(0).lt(24).optional(),
});

export const link = z.strictObject({
  name: name.optional(),
  from: name,
  to: name,
  bandwidth,
  delay: duration,
  mtu: size.optional(),
  duplex: z.boolean().optional(),
  queue: queue.optional(),
  policer: z.strictObject({ rate: bandwidth, burst: size }).optional(),
  loss: lossSchema.optional(),
  drop_packets: z.array(z.number().int().positive()).optional(),
  outages: z.array(outage).optional(),
  failures: failures.optional(),
  cross_traffic: crossTraffic.optional(),
});

const app = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('bulk'), size: size.optional() }),
  z.strictObject({
    kind: z.literal('request_response'),
    request: sizeDistribution,
    response: sizeDistribution,
    think: timeDistribution.optional(),
    count: z.number().int().positive().optional(),
  }),
]);

const tcp = z.strictObject({
  cc: z.enum(['newreno', 'cubic']).optional(),
  mss: size.optional(),
  timestamps: z.boolean().optional(),
  initial_window: z.number().int().positive().optional(),
  min_rto: positiveDuration.optional(),
  delayed_ack: z.boolean().optional(),
  receive_window: size.optional(),
  sack: z.boolean().optional(),
});

export const source = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('cbr'), rate: bandwidth, packet_size: packetSize.optional() }),
  z.strictObject({ kind: z.literal('poisson'), rate: bandwidth, packet_size: packetSize.optional() }),
  z.strictObject({
    kind: z.literal('onoff'),
    rate: bandwidth,
    packet_size: packetSize.optional(),
    on: period,
    off: period,
  }),
]);

const address = z.string().transform((text, ctx) => {
  const parsed = parseAddress(text);
  if (parsed === undefined) {
    ctx.addIssue({ code: 'custom', message: `expected an IPv4 address like 203.0.113.10; got "${text}"` });
    return z.NEVER;
  }
  return parsed;
});

export const prefix = z.string().transform((text, ctx) => {
  const parsed = parsePrefix(text);
  if (parsed === undefined) {
    ctx.addIssue({ code: 'custom', message: `expected an IPv4 prefix like 10.1.0.0/16 (no host bits set); got "${text}"` });
    return z.NEVER;
  }
  return parsed;
});

export const flow = z.strictObject({
  name: name.optional(),
  from: name,
  to: name,
  to_address: address.optional(),
  via: name.optional(),
  compressible: z.boolean().optional(),
  protocol: z.enum(['udp', 'tcp']).optional(),
  source: source.optional(),
  app: app.optional(),
  tcp: tcp.optional(),
  dscp: dscp.optional(),
  start: duration.optional(),
  stop: duration.optional(),
  path: z.array(name).min(2).optional(),
});

/** Applications used by a site's or remote group's users (apps:), each towards one service. */
const appCommon = {
  service: name,
  /** Which sites and remote user groups use it (default: every one with users). */
  sites: z.array(name).optional(),
  dscp: dscp.optional(),
  via: name.optional(),
  compressible: z.boolean().optional(),
};
export const application = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('call'),
    ...appCommon,
    media: z.enum(['audio', 'video', 'sharing']).optional(),
    calls_per_hour: z.number().nonnegative(),
    duration: period.optional(),
    bitrate: bandwidth.optional(),
    packet_interval: positiveDuration.optional(),
    packet_size: size.optional(),
    codec: z.union([z.enum(['g711', 'g729']), z.strictObject({ ie: z.number().min(0).max(95), bpl: z.number().positive() })]).optional(),
  }),
  z.strictObject({
    kind: z.literal('web'),
    ...appCommon,
    requests_per_minute: z.number().positive(),
    request: sizeDistribution.optional(),
    response: sizeDistribution,
    max_connections: z.number().int().positive().optional(),
    tcp: tcp.optional(),
  }),
  z.strictObject({
    kind: z.literal('transfer'),
    ...appCommon,
    transfers_per_hour: z.number().positive(),
    size: sizeDistribution,
    direction: z.enum(['up', 'down']).optional(),
    max_connections: z.number().int().positive().optional(),
    tcp: tcp.optional(),
  }),
]);

const location = z.tuple([z.number().min(-90).max(90), z.number().min(-180).max(180)], {
  error: 'expected a location [latitude, longitude] in degrees',
});

export const CONTINENTS = ['north-america', 'south-america', 'europe', 'asia', 'oceania', 'africa', 'middle-east'] as const;
const continent = z.enum(CONTINENTS);

const internetAccess = z.strictObject({
  bandwidth: z.union([bandwidth, z.strictObject({ down: bandwidth, up: bandwidth })]),
  delay: duration.optional(),
  mtu: size.optional(),
  queue: queue.optional(),
  loss: lossSchema.optional(),
  failures: failures.optional(),
  outages: z.array(outage).optional(),
  cross_traffic: crossTraffic.optional(),
});

const lan = z.strictObject({ bandwidth: bandwidth.optional(), delay: duration.optional(), loss: lossSchema.optional() });

const site = z.strictObject({
  location,
  continent: continent.optional(),
  users: z.number().int().nonnegative().optional(),
  prefix: prefix.optional(),
  nat_prefix: prefix.optional(),
  lan: lan.optional(),
  security: z.strictObject({ delay: duration, throughput: bandwidth.optional() }).optional(),
  internet: internetAccess,
});

/** IPsec encapsulation: bytes added per packet and the largest inner packet. */
const tunnelFields = { overhead: size.optional(), mtu: size.optional() };

const remoteUsers = z.strictObject({
  location,
  continent: continent.optional(),
  users: z.number().int().nonnegative().optional(),
  prefix: prefix.optional(),
  internet: internetAccess,
  /** A remote access VPN into a site: intranet traffic (split) or everything (forced) goes through it. */
  vpn: z.strictObject({ site: name, tunnel: z.enum(['split', 'forced']).optional(), pool: prefix.optional(), ...tunnelFields }).optional(),
});

export const VPN_GATEWAYS = ['Basic', 'VpnGw1', 'VpnGw2', 'VpnGw3', 'VpnGw4', 'VpnGw5'] as const;

/** A site-to-site VPN: an IPsec tunnel over the Internet between a site's edge and a VNet's VPN gateway. */
const vpn = z.strictObject({
  site: name,
  vnet: name,
  gateway: z.union([z.enum(VPN_GATEWAYS), z.strictObject({ bandwidth })]).optional(),
  ...tunnelFields,
});

const region = z.strictObject({ continent, location });

export const GATEWAYS = ['ErGw1Az', 'ErGw2Az', 'ErGw3Az', 'FastPath'] as const;

const service = z.strictObject({
  region: name,
  prefix: prefix.optional(),
  kind: z.enum(['saas', 'paas', 'vnet', 'internet']).optional(),
  description: z.string().optional(),
  expressroute: z.boolean().optional(),
  gateway: z.enum(GATEWAYS).optional(),
});

const peeringLocation = z.strictObject({ continent, location });

const circuit = z.strictObject({
  site: name.optional(),
  peering_location: name,
  bandwidth,
  sku: z.enum(['local', 'standard', 'premium']).optional(),
  direct: z.boolean().optional(),
  peerings: z.array(z.enum(['microsoft', 'private'])).min(1).optional(),
  connectivity: z.enum(['colocated', 'point-to-point', 'ipvpn']).optional(),
  access_delay: duration.optional(),
  shaping: z.boolean().optional(),
  qos: z.boolean().optional(),
  bfd: z.boolean().optional(),
  convergence: duration.optional(),
  failures: failures.optional(),
  circuit_failures: failures.optional(),
  forced_tunneling: z.boolean().optional(),
  wan_optimizer: z.strictObject({ ratio: z.number().min(1) }).optional(),
  outages: z.array(z.strictObject({ at: duration, duration: positiveDuration, connection: z.enum(['primary', 'secondary', 'both']).optional() })).optional(),
});

const wan = z.strictObject({
  kind: z.literal('ipvpn'),
  sites: z.array(name).min(1),
  bandwidth: bandwidth.optional(),
  stretch: z.number().min(1).optional(),
});

const internetCore = z.strictObject({
  stretch: z.number().min(1).optional(),
  bandwidth: bandwidth.optional(),
  delays: z.array(z.strictObject({ from: name, region: name, delay: duration })).optional(),
  queue: queue.optional(),
  loss: lossSchema.optional(),
  failures: failures.optional(),
  cross_traffic: crossTraffic.optional(),
  detection: duration.optional(),
  convergence: duration.optional(),
});

export const scenarioSchema = z.strictObject({
  name,
  description: z.string().optional(),
  duration: positiveDuration,
  warmup: duration.optional(),
  seed: z.number().int().nonnegative().optional(),
  replications: z.number().int().positive().optional(),
  routing: failoverSchema.optional(),
  prefixes: z.array(z.strictObject({ node: name, prefix, preference: z.number().int().optional() })).optional(),
  nodes: z.array(name).optional(),
  links: z.array(link).optional(),
  flows: z.array(flow).optional(),
  regions: z.record(name, region).optional(),
  services: z.record(name, service).optional(),
  sites: z.record(name, site).optional(),
  remote_users: z.record(name, remoteUsers).optional(),
  internet: internetCore.optional(),
  peering_locations: z.record(name, peeringLocation).optional(),
  circuits: z.record(name, circuit).optional(),
  vpns: z.record(name, vpn).optional(),
  wan: wan.optional(),
  traffic: z.array(flow).optional(),
  apps: z.record(name, application).optional(),
  targets: z.enum(['teams', 'teams-client', 'teams-edge']).optional(),
  variants: z.record(name, z.record(z.string(), z.unknown())).optional(),
  prices: z
    .strictObject({
      circuit: z.record(z.string(), z.number().nonnegative()).optional(),
      premium: z.record(z.string(), z.number().nonnegative()).optional(),
      internet_per_mbps: z.number().nonnegative().optional(),
      egress_per_gb: z.number().nonnegative().optional(),
      hours_per_month: z.number().positive().max(744).optional(),
    })
    .optional(),
});

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type ParsedScenario = z.output<typeof scenarioSchema>;
export type ParsedLink = z.output<typeof link>;
export type ParsedFlow = z.output<typeof flow>;
export type ParsedQueue = z.output<typeof queue>;
export type ParsedSource = z.output<typeof source>;
export type ParsedDistribution = z.output<typeof period>;
export type ParsedLifetime = z.output<typeof lifetime>;
export type ParsedLoss = z.output<typeof lossSchema>;
export type ParsedCrossTraffic = z.output<typeof crossTraffic>;
export type ParsedFailures = z.output<typeof failures>;
export type ParsedApp = z.output<typeof app>;
export type ParsedApplication = z.output<typeof application>;
export type ParsedTcp = z.output<typeof tcp>;
export type ParsedPacketSize = z.output<typeof packetSize>;
export type ParsedInternetAccess = z.output<typeof internetAccess>;
export type ParsedInternetCore = z.output<typeof internetCore>;
export type ParsedCircuit = z.output<typeof circuit>;
