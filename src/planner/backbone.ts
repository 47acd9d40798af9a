import type { Nanos } from '../core/time.js';
import { NS_PER_MS } from '../core/time.js';
import { BACKBONE_STRETCH, EDGE_TO_REGION_DELAY } from './assumptions.js';
import { REGIONS } from './azure/catalogue.js';
import { PUBLISHED_REGIONS, publishedRoundTripMs } from './azure/region-latency.js';
import { distanceKm, fibreDelay, nearest } from './geography.js';
import { NS_PER_KM } from './assumptions.js';
import type { Location, RegionSpec } from './scenario.js';

/** The catalogue regions Microsoft publishes latencies for, with their locations. */
const MEASURED = Object.values(REGIONS).filter((r) => PUBLISHED_REGIONS.has(r.display));

/**
 * One-way delay over Microsoft's backbone from a point of its network (an edge site, a peering
 * location) to a region. A region in the point's metro (a Local region of a peering location) is
 * distance x backbone stretch away. Any other is reached at the stretch Microsoft measures on the
 * corridor: from the point's home region (its first Local region, else the measured region nearest
 * it) to the target, the published one-way delay (half the round trip, azure-network-latency.md)
 * over the great-circle delay; the point's own distance to the target at that stretch. Sydney's
 * edge to West Europe is then the published Australia East - West Europe figure; Boston's, the
 * Canada East - East US corridor's stretch (2.4) over Boston's 860 km. Where the table lacks the
 * pair (a region of the scenario's own, or one it does not list) or the home is within
 * MIN_CORRIDOR_KM of the target, distance x backbone stretch. At least the edge-to-datacenter delay.
 */
export function backboneDelay(from: { location: Location; local: readonly string[] }, region: RegionSpec): Nanos {
  const km = distanceKm(from.location, region.location);
  let stretch = BACKBONE_STRETCH;
  if (!from.local.includes(region.name) && region.display !== undefined) {
    const local = from.local.map((name) => REGIONS[name]).find((r) => r !== undefined && PUBLISHED_REGIONS.has(r.display));
    const home = local ?? nearestMeasured(from.location);
    const corridorKm = distanceKm(home.location, region.location);
    const roundTrip = home.display === region.display ? undefined : publishedRoundTripMs(home.display, region.display);
    if (roundTrip !== undefined && corridorKm >= MIN_CORRIDOR_KM) stretch = Math.max(1, ((roundTrip / 2) * NS_PER_MS) / (corridorKm * NS_PER_KM));
  }
  return Math.max(EDGE_TO_REGION_DELAY, Math.round(km * NS_PER_KM * stretch));
}

/** A corridor shorter than this says more about datacenter hops than about the path: the backbone stretch applies. */
const MIN_CORRIDOR_KM = 300;

function nearestMeasured(from: Location): (typeof MEASURED)[number] {
  return nearest(MEASURED, from, (r) => r.location)!;
}

/** One-way delay over Microsoft's backbone between two points of its network (Global Reach between peering locations). */
export function backboneBetween(a: { location: Location; local: readonly string[] }, b: { location: Location; local: readonly string[] }): Nanos {
  const home = b.local.map((name) => REGIONS[name]).find((r) => r !== undefined && PUBLISHED_REGIONS.has(r.display)) ?? nearestMeasured(b.location);
  const homeRegion: RegionSpec = { name: '', continent: home.geo, location: home.location, display: home.display };
  return backboneDelay(a, homeRegion) + fibreDelay(home.location, b.location, BACKBONE_STRETCH);
}
