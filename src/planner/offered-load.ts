import { NS_PER_S } from '../core/time.js';
import type { AppFlowSpec } from '../scenario/scenario.js';
import type { LoadedScenario } from './load.js';
import type { Scenario } from './scenario.js';

/**
 * Bits per second an application's users offer at their mean rates, each direction ("up": from the
 * site to the service): calls carry their packets both ways for as many calls as are in progress
 * on average (users x calls per hour x mean duration, Little's law); web transactions their
 * requests up and responses down; transfers their size in their direction. Headers of TCP segments
 * and ACKs are left out: a lower bound of what the links carry.
 */
export function offeredLoad(flow: AppFlowSpec): { upBps: number; downBps: number } {
  const m = flow.model;
  if (m.kind === 'call') {
    const inProgress = (flow.users * m.callsPerHour * (m.duration.mean / NS_PER_S)) / 3600;
    const each = (8 * m.packetBytes * NS_PER_S) / m.packetInterval;
    return { upBps: inProgress * each, downBps: inProgress * each };
  }
  if (m.kind === 'web') {
    const perSecond = (flow.users * m.requestsPerMinute) / 60;
    return { upBps: 8 * perSecond * m.request.mean, downBps: 8 * perSecond * m.response.mean };
  }
  const bps = (8 * flow.users * m.transfersPerHour * m.size.mean) / 3600;
  return m.direction === 'up' ? { upBps: bps, downBps: 0 } : { upBps: 0, downBps: bps };
}

/**
 * Advice before a run (not errors): an office whose applications offer more, on average, than all
 * its ways out carry together (its Internet access, its circuits and its port on the WAN, as if
 * every byte could take any of them) is overloaded whatever the routes: its queues fill, calls and
 * transactions suffer, and a long run is spent measuring a link that was never going to fit.
 */
export function overloadWarnings(loaded: LoadedScenario): string[] {
  const warnings: string[] = [];
  const said = new Set<string>();
  for (const scenario of loaded.variants) {
    for (const text of overloadsOf(scenario)) {
      if (said.has(text)) continue;
      said.add(text);
      warnings.push(`${loaded.file}: ${text}${loaded.variants.length > 1 ? ` (variant '${scenario.variant}')` : ''}`);
    }
  }
  return warnings;
}

function overloadsOf(scenario: Scenario): string[] {
  const { sites, circuits, wan, traffic } = scenario.planner;
  const out: string[] = [];
  for (const site of sites) {
    if (site.kind !== 'site') continue;
    let up = 0;
    let down = 0;
    for (const flow of traffic) {
      if (flow.protocol !== 'app' || flow.site !== site.name) continue;
      const load = offeredLoad(flow);
      up += load.upBps;
      down += load.downBps;
    }
    const shared = circuits.filter((c) => c.site === site.name).reduce((sum, c) => sum + c.bandwidthBps, 0) + (wan?.sites.includes(site.name) ? wan.bandwidthBps : 0);
    const upCapacity = site.internet.upBps + shared;
    const downCapacity = site.internet.downBps + shared;
    if (up <= upCapacity && down <= downCapacity) continue;
    const [direction, offered, capacity] = down / downCapacity >= up / upCapacity ? ['down', down, downCapacity] : ['up', up, upCapacity];
    out.push(
      `sites.${site.name}: its applications offer about ${rate(offered)} ${direction} on average, more than its Internet access, circuits and WAN port carry together (${rate(capacity)}): expect full queues, failed calls and slow transactions; give it fewer users or lower rates, or more capacity`,
    );
  }
  return out;
}

const rate = (bps: number): string => (bps >= 1e9 ? `${(bps / 1e9).toPrecision(3)} Gbps` : `${(bps / 1e6).toPrecision(3)} Mbps`);
