import { z } from 'zod';
import {
  bandwidth,
  crossTraffic,
  dscp,
  duration,
  failures,
  flow,
  lossSchema,
  name,
  networkScenarioFields,
  outages,
  period,
  positiveDuration,
  prefix,
  queue,
  mtu,
  size,
  sizeDistribution,
  tcp,
} from '../scenario/schema.js';
import { ER_GATEWAY_SKUS, ER_SCALE_UNITS_MAX, VPN_GATEWAY_SKUS } from './azure/facts.js';
import { GEOPOLITICAL_REGIONS } from './azure/catalogue.js';

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

/** A geopolitical region (the Standard SKU's reach); 'africa' and 'middle-east' are accepted as they were before the catalogue. */
const continent = z.enum([...GEOPOLITICAL_REGIONS, 'africa', 'middle-east']);
/** Where a place is: [latitude, longitude], or the name of a peering location, edge site or region of the catalogue. */
const place = z.union([location, name]);

const internetAccess = z.strictObject({
  bandwidth: z.union([bandwidth, z.strictObject({ down: bandwidth, up: bandwidth })]),
  delay: duration.optional(),
  mtu: mtu.optional(),
  queue: queue.optional(),
  loss: lossSchema.optional(),
  failures: failures.optional(),
  outages: outages.optional(),
  cross_traffic: crossTraffic.optional(),
});

const lan = z.strictObject({ bandwidth: bandwidth.optional(), delay: duration.optional(), loss: lossSchema.optional() });

/** Load by local hour, as a fraction of the busy hour (24 values, hour 0 first). */
const profile = z.array(z.number().positive().max(1)).length(24, 'a daily profile has 24 values, one per local hour from 0:00');

const site = z.strictObject({
  location: place,
  /** Hours from UTC (default: the longitude's, rounded: 15 degrees an hour). */
  utc_offset: z.number().min(-12).max(14).optional(),
  profile: profile.optional(),
  /** Users by persona (see personas:): each uses its persona's applications; users is their sum. */
  personas: z.record(name, z.number().int().nonnegative().max(10_000_000)).optional(),
  continent: continent.optional(),
  users: z.number().int().nonnegative().max(10_000_000, 'at most 10,000,000 users at a site').optional(),
  prefix: prefix.optional(),
  nat_prefix: prefix.optional(),
  lan: lan.optional(),
  security: z.strictObject({ delay: duration, throughput: bandwidth.optional() }).optional(),
  internet: internetAccess,
});

/** IPsec encapsulation: bytes added per packet and the largest inner packet. */
const tunnelFields = { overhead: size.optional(), mtu: mtu.optional() };

const remoteUsers = z.strictObject({
  location: place,
  continent: continent.optional(),
  users: z.number().int().nonnegative().max(10_000_000, 'at most 10,000,000 users at a site').optional(),
  prefix: prefix.optional(),
  internet: internetAccess,
  /** A remote access VPN into a site: intranet traffic (split) or everything (forced) goes through it. */
  vpn: z.strictObject({ site: name, tunnel: z.enum(['split', 'forced']).optional(), pool: prefix.optional(), ...tunnelFields }).optional(),
});

/** A site-to-site VPN: an IPsec tunnel over the Internet between a site's edge and a VNet's VPN gateway. */
const vpn = z.strictObject({
  site: name,
  vnet: name,
  gateway: z.union([z.enum(VPN_GATEWAY_SKUS), z.strictObject({ bandwidth })]).optional(),
  ...tunnelFields,
});

/** A region: a catalogue name needs nothing; its location and geopolitical region can be overridden; another name needs both. */
const region = z.strictObject({ continent: continent.optional(), location: location.optional() });

const service = z.strictObject({
  /** A region, or a list: one instance in each, every site using the one in the nearest region (Microsoft 365's front doors). */
  region: z.union([name, z.array(name).min(1)]),
  prefix: prefix.optional(),
  kind: z.enum(['saas', 'paas', 'vnet', 'internet']).optional(),
  description: z.string().optional(),
  expressroute: z.boolean().optional(),
  /** Which suite a SaaS service belongs to: Microsoft 365 needs Premium; Dynamics 365 only outside the geopolitical region. */
  product: z.enum(['microsoft-365', 'dynamics-365']).optional(),
  /** How Internet traffic reaches it: Microsoft's network from the edge nearest the user (default), or the Internet up to the region (hot potato). */
  routing_preference: z.enum(['microsoft', 'internet']).optional(),
  gateway: z.union([z.enum([...ER_GATEWAY_SKUS, 'FastPath']), z.strictObject({ scale_units: z.number().int().min(1).max(ER_SCALE_UNITS_MAX) })]).optional(),
  fastpath: z.boolean().optional(),
});

const peeringLocation = z.strictObject({ continent: continent.optional(), location: location.optional(), local_regions: z.array(name).optional() });

const circuit = z.strictObject({
  site: name.optional(),
  peering_location: name,
  bandwidth,
  sku: z.enum(['local', 'standard', 'premium']).optional(),
  direct: z.boolean().optional(),
  /** ExpressRoute Direct: the port pair's bandwidth (10Gbps or 100Gbps; default the smallest that offers the circuit's size). */
  port: bandwidth.optional(),
  /** ExpressRoute Direct: Microsoft rate-limits the circuit (off unless enabled). */
  rate_limit: z.boolean().optional(),
  /** Metered (egress billed per GB; the default) or unlimited data. */
  data_plan: z.enum(['metered', 'unlimited']).optional(),
  /** How long a burst at line rate the policer's bucket holds (default 1ms: "milliseconds", provider-rate-limit.md). */
  policer_burst: positiveDuration.optional(),
  peerings: z.array(z.enum(['microsoft', 'private'])).min(1).optional(),
  connectivity: z.enum(['colocated', 'point-to-point', 'ipvpn']).optional(),
  access_delay: duration.optional(),
  shaping: z.boolean().optional(),
  /** BGP: the local preference the site gives the routes this circuit brings (higher wins; default 100). */
  local_preference: z.number().int().min(0).max(1000).optional(),
  /** BGP: how many times the site prepends its AS to the routes it advertises over this circuit (Microsoft prefers shorter paths). */
  as_path_prepend: z.number().int().min(0).max(10).optional(),
  qos: z.boolean().optional(),
  bfd: z.boolean().optional(),
  convergence: duration.optional(),
  failures: failures.optional(),
  circuit_failures: failures.optional(),
  forced_tunneling: z.boolean().optional(),
  /** Global Reach: the other circuits this one is linked with over Microsoft's backbone (their sites reach each other). */
  global_reach: z.array(name).optional(),
  /** Prefixes the site advertises over each peering (BGP sessions drop beyond Microsoft's limits). */
  advertised_routes: z.strictObject({ private: z.number().int().min(0).optional(), microsoft: z.number().int().min(0).optional() }).optional(),
  loss: lossSchema.optional(),
  cross_traffic: crossTraffic.optional(),
  wan_optimizer: z.strictObject({ ratio: z.number().min(1) }).optional(),
  outages: z.array(z.strictObject({ at: duration, duration: positiveDuration, connection: z.enum(['primary', 'secondary', 'both']).optional() })).optional(),
});

const wan = z.strictObject({
  kind: z.literal('ipvpn'),
  sites: z.array(name).min(1),
  bandwidth: bandwidth.optional(),
  stretch: z.number().min(1).optional(),
  /** The provider's classes of service (EF strict, then weighted) instead of one FIFO. */
  qos: z.boolean().optional(),
  loss: lossSchema.optional(),
  cross_traffic: crossTraffic.optional(),
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

/** A planner's scenario: the generic network scenario and the planner's sections. */
export const scenarioSchema = z.strictObject({
  ...networkScenarioFields,
  regions: z.union([z.array(name), z.record(name, region)]).optional(),
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
  /** The instant of the day the applications' load is taken at (HH:MMZ, in UTC), or the network's busiest hour; default: every site at its own busy hour. */
  at: z.union([z.literal('busy-hour'), z.string().regex(/^([01]\d|2[0-3]):[0-5]\dZ$/, 'expected a time of day in UTC like 14:00Z, or busy-hour')]).optional(),
  /** The daily profile of every site without its own (default: office hours). */
  profile: profile.optional(),
  /** Kinds of user (office worker, heavy video, ...): how much of each application one of them uses (1: the rates of apps:). */
  personas: z.record(name, z.record(name, z.number().nonnegative().max(1000))).optional(),
  prices: z
    .strictObject({
      circuit: z.record(z.string(), z.number().nonnegative()).optional(),
      circuit_unlimited: z.record(z.string(), z.number().nonnegative()).optional(),
      premium: z.record(z.string(), z.number().nonnegative()).optional(),
      internet_per_mbps: z.number().nonnegative().optional(),
      internet: z.record(z.string(), z.number().nonnegative()).optional(),
      egress_per_gb: z
        .union([z.number().nonnegative(), z.strictObject({ zone1: z.number().nonnegative().optional(), zone2: z.number().nonnegative().optional(), zone3: z.number().nonnegative().optional(), zone4: z.number().nonnegative().optional() })])
        .optional(),
      er_gateway: z.record(z.string(), z.number().nonnegative()).optional(),
      vpn_gateway: z.record(z.string(), z.number().nonnegative()).optional(),
      direct_port: z.record(z.string(), z.number().nonnegative()).optional(),
      provider_port: z.record(z.string(), z.number().nonnegative()).optional(),
      global_reach_per_gb: z.number().nonnegative().optional(),
      hours_per_month: z.number().positive().max(744).optional(),
    })
    .optional(),
});

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type ParsedScenario = z.output<typeof scenarioSchema>;
export type ParsedApplication = z.output<typeof application>;
export type ParsedInternetAccess = z.output<typeof internetAccess>;
export type ParsedInternetCore = z.output<typeof internetCore>;
export type ParsedCircuit = z.output<typeof circuit>;
