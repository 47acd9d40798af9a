import type { QueueClassSpec, QueueSpec } from '../scenario/scenario.js';
import { DEFAULTS } from '../scenario/scenario.js';
import { STANDARD_CLASSES } from '../core/dscp.js';
import { NS_PER_S } from '../core/time.js';
import { HOUR } from './azure/facts.js';

/**
 * The planner's defaults that no published figure gives: working assumptions a scenario can
 * override. docs/models.md says how each can tilt the comparison. Azure's published figures are in
 * ./azure/facts.ts.
 */

/** Light in fibre: about 5 microseconds per kilometre, one way (refractive index about 1.5). */
export const NS_PER_KM = 5_000;

/** The public Internet's path length over the great circle (assumption; the Internet core's `stretch`). */
export const INTERNET_STRETCH = 1.5;
/** The Internet core between ISPs and the Microsoft edge: never the bottleneck unless a scenario says so. */
export const INTERNET_CORE_BPS = 100e9;
/** Internet routing: a failure is noticed after a BGP hold time and routed around after a minute (Labovitz et al., SIGCOMM 2000: minutes). */
export const INTERNET_DETECTION_NS = 180e9;
export const INTERNET_CONVERGENCE_NS = 60e9;

/** Microsoft's backbone is a little longer than the great circle. */
export const BACKBONE_STRETCH = 1.2;
/** Microsoft's backbone links and a datacenter's attachments: fast enough never to be the bottleneck. */
export const BACKBONE_BPS = 400e9;
/** Inside Microsoft's network: edge to datacenter, datacenter to a service's front end. */
export const EDGE_TO_REGION_DELAY = 500_000;
export const REGION_TO_SERVICE_DELAY = 100_000;
/** An MSEE to the peering location's backbone router. */
export const MSEE_TO_EDGE_DELAY = 50_000;

/** A provider's path to the peering location is a little longer than the great circle. */
export const PROVIDER_STRETCH = 1.2;
/** A circuit co-located at the peering location (or on an IP VPN), and a provider's hand-off. */
export const COLOCATED_DELAY = 100_000;
export const PROVIDER_HANDOFF_DELAY = 500_000;
/** The port a provider circuit's connection runs on (the provider's hand-off): 10 Gbps, or the circuit's rate above it. */
export const MIN_PORT_BPS = 10e9;
/**
 * A circuit connection's buffer, per queue class: 50 ms at the link's rate (an assumption: router
 * shaping buffers are commonly sized at tens of milliseconds; the old 10,000-packet queue held 1.7 s
 * on 50 Mbps). It bounds the delay a congested circuit adds and so the delay side of a verdict.
 */
export const CIRCUIT_BUFFER_S = 0.05;
/** Re-convergence behind the gateway after a circuit's routes are withdrawn (Microsoft: up to about a minute). */
export const ER_CONVERGENCE_NS = 15e9;

/**
 * Calibrated so that a circuit is available 99.95% of the time (its SLA): each connection fails
 * about monthly for 4 h (both at once: 3e-5 of the time), and the circuit as a whole every 90 days
 * for 1 h (4.6e-4). Override per circuit.
 */
export const DEFAULT_CONNECTION_FAILURES = {
  up: { kind: 'exponential' as const, mean: 30 * 24 * HOUR },
  down: { kind: 'exponential' as const, mean: 4 * HOUR },
};
export const DEFAULT_CIRCUIT_FAILURES = {
  up: { kind: 'exponential' as const, mean: 90 * 24 * HOUR },
  down: { kind: 'exponential' as const, mean: 1 * HOUR },
};

/** Microsoft-peering QoS queue weights: EF in strict priority, then video 4, sharing 3, bulk 2, default 1. */
export const MICROSOFT_PEERING_QOS: QueueSpec = {
  kind: 'qos',
  quantum: 1500,
  classes: STANDARD_CLASSES.map((c, k): QueueClassSpec => ({
    name: c.name,
    dscp: c.dscp === 'default' ? 'default' : [...c.dscp],
    limitPackets: DEFAULTS.queueLimitPackets,
    limitBytes: Infinity,
    weight: [1, 4, 3, 2, 1][k]!,
    ...(k === 0 ? { strict: true } : {}),
  })),
};

/** The provider's IP VPN between sites: its ports, its path length and the provider's edge routers' delay. */
export const WAN_BPS = 1e9;
export const WAN_STRETCH = 1.3;
export const WAN_EXTRA_DELAY = 1_000_000;
export const WAN_MTU = 1500;

/** A site's access link to its ISP, and its LAN. */
export const ACCESS_DELAY = 2_000_000;
export const LAN_BPS = 10e9;
export const LAN_DELAY = 100_000;

/** A VPN gateway's own delay. */
export const VPN_GATEWAY_DELAY = 100_000;

/**
 * BGP's choice among routes to one prefix, as a link cost the route computation adds to delay:
 * highest local preference first (set by the customer on the routes a circuit or tunnel brings in),
 * then the shortest AS path (each AS boundary crossed, plus a customer's prepends), then the lowest
 * delay (standing in for the IGP metric and the remaining tie-breaks: equal ones share the load).
 * The weights keep the order strict: 20 AS hops cost less than one point of local preference, and
 * an AS hop more than any path's delay. Local preference 100 is BGP's default (RFC 4271 leaves it
 * to the operator; 100 is the common default of router implementations). A site-to-site VPN's
 * routes get 50: Azure prefers ExpressRoute to a VPN for the same prefix (vpn-gateway and
 * expressroute-howto-coexist-resource-manager.md), and so does a customer edge set up that way
 * (an assumption for the on-premises side).
 */
export const BGP = {
  asHopWeight: 1e10,
  localPreferenceWeight: 2e11,
  maxLocalPreference: 1000,
  defaultLocalPreference: 100,
  vpnLocalPreference: 50,
} as const;
/** The route cost of crossing a link where routes arrive with `localPreference` after `asHops` AS boundaries. */
export const bgpMetric = (asHops: number, localPreference?: number): number =>
  asHops * BGP.asHopWeight + (localPreference === undefined ? 0 : (BGP.maxLocalPreference - localPreference) * BGP.localPreferenceWeight);

/** Mean call length and connection pool size when a scenario gives none. */
export const DEFAULT_CALL_DURATION = 10 * 60 * NS_PER_S;
export const DEFAULT_MAX_CONNECTIONS = 1000;

/**
 * Office hours: the applications' load by local hour as a fraction of the busy hour (hour 0
 * first). An assumption shaped like a working day (morning and afternoon peaks, a lunch dip, a
 * little at night); a scenario sets its own `profile`. It decides how much load the sites of other
 * time zones add at the instant a run takes (`at`).
 */
export const OFFICE_HOURS_PROFILE: readonly number[] = [
  0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.05, 0.3, 0.7, 1, 1, 0.9, 0.7, 0.9, 1, 1, 0.8, 0.4, 0.15, 0.05, 0.05, 0.02, 0.02, 0.02,
];

/** The Internet access sizes `size` tries (an assumption: the usual business offers). */
export const ACCESS_SIZES_BPS: readonly number[] = [50e6, 100e6, 200e6, 500e6, 1e9, 2e9, 5e9, 10e9];
