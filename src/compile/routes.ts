import type { Link } from '../net/link.js';
import type { Network } from '../net/network.js';
import { shortestPath } from '../net/routing/shortest-path.js';
import { IssueList } from '../scenario/errors.js';
import type { FlowSpec } from '../scenario/scenario.js';

/** The links a flow crosses: its pinned path, or the lowest-delay path. Reports what is wrong. */
export function resolveRoute(network: Network, flow: FlowSpec, issues: IssueList): Link[] | undefined {
  if (flow.path === undefined) {
    const route = shortestPath(network.nodes, network.node(flow.from), network.node(flow.to));
    if (route === undefined) issues.add([...flow.origin, 'to'], `no route from '${flow.from}' to '${flow.to}'`);
    return route;
  }
  const route: Link[] = [];
  for (let k = 1; k < flow.path.length; k++) {
    const from = network.node(flow.path[k - 1]!);
    const link = from.out.find((l) => l.to.name === flow.path![k]);
    if (link === undefined) {
      issues.add([...flow.origin, 'path', k], `no link from '${flow.path[k - 1]}' to '${flow.path[k]}'`);
      return undefined;
    }
    route.push(link);
  }
  return route;
}

/** The path back from a flow's destination (for ACKs and responses): the pinned path reversed, or the lowest-delay one. */
export function resolveReverseRoute(network: Network, flow: FlowSpec, issues: IssueList): Link[] | undefined {
  const reversed = { ...flow, from: flow.to, to: flow.from, path: flow.path && [...flow.path].reverse() };
  const route = resolveRoute(network, reversed, new IssueList());
  if (route === undefined) issues.add([...flow.origin, 'to'], `no route back from '${flow.to}' to '${flow.from}' for ACKs`);
  return route;
}

export const pathMtu = (route: readonly Link[]): number => Math.min(...route.map((l) => l.mtu));
