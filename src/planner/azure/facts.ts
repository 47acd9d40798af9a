import { DSCP } from '../../core/dscp.js';
import { NS_PER_MS } from '../../core/time.js';
import type { TeamsTargets } from '../../stats/teams-targets.js';

/**
 * Microsoft's published figures the planner builds on, each with its source (Microsoft Learn, the
 * MicrosoftDocs/azure-docs articles named; docs/models.md lists them with their effect on the
 * comparison). Figures the planner assumes without a source are in ../assumptions.ts.
 */

const HOUR = 3600e9;

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
 * (expressroute-about-virtual-network-gateways.md, "Estimated performances by gateway SKU"; the
 * older Standard, HighPerformance and UltraPerformance SKUs perform as ErGw1Az, ErGw2Az and
 * ErGw3Az). ErGwScale (scalable-gateway.md): 1 to 40 scale units of 1 Gbps each (40 Gbps at 40);
 * its packet rate per unit is taken as ErGw1Az's per Gbps (an assumption).
 */
export const ER_GATEWAYS = {
  ErGw1Az: { bps: 1e9, pps: 100_000 },
  ErGw2Az: { bps: 2e9, pps: 200_000 },
  ErGw3Az: { bps: 10e9, pps: 1_000_000 },
  Standard: { bps: 1e9, pps: 100_000 },
  HighPerformance: { bps: 2e9, pps: 200_000 },
  UltraPerformance: { bps: 10e9, pps: 1_000_000 },
} as const;
export const ER_GATEWAY_SKUS = ['ErGw1Az', 'ErGw2Az', 'ErGw3Az', 'Standard', 'HighPerformance', 'UltraPerformance'] as const;
export const ER_SCALE_UNIT = { bps: 1e9, pps: 100_000 } as const;
export const ER_SCALE_UNITS_MAX = 40;
/**
 * FastPath (the data path bypasses the gateway) needs ErGw3Az or UltraPerformance, or ErGwScale
 * with at least 10 scale units (expressroute-about-virtual-network-gateways.md, "Feature support
 * by gateway SKU"; about-fastpath.md).
 */
export const FASTPATH_SKUS: ReadonlySet<string> = new Set(['ErGw3Az', 'UltraPerformance']);
export const FASTPATH_MIN_SCALE_UNITS = 10;
/** The MTU of the ExpressRoute path, through the gateway included (expressroute-faqs.md: 1400 B). */
export const ER_GATEWAY_MTU = 1400;

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
 * (expressroute-erdirect-about.md). A Direct port pair may carry circuits adding up to twice its
 * bandwidth (expressroute-erdirect-about.md: "oversubscription" of 2x, 20 Gbps on a 10 Gbps pair).
 */
export const PROVIDER_CIRCUIT_SIZES = ['50Mbps', '100Mbps', '200Mbps', '500Mbps', '1Gbps', '2Gbps', '5Gbps', '10Gbps'] as const;
export const DIRECT_CIRCUIT_SIZES = ['1Gbps', '2Gbps', '5Gbps', '10Gbps', '40Gbps', '100Gbps'] as const;
export const PROVIDER_CIRCUIT_BPS: readonly number[] = [50e6, 100e6, 200e6, 500e6, 1e9, 2e9, 5e9, 10e9];
export const DIRECT_PORTS: ReadonlyMap<number, readonly number[]> = new Map([
  [10e9, [1e9, 2e9, 5e9, 10e9]],
  [100e9, [5e9, 10e9, 40e9, 100e9]],
]);
export const DIRECT_OVERSUBSCRIPTION = 2;

export { HOUR };

/**
 * Limits that change outcomes (expressroute-faqs.md, expressroute-routing.md): prefixes a customer
 * may advertise on private peering (4,000; 10,000 with Premium) and on Microsoft peering (200),
 * beyond which the BGP session drops; circuits a gateway connects (4, 8, 16 by SKU) and circuits of
 * one peering location per VNet (4) (expressroute-about-virtual-network-gateways.md).
 */
export const PRIVATE_PEERING_ROUTES = { standard: 4000, premium: 10000 } as const;
export const MICROSOFT_PEERING_ROUTES = 200;
export const GATEWAY_CONNECTIONS: Readonly<Record<string, number>> = { ErGw1Az: 4, Standard: 4, ErGw2Az: 8, HighPerformance: 8, ErGw3Az: 16, UltraPerformance: 16 };
export const CIRCUITS_PER_LOCATION_PER_VNET = 4;
