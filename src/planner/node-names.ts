import type { SiteSpec } from './scenario.js';

/** Node names: where a site's users sit, its ISP, a region's nearest Microsoft edge, an edge site, a VNet's ExpressRoute gateway. */
export const siteUsersNode = (site: SiteSpec): string => (site.kind === 'site' ? `${site.name}.lan` : site.name);
export const ispNode = (name: string): string => `${name}.isp`;
export const edgeNode = (region: string): string => `${region}.edge`;
export const edgeSiteNode = (site: string): string => `edge.${site}`;
export const erGatewayNode = (vnet: string): string => `${vnet}.ergw`;
/** A peering location's node (its own namespace: a site may share a city's name). */
export const peeringNode = (location: string): string => `peering.${location}`;
