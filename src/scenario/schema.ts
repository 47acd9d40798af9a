import { z } from 'zod';
import { parseDscp } from '../core/dscp.js';
import { parseAddress, parsePrefix } from '../core/prefix.js';
import { parseBandwidth, parseSize, parseTime } from './units.js';

// zod compiles a parser for each object schema with `new Function` the first time it parses one:
// dozens of them for the one scenario a run reads, each compiled anew in every process (no code
// cache holds them). Interpreted, the scenario is checked faster (docs/performance.md).
z.config({ jitless: true });

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
/** bytes, > 0: the largest packet a link carries, under what the links' rings hold (MAX_PACKET_BYTES in net/packet-ring.ts) */
export const mtu = size.refine((bytes) => bytes < 2 ** 21, { message: 'an MTU must be under 2 MiB' });

export const dscp = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const parsed = parseDscp(value);
  if (parsed === undefined) {
    ctx.addIssue({ code: 'custom', message: `expected a DSCP value 0-63 or a name like EF, AF41, CS0; got "${value}"` });
    return z.NEVER;
  }
  return parsed;
});

export const name = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]+$/, 'names use letters, digits and _ . : - only')
  .max(200, 'names are at most 200 characters')
  // a name becomes a folder (results/NAME) and an argument: '.', '..' and '-x' would escape results/ or read as an option
  .refine((n) => n !== '.' && n !== '..' && !n.startsWith('-'), 'a name cannot be . or .. nor start with -');

const queueClass = z.strictObject({
  name,
  dscp: z.union([z.literal('default'), z.array(dscp).min(1)]),
  limit_packets: z.number().int().positive().max(10_000_000, 'a queue holds at most 10,000,000 packets').optional(),
  limit_bytes: size.optional(),
  weight: z.number().positive().optional(),
  strict: z.boolean().optional(),
});

export const queue = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('droptail'),
    limit_packets: z.number().int().positive().max(10_000_000, 'a queue holds at most 10,000,000 packets').optional(),
    limit_bytes: size.optional(),
    classes: z.array(queueClass).min(1).optional(),
  }),
  z.strictObject({ kind: z.literal('priority'), classes: z.array(queueClass).min(1) }),
  z.strictObject({ kind: z.literal('drr'), quantum: size.optional(), classes: z.array(queueClass).min(1) }),
  z.strictObject({ kind: z.literal('qos'), quantum: size.optional(), classes: z.array(queueClass).min(2) }),
]);

/** A packet is at least an IPv4 header (20 bytes) and at most 64 KB. */
const packetBytes = size.refine((b) => b >= 20 && b <= 65_535, 'a packet is 20 B to 64 KB');
const packetSize = z.union([packetBytes, z.strictObject({ exponential: packetBytes })]);

/** A random quantity: a plain value (fixed), `{ exponential: mean }` or `{ pareto: { mean, shape } }`. */
export function distribution<T extends z.ZodType<number, string>>(value: T) {
  return z.union([
    value,
    z.strictObject({ exponential: value }),
    z.strictObject({ pareto: z.strictObject({ mean: value, shape: z.number().gt(1) }) }),
  ]);
}

/** Times between failures and repair times: a plain time is exponential. */
export const lifetime = z.union([
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
export const period = distribution(positiveDuration);
export const sizeDistribution = distribution(size);
export const timeDistribution = distribution(duration);

export const outage = z.strictObject({ at: duration, duration: positiveDuration });
/** Outages at set times; a mapping here is most likely random failures written under the wrong name. */
export const outages = z.array(outage, { error: (issue) => (issue.input !== undefined && !Array.isArray(issue.input) ? 'expected a list of { at, duration } (random failures are written failures: { mtbf, mttr })' : undefined) });

export const crossTraffic = z.strictObject({
  load: z.number().min(0).lt(1),
  sources: z.number().int().positive().max(10_000, 'at most 10,000 cross-traffic sources on a link').optional(),
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
  mtu: mtu.optional(),
  duplex: z.boolean().optional(),
  queue: queue.optional(),
  policer: z.strictObject({ rate: bandwidth, burst: size }).optional(),
  loss: lossSchema.optional(),
  drop_packets: z.array(z.number().int().positive()).optional(),
  outages: outages.optional(),
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

export const tcp = z.strictObject({
  cc: z.enum(['newreno', 'cubic']).optional(),
  mss: size.optional(),
  timestamps: z.boolean().optional(),
  initial_window: z.number().int().positive().optional(),
  min_rto: positiveDuration.optional(),
  delayed_ack: z.boolean().optional(),
  receive_window: size.optional(),
  sack: z.boolean().optional(),
  recovery: z.enum(['prr', 'rfc6675']).optional(),
  handshake: z.boolean().optional(),
  hystart: z.boolean().optional(),
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

/** The generic network scenario: nodes, links, prefixes and flows (the planner's schema extends it). */
export const networkScenarioFields = {
  name,
  description: z.string().optional(),
  duration: positiveDuration,
  warmup: duration.optional(),
  seed: z.number().int().nonnegative().optional(),
  replications: z.number().int().positive().max(100_000, 'at most 100,000 replications').optional(),
  parallel: z
    .strictObject({
      partitions: z.union([z.literal('auto'), z.number().int().min(1).max(64, 'at most 64 partitions')]).optional(),
      lookahead: positiveDuration.optional(),
    })
    .optional(),
  routing: failoverSchema.optional(),
  prefixes: z.array(z.strictObject({ node: name, prefix, preference: z.number().int().optional() })).optional(),
  nodes: z.array(name).optional(),
  links: z.array(link).optional(),
  flows: z.array(flow).optional(),
  variants: z.record(name, z.record(z.string(), z.unknown())).optional(),
};
export const networkScenarioSchema = z.strictObject(networkScenarioFields);

export type ParsedNetworkScenario = z.output<typeof networkScenarioSchema>;
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
export type ParsedTcp = z.output<typeof tcp>;
export type ParsedPacketSize = z.output<typeof packetSize>;
