import type { Nanos } from '../../core/time.js';

/** How the routing reacts when a link fails: it withdraws after `detection`, then converges. */
export interface Failover {
  detection: Nanos;
  convergence: Nanos;
}

/**
 * Which routes a link carries (BGP export/import policy collapsed onto the link): those whose
 * scope or prefix is listed. A link without a filter carries every route.
 */
export interface RouteFilter {
  scopes?: ReadonlySet<string>;
  prefixes?: ReadonlySet<string>;
}
