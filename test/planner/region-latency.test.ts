import { describe, expect, it } from 'vitest';
import { PUBLISHED_REGIONS, publishedRoundTripMs } from '../../src/planner/azure/region-latency.js';

// Figures read by hand from the published table (articles/networking/azure-network-latency.md) that the module embeds.
describe('published round trips between Azure regions', () => {
  it('averages the two directions of a pair, in either order', () => {
    // East US -> West Europe 83 ms, West Europe -> East US 85 ms
    expect(publishedRoundTripMs('East US', 'West Europe')).toBe(84);
    expect(publishedRoundTripMs('West Europe', 'East US')).toBe(84);
    expect(publishedRoundTripMs('UAE North', 'UAE Central')).toBe(6);
  });

  it('has no figure for a region to itself or for a region it does not name', () => {
    expect(publishedRoundTripMs('East US', 'East US')).toBeUndefined();
    expect(publishedRoundTripMs('East US', 'Atlantis')).toBeUndefined();
    expect(publishedRoundTripMs('Atlantis', 'East US')).toBeUndefined();
  });

  it('names the 54 regions of its header', () => {
    expect(PUBLISHED_REGIONS.size).toBe(54);
    expect(PUBLISHED_REGIONS.has('Sweden Central')).toBe(true);
  });
});
