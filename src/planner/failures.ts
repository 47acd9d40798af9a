import type { Nanos } from '../core/time.js';
import { NS_PER_S } from '../core/time.js';
import type { Scenario } from './scenario.js';

/** One single failure of a design, as the fields a scenario variant would set to cause it. */
export interface SingleFailure {
  /** A variant name: letters, digits and _ . : - only. */
  name: string;
  kind: 'connection' | 'circuit' | 'internet-access' | 'peering-location';
  /** Fields to merge into the variant under test (mappings key by key, lists replaced). */
  patch: Record<string, unknown>;
}

/**
 * Every single failure of a design, each lasting the whole run: each circuit's primary and
 * secondary connection, each circuit, each site's (and remote group's) Internet access, and each
 * peering location that has circuits (all of them down together). The same failure processes as
 * a scheduled outage from 0 s: routing notices it after its detection delay (BFD for a circuit,
 * the BGP hold time for the Internet), so a warm-up longer than that measures the failed state.
 */
export function singleFailures(scenario: Scenario): SingleFailure[] {
  const whole = seconds(scenario.duration + NS_PER_S);
  const outage = (connection?: 'primary' | 'secondary' | 'both') => [{ at: '0s', duration: whole, ...(connection === undefined ? {} : { connection }) }];
  const failures: SingleFailure[] = [];
  const { circuits, sites } = scenario.planner;
  for (const c of circuits) {
    for (const connection of ['primary', 'secondary'] as const) {
      failures.push({ name: `${c.name}.${connection}:down`, kind: 'connection', patch: { circuits: { [c.name]: { outages: outage(connection) } } } });
    }
    failures.push({ name: `${c.name}:down`, kind: 'circuit', patch: { circuits: { [c.name]: { outages: outage('both') } } } });
  }
  for (const s of sites) {
    const section = s.kind === 'site' ? 'sites' : 'remote_users';
    failures.push({ name: `${s.name}.internet:down`, kind: 'internet-access', patch: { [section]: { [s.name]: { internet: { outages: outage() } } } } });
  }
  const locations = [...new Set(circuits.map((c) => c.peeringLocation))];
  for (const location of locations) {
    const here = circuits.filter((c) => c.peeringLocation === location);
    if (here.length < 2) continue; // the same as that circuit's failure
    const patch = { circuits: Object.fromEntries(here.map((c) => [c.name, { outages: outage('both') }])) };
    failures.push({ name: `peering.${location}:down`, kind: 'peering-location', patch });
  }
  return failures;
}

const seconds = (ns: Nanos): string => `${Math.ceil(ns / NS_PER_S)}s`;
