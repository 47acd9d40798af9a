import type { Nanos } from '../core/time.js';
import { NS_PER_MS } from '../core/time.js';
import { BACKBONE_STRETCH, EDGE_TO_REGION_DELAY } from './assumptions.js';
import { REGIONS } from './azure/catalogue.js';
import { PUBLISHED_REGIONS, publishedRoundTripMs } from './azure/region-latency.js';
import { distanceKm, fibreDelay } from './geography.js';
import type { Location, RegionSpec } from './scenario.js';

/** The catalogue regions Microsoft publishes latencies for, with their locations. */
const MEASURED = Object.values(REGIONS).filter((r) => PUBLISHED_REGIONS.has(r.display));

/**
 * One-way delay over Microsoft's backbone from a point of its network (an edge site, a peering
 * location) to a region. A region in the point's metro (a Local region of a peering location) is
 * distance x backbone stretch away. Any other: to the point's home region (its first Local region,
 * else the measured region nearest it) the same way, then half the published round trip from
 * there to the region (azure-network-latency.md). Where the table lacks the pair (a region of the
 * scenario's own, or one it does not list), distance x backbone stretch all the way. At least the
 * edge-to-datacenter delay.
 */
export function backboneDelay(from: { location: Location; local: readonly string[] }, region: RegionSpec): Nanos {
  const direct = fibreDelay(from.location, region.location, BACKBONE_STRETCH);
  if (from.local.includes(region.name)) return Math.max(EDGE_TO_REGION_DELAY, direct);
  const local = from.local.map((name) => REGIONS[name]).find((r) => r !== undefined && PUBLISHED_REGIONS.has(r.display));
  const home = local ?? nearestMeasured(from.location);
  const measured = region.display === undefined ? undefined : home.display === region.display ? 0 : publishedRoundTripMs(home.display, region.display);
  const delay = measured === undefined ? direct : fibreDelay(from.location, home.location, BACKBONE_STRETCH) + Math.round((measured / 2) * NS_PER_MS);
  return Math.max(EDGE_TO_REGION_DELAY, delay);
}

function nearestMeasured(from: Location): (typeof MEASURED)[number] {
  let best = MEASURED[0]!;
  let bestKm = Infinity;
  for (const r of MEASURED) {
    const km = distanceKm(from, r.location);
    if (km < bestKm) [best, bestKm] = [r, km];
  }
  return best;
}

/** One-way delay over Microsoft's backbone between two points of its network (Global Reach between peering locations). */
export function backboneBetween(a: { location: Location; local: readonly string[] }, b: { location: Location; local: readonly string[] }): Nanos {
  const home = b.local.map((name) => REGIONS[name]).find((r) => r !== undefined && PUBLISHED_REGIONS.has(r.display)) ?? nearestMeasured(b.location);
  const homeRegion: RegionSpec = { name: '', continent: home.geo, location: home.location, display: home.display };
  return backboneDelay(a, homeRegion) + fibreDelay(home.location, b.location, BACKBONE_STRETCH);
}
