import { compile, type CompiledRun, type RunOptions } from '../compile/compile.js';
import { IssueList } from '../scenario/errors.js';
import type { NetworkScenario } from '../scenario/scenario.js';
import { expandPlanner } from './internet.js';
import { AzurePathPolicy } from './path-policy.js';
import type { Scenario } from './scenario.js';

/**
 * A planner's scenario as a ready-to-run simulation: its sites, regions, services, circuits and
 * VPNs expanded into generic nodes, links, prefixes and flows, compiled with the planner's path
 * policy. Issues as for `compile`.
 */
export function buildRun(scenario: Scenario, options: RunOptions, issues = new IssueList()): CompiledRun {
  const { network, policy } = plannerNetwork(scenario);
  return compile(network, options, issues, policy);
}

/** The generic network a planner's scenario becomes, and the path policy of its links and flows. */
export function plannerNetwork(scenario: Scenario): { network: NetworkScenario; policy: AzurePathPolicy } {
  const x = expandPlanner(scenario);
  const network: NetworkScenario =
    x.nodes.length === 0
      ? scenario
      : {
          ...scenario,
          nodes: [...scenario.nodes, ...x.nodes],
          links: [...scenario.links, ...x.links],
          flows: [...scenario.flows, ...x.flows],
          prefixes: [...scenario.prefixes, ...x.prefixes],
          reachability: [...scenario.reachability, ...x.reachability],
          failureGroups: [...scenario.failureGroups, ...x.failureGroups],
        };
  return { network, policy: new AzurePathPolicy(x.links, x.flows) };
}
