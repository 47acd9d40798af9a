import type { EventHandler } from '../core/event-list.js';
import type { Simulator } from '../core/simulator.js';
import type { Nanos } from '../core/time.js';
import { NS_PER_S } from '../core/time.js';
import type { Network } from '../net/network.js';
import type { Node } from '../net/node.js';
import { walk } from '../net/routing/flow-route.js';
import type { Row, RunIdentity } from './records.js';

/**
 * Two places whose connectivity is tracked: a path must work both ways, from `source` to the
 * destination address and back from wherever that address is served to `returnAddress`.
 */
export interface ReachabilityPair {
  name: string;
  from: string;
  to: string;
  source: Node;
  address: number;
  returnAddress: number;
  /** Where replies go when the way there is not a circuit (a site's NAT address). */
  returnInternetAddress?: number;
  id: number;
  /** Addresses the source must reach too for the pair to work (a service's dependencies). */
  needs: readonly number[];
}

type Route = ReturnType<typeof walk>;

interface PairState {
  working: boolean;
  since: Nanos;
  /** The links of the last complete route there (a route change is a move to another). */
  links: Route['links'];
  downNs: number;
  outages: number;
  repairedOutages: number;
  repairNs: number;
  routeChanges: number;
}

/**
 * For each pair: the fraction of the measured time with a working path (the routes resolved from the
 * forwarding tables reach the destination both ways, over links that are up), the unavailable
 * time, the outages seen, their mean time to recover, and the route changes (moves from one complete
 * route to another). It re-evaluates
 * whenever a link fails or recovers and whenever the tables change, so it needs no packets.
 */
export class AvailabilityTracker implements EventHandler {
  private readonly states: PairState[];
  private evaluationPending = false;
  /** Outages (after the warm-up) and route changes, in the order they happened. */
  private readonly events: { pair: number; event: 'outage' | 'route_change'; start: Nanos; end: Nanos }[] = [];

  constructor(
    private readonly sim: Simulator,
    private readonly network: Network,
    readonly pairs: readonly ReachabilityPair[],
  ) {
    this.states = pairs.map(() => ({ working: true, since: 0, links: [], downNs: 0, outages: 0, repairedOutages: 0, repairNs: 0, routeChanges: 0 }));
  }

  begin(): void {
    this.pairs.forEach((pair, i) => {
      const state = this.states[i]!;
      const there = walk(pair.source, pair.address, pair.id);
      state.working = this.works(pair, there);
      if (there.complete) state.links = there.links;
    });
    this.network.onLinkChange(() => this.evaluateSoon());
    this.network.routing.onChange(() => this.evaluateSoon());
  }

  /**
   * Evaluate once every change of this instant is done (both directions of a cable fail and
   * converge in separate steps at the same time; the pairs must not see the half-way state).
   */
  private evaluateSoon(): void {
    if (this.evaluationPending) return;
    this.evaluationPending = true;
    this.sim.at(this.sim.now, this, 0);
  }

  onEvent(): void {
    this.evaluationPending = false;
    this.evaluate();
  }

  /** Bring every pair up to date at the current time. */
  evaluate(): void {
    const now = this.sim.now;
    const warmup = this.sim.warmup;
    this.pairs.forEach((pair, i) => {
      const state = this.states[i]!;
      // one walk there per pair and change: the route it takes, and (with the way back) whether it works
      const there = walk(pair.source, pair.address, pair.id);
      if (there.complete && !sameLinks(there.links, state.links)) {
        if (now >= warmup) {
          state.routeChanges++;
          this.events.push({ pair: i, event: 'route_change', start: now, end: now });
        }
        state.links = there.links;
      }
      const working = this.works(pair, there);
      if (working === state.working) return;
      // An outage counts once it is over (or at the end), if it lasted and ended after the warm-up:
      // the half-way states of changes made at one instant are not outages.
      if (working && now > state.since && now > warmup) {
        state.downNs += overlap(state.since, now, warmup);
        state.outages++;
        this.events.push({ pair: i, event: 'outage', start: Math.max(state.since, warmup), end: now });
        if (state.since >= warmup) {
          state.repairedOutages++;
          state.repairNs += now - state.since;
        }
      }
      state.working = working;
      state.since = now;
    });
  }

  /** availability_events.csv: each outage (with its start and end; still going at the end: ends then) and each route change. */
  eventRows(id: RunIdentity, end: Nanos): Row[] {
    const events = [...this.events];
    this.states.forEach((state, i) => {
      if (!state.working && end > Math.max(state.since, this.sim.warmup)) {
        events.push({ pair: i, event: 'outage', start: Math.max(state.since, this.sim.warmup), end });
      }
    });
    return events.map((e) => ({
      variant: id.variant,
      replication: id.replication,
      seed: id.seed,
      pair: this.pairs[e.pair]!.name,
      event: e.event,
      start_s: e.start / NS_PER_S,
      end_s: e.end / NS_PER_S,
    }));
  }

  rows(id: RunIdentity, end: Nanos): Row[] {
    const measured = end - this.sim.warmup;
    return this.pairs.map((pair, i) => {
      const s = this.states[i]!;
      const ongoing = s.working ? 0 : overlap(s.since, end, this.sim.warmup);
      const down = s.downNs + ongoing;
      return {
        variant: id.variant,
        replication: id.replication,
        seed: id.seed,
        pair: pair.name,
        from: pair.from,
        to: pair.to,
        measured_s: measured / NS_PER_S,
        availability: 1 - down / measured,
        unavailable_s: down / NS_PER_S,
        outages: s.outages + (ongoing > 0 ? 1 : 0),
        mttr_s: s.repairedOutages === 0 ? NaN : s.repairNs / s.repairedOutages / NS_PER_S,
        route_changes: s.routeChanges,
      };
    });
  }

  /** The pair works: its route `there` (to its address) and the routes to what it needs go and come back. */
  private works(pair: ReachabilityPair, there: Route): boolean {
    return this.reaches(pair, there) && pair.needs.every((address) => this.reaches(pair, walk(pair.source, address, pair.id)));
  }

  /** A route from the pair's source reaches its end over links that are up, and the replies come back. */
  private reaches(pair: ReachabilityPair, there: Route): boolean {
    if (!there.complete || there.links.some((l) => !l.up)) return false;
    const viaCircuit = this.network.routing.policy.reachesPrivately(there.links);
    const back = walk(there.end, viaCircuit ? pair.returnAddress : (pair.returnInternetAddress ?? pair.returnAddress), pair.id);
    return back.complete && back.links.every((l) => l.up);
  }

}

const sameLinks = (a: Route['links'], b: Route['links']): boolean => a.length === b.length && a.every((l, k) => l === b[k]);

/** Length of [from, to] inside [warmup, infinity). */
const overlap = (from: Nanos, to: Nanos, warmup: Nanos): number => Math.max(0, to - Math.max(from, warmup));

export const AVAILABILITY_COLUMNS = [
  'variant',
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

export const AVAILABILITY_EVENT_COLUMNS = ['variant', 'replication', 'seed', 'pair', 'event', 'start_s', 'end_s'];
