import type { Location } from './scenario.js';

import { NS_PER_KM } from './assumptions.js';

const EARTH_RADIUS_KM = 6371;

/** Great-circle distance in km (haversine). */
export function distanceKm(a: Location, b: Location): number {
  const rad = Math.PI / 180;
  const dLat = (b[0] - a[0]) * rad;
  const dLon = (b[1] - a[1]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[0] * rad) * Math.cos(b[0] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** One-way delay of a path `stretch` times the great-circle distance (at least 0.1 ms). */
export const fibreDelay = (a: Location, b: Location, stretch: number): number => Math.max(100_000, Math.round(distanceKm(a, b) * NS_PER_KM * stretch));

/** The item nearest `to` by great-circle distance (the first of equally near ones); undefined when there is none. */
export function nearest<T>(items: Iterable<T>, to: Location, locationOf: (item: T) => Location): T | undefined {
  let best: T | undefined;
  let bestKm = Infinity;
  for (const item of items) {
    const km = distanceKm(to, locationOf(item));
    if (km < bestKm) [best, bestKm] = [item, km];
  }
  return best;
}
