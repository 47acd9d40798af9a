import { DSCP } from '../../core/dscp.js';
import { NS_PER_MS } from '../../core/time.js';
import type { TeamsTargets } from '../../stats/teams-targets.js';

/**
 * Microsoft's published figures the planner builds on, each with its source (Microsoft Learn, the
 * MicrosoftDocs/azure-docs articles named; docs/models.md lists them with their effect on the
 * comparison). Figures the planner assumes without a source are in ../assumptions.ts.
 */

const HOUR = 3600e9;

/** Circuit sizes: provider circuits up to 10 Gbps, ExpressRoute Direct up to 100 Gbps (expressroute-faqs.md; expressroute-erdirect-about.md). */
export const MAX_PROVIDER_CIRCUIT_BPS = 10e9;
export const MAX_DIRECT_CIRCUIT_BPS = 100e9;

/** Circuit MTU: 1400 B through a provider, 1500 B on Direct ports (expressroute-faqs.md). */
export const PROVIDER_CIRCUIT_MTU = 1400;
export const DIRECT_CIRCUIT_MTU = 1500;

/**
 * Microsoft rate-limits each connection at the purchased bandwidth, on a millisecond scale
 * (provider-rate-limit.md): a policer whose bucket holds 1 ms at the purchased rate.
 */
export const POLICER_BURST_S = 0.001;

/**
 * Failure detection on a circuit's BGP sessions: BFD at 300 ms x 3 detects in about 0.9 s; without
 * it the BGP hold time, 180 s (keepalive 60 s) (expressroute-bfd.md).
 */
export const BFD_DETECTION_NS = 900_000_000;
export const BGP_HOLD_TIME_NS = 180e9;

/**
 * ExpressRoute gateway caps on private peering: bits and packets per second by SKU
 * (expressroute-about-virtual-network-gateways.md). FastPath bypasses the gateway for data.
 */
export const ER_GATEWAYS = {
  ErGw1Az: { bps: 1e9, pps: 100_000 },
  ErGw2Az: { bps: 2e9, pps: 200_000 },
  ErGw3Az: { bps: 10e9, pps: 1_000_000 },
} as const;
export const ER_GATEWAY_SKUS = ['ErGw1Az', 'ErGw2Az', 'ErGw3Az', 'FastPath'] as const;

/**
 * Aggregate throughput of Azure VPN gateways by SKU (vpn-gateway-about-vpngateways.md, "Gateway
 * SKUs": benchmark figures between VNets in one region, not guaranteed across the Internet).
 */
export const VPN_GATEWAY_BPS = { Basic: 100e6, VpnGw1: 650e6, VpnGw2: 1e9, VpnGw3: 1.25e9, VpnGw4: 5e9, VpnGw5: 10e9 } as const;
export const VPN_GATEWAY_SKUS = ['Basic', 'VpnGw1', 'VpnGw2', 'VpnGw3', 'VpnGw4', 'VpnGw5'] as const;

/**
 * IPsec tunnel mode with NAT traversal adds about 60 bytes per packet (outer IP 20, UDP 8, ESP
 * header 8, IV 16, padding, trailer and ICV: RFC 4303, RFC 3948); Azure recommends a tunnel MTU of
 * 1400 bytes (vpn-gateway-about-vpn-devices.md: TCP MSS clamped at 1350).
 */
export const TUNNEL_DEFAULTS = { overhead: 60, mtu: 1400 } as const;

/**
 * QoS on Microsoft peering (expressroute-qos.md): voice EF, video AF41, application sharing AF21,
 * file transfer AF11 and default CS0 keep their marking; any other marking is rewritten to 0. On
 * private peering the marking is reset to 0.
 */
export const KEPT_ON_MICROSOFT_PEERING: ReadonlySet<number> = new Set([DSCP.EF, DSCP.AF41, DSCP.AF21, DSCP.AF11, DSCP.CS0]);

/**
 * Circuit availability: the SLA is 99.95% (Microsoft's SLA for ExpressRoute). How often and how
 * long connections and circuits fail is not published: the defaults below are calibrated to the
 * SLA (see ../assumptions.ts, DEFAULT_CONNECTION_FAILURES).
 */
export const CIRCUIT_SLA = 0.9995;

/**
 * Teams media per stream (prepare-network.md, "Bandwidth requirements"; DSCP by the Teams QoS
 * guidance, qos-in-teams.md): audio 30 kbps at 20 ms packets marked EF, video 1.2 Mbps (720p) AF41,
 * screen sharing AF21.
 */
export const TEAMS_MEDIA = {
  audio: { bitrateBps: 30e3, dscp: DSCP.EF, packetInterval: 20 * NS_PER_MS, packetBytes: undefined },
  video: { bitrateBps: 1.2e6, dscp: DSCP.AF41, packetInterval: undefined, packetBytes: 1200 },
  sharing: { bitrateBps: 100e3, dscp: DSCP.AF21, packetInterval: undefined, packetBytes: 1200 },
} as const;

/** The geopolitical regions (continents) that bound the Standard SKU's reach (expressroute-locations.md). */
export const GEOPOLITICAL_REGIONS = ['north-america', 'south-america', 'europe', 'asia', 'oceania', 'africa', 'middle-east'] as const;

/**
 * Teams network targets (Microsoft Teams, "Prepare your organization's network for Teams": network
 * performance requirements), client to Microsoft edge and customer edge to Microsoft edge.
 */
export const TEAMS_TARGETS: Record<'teams-client' | 'teams-edge', TeamsTargets> = {
  /** From the client to the Microsoft edge. */
  'teams-client': { oneWayMs: 50, roundTripMs: 100, burstLoss: 0.1, loss: 0.01, jitterMs: 30, reordering: 0.0005 },
  /** From the customer edge to the Microsoft edge. */
  'teams-edge': { oneWayMs: 30, roundTripMs: 60, burstLoss: 0.01, loss: 0.001, jitterMs: 15, reordering: 0.0001 },
};

/**
 * Circuit sizes: provider circuits of 50 Mbps to 10 Gbps (expressroute-faqs.md); ExpressRoute
 * Direct circuits of 1 to 10 Gbps on 10 Gbps ports and 5 to 100 Gbps on 100 Gbps ports
 * (expressroute-erdirect-about.md).
 */
export const PROVIDER_CIRCUIT_SIZES = ['50Mbps', '100Mbps', '200Mbps', '500Mbps', '1Gbps', '2Gbps', '5Gbps', '10Gbps'] as const;
export const DIRECT_CIRCUIT_SIZES = ['1Gbps', '2Gbps', '5Gbps', '10Gbps', '40Gbps', '100Gbps'] as const;

export { HOUR };
