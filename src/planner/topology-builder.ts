import type { FieldPath } from '../scenario/errors.js';
import type { PrefixSpec, QueueSpec, ReachabilitySpec, FailureGroupSpec } from '../scenario/scenario.js';
import type { PlannerFlowSpec, PlannerLinkSpec as LinkSpec } from './scenario.js';

/** The generic pieces the planner's layer becomes. */
export interface ExpandedTopology {
  nodes: string[];
  links: LinkSpec[];
  prefixes: PrefixSpec[];
  reachability: ReachabilitySpec[];
  flows: PlannerFlowSpec[];
  failureGroups: FailureGroupSpec[];
}

/** Everything of a link but its ends, name and cable. */
export type LinkBody = Omit<LinkSpec, 'name' | 'from' | 'to' | 'group'>;

export const FAST_QUEUE: QueueSpec = {
  kind: 'droptail',
  limitPackets: 10_000,
  limitBytes: Infinity,
  classes: [{ name: 'default', dscp: 'default', limitPackets: 10_000, limitBytes: Infinity, weight: 1 }],
};

/** Collects nodes, cables (a link each way, failing together) and routes for the planner's layer. */
export class TopologyBuilder {
  readonly out: ExpandedTopology = { nodes: [], links: [], prefixes: [], reachability: [], flows: [], failureGroups: [] };
  private group: number;

  constructor(firstGroup: number) {
    this.group = firstGroup;
  }

  node(...names: string[]): void {
    for (const name of names) this.out.nodes.push(name);
  }

  /** Two links, `from -> to` and back, on one cable; `forward`/`reverse` override the shared body. */
  cable(from: string, to: string, body: LinkBody, forward: Partial<LinkBody> = {}, reverse: Partial<LinkBody> = {}): [LinkSpec, LinkSpec] {
    const group = this.group++;
    const there: LinkSpec = { ...body, ...forward, name: `${from}->${to}`, from, to, group };
    const back: LinkSpec = { ...body, ...reverse, name: `${to}->${from}`, from: to, to: from, group };
    this.out.links.push(there, back);
    return [there, back];
  }

  advertise(node: string, prefix: PrefixSpec['prefix'], scope: string, preference = 0, discard = false): void {
    this.out.prefixes.push({ node, prefix, scope, preference, discard });
  }
}

/** A lossless, unqueued-in-practice link inside a network (LAN, Microsoft's backbone). */
export function plainBody(bandwidthBps: number, delay: number, origin: FieldPath, mtu = 9000): LinkBody {
  return { bandwidthBps, delay, mtu, queue: FAST_QUEUE, loss: { kind: 'none' }, outages: [], origin };
}

/** Route scopes: which links carry which routes (see RouteFilter). */
export const Scope = {
  /** An ISP's default route, offered to its customer only. */
  default: 'default',
  /** Public prefixes of Microsoft's services, on the Internet. */
  public: 'public',
  /** VNet private prefixes: private peering only, never on the Internet. */
  vnet: 'vnet',
  /** A site's prefix as its ISP announces it to the Internet. */
  internetCustomer: 'internet-customer',
  /** A site's private prefix as the site announces it (its LAN, its WAN, its circuits). */
  customer: (site: string) => `customer:${site}`,
  /** A site's public NAT pool (or a remote group's addresses), announced to its ISP. */
  nat: (site: string) => `nat:${site}`,
} as const;

export const scopes = (...names: string[]) => ({ scopes: new Set(names) });
/** The same, from a list whose length comes from the scenario (no spread into a call). */
export const scopesOf = (names: readonly string[]) => ({ scopes: new Set(names) });
