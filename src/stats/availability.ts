import type { Simulator } from '../core/simulator.js';
import type { Nanos } from '../core/time.js';
import { NS_PER_S } from '../core/time.js';
import type { Network } from '../net/network.js';
import type { FlowRoute } from '../net/routing/flow-route.js';
import type { Row, RunIdentity } from './records.js';

/** Two places whose connectivity is tracked: a path must work both ways (packets and replies). */
export interface ReachabilityPair {
  name: string;
  from: string;
  to: string;
  forward: FlowRoute;
  back: FlowRoute;
}

interface PairState {
  working: boolean;
  since: Nanos;
  signature: string;
  downNs: number;
  outages: number;
  repairedOutages: number;
  repairNs: number;
  routeChanges: number;
}

/**
 * For each pair: the fraction of the measured time with a working path (the routes resolved from the
 * forwarding tables reach the destination both ways, over links that are up), the unavailable
 * time, the outages seen, their mean time to recover, and the route changes. It re-evaluates
 * whenever a link fails or recovers and whenever the tables change, so it needs no packets.
 */
export class AvailabilityTracker {
  private readonly states: PairState[];

  constructor(
    private readonly sim: Simulator,
    private readonly network: Network,
    readonly pairs: readonly ReachabilityPair[],
  ) {
    this.states = pairs.map(() => ({ working: true, since: 0, signature: '', downNs: 0, outages: 0, repairedOutages: 0, repairNs: 0, routeChanges: 0 }));
  }

  begin(): void {
    this.pairs.forEach((pair, i) => {
      const state = this.states[i]!;
      state.working = this.works(pair);
      state.signature = this.signature(pair);
      if (!state.working && this.sim.warmup === 0) state.outages++;
    });
    this.network.onLinkChange(() => this.evaluate());
    this.network.routing.onChange(() => this.evaluate());
  }

  /** Bring every pair up to date at the current time. */
  evaluate(): void {
    const now = this.sim.now;
    const warmup = this.sim.warmup;
    this.pairs.forEach((pair, i) => {
      const state = this.states[i]!;
      const signature = this.signature(pair);
      if (signature !== state.signature) {
        if (now >= warmup) state.routeChanges++;
        state.signature = signature;
      }
      const working = this.works(pair);
      if (working === state.working) return;
      if (working) {
        state.downNs += overlap(state.since, now, warmup);
        if (state.since >= warmup) {
          state.repairedOutages++;
          state.repairNs += now - state.since;
        }
      } else if (now >= warmup) {
        state.outages++;
      }
      state.working = working;
      state.since = now;
    });
  }

  rows(id: RunIdentity, end: Nanos): Row[] {
    const measured = end - this.sim.warmup;
    return this.pairs.map((pair, i) => {
      const s = this.states[i]!;
      const down = s.downNs + (s.working ? 0 : overlap(s.since, end, this.sim.warmup));
      return {
        replication: id.replication,
        seed: id.seed,
        pair: pair.name,
        from: pair.from,
        to: pair.to,
        measured_s: measured / NS_PER_S,
        availability: 1 - down / measured,
        unavailable_s: down / NS_PER_S,
        outages: s.outages,
        mttr_s: s.repairedOutages === 0 ? NaN : s.repairNs / s.repairedOutages / NS_PER_S,
        route_changes: s.routeChanges,
      };
    });
  }

  private works(pair: ReachabilityPair): boolean {
    for (const route of [pair.forward, pair.back]) {
      const { links, complete } = route.links();
      if (!complete) return false;
      for (const link of links) if (!link.up) return false;
    }
    return true;
  }

  private signature(pair: ReachabilityPair): string {
    return pair.forward.links().links.map((l) => l.name).join('>');
  }
}

/** Length of [from, to] inside [warmup, infinity). */
const overlap = (from: Nanos, to: Nanos, warmup: Nanos): number => Math.max(0, to - Math.max(from, warmup));

export const AVAILABILITY_COLUMNS = [
  'replication',
  'seed',
  'pair',
  'from',
  'to',
  'measured_s',
  'availability',
  'unavailable_s',
  'outages',
  'mttr_s',
  'route_changes',
] as const;
