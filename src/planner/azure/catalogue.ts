import type { Location } from '../scenario.js';

/**
 * Azure's places, so that a scenario names them instead of typing coordinates: regions, ExpressRoute
 * peering locations and Microsoft's edge sites. Sources (docs/models.md, "The catalogue"):
 * - regions: name and display name as Azure Resource Manager lists them (`az account
 *   list-locations`), their coordinates from its metadata (rounded to a city);
 * - geopolitical regions: expressroute-locations.md, "Azure regions to ExpressRoute locations within
 *   a geopolitical region"; regions newer than that table are placed with the peering locations of
 *   their country (Italy North, Spain Central, ... in Europe; Mexico Central in North America; New
 *   Zealand North in Oceania; Malaysia West, Indonesia Central, Taiwan North in Asia); Qatar and
 *   Israel, which the table does not name, are their own (an assumption: a Standard circuit there
 *   reaches only the country's region);
 * - peering locations and their Local regions: expressroute-locations-providers.md ("Local Azure
 *   regions" column);
 * - edge sites: Azure Front Door's edge metros (edge-locations-by-region.md) and the peering
 *   locations (the MSEEs sit in Microsoft's edge: expressroute-locations.md calls them "the entry
 *   point to Microsoft's network").
 */

export const GEOPOLITICAL_REGIONS = [
  'north-america',
  'south-america',
  'europe',
  'asia',
  'india',
  'japan',
  'oceania',
  'australia-government',
  'south-korea',
  'uae',
  'south-africa',
  'qatar',
  'israel',
] as const;
export type GeopoliticalRegion = (typeof GEOPOLITICAL_REGIONS)[number];

export interface CatalogueRegion {
  /** As the latency table and the portal name it. */
  display: string;
  location: Location;
  geo: GeopoliticalRegion;
}

type Row<T> = Record<string, T>;
const region = (display: string, lat: number, lon: number, geo: GeopoliticalRegion): CatalogueRegion => ({ display, location: [lat, lon], geo });

export const REGIONS: Row<CatalogueRegion> = {
  eastus: region('East US', 37.37, -79.82, 'north-america'),
  eastus2: region('East US 2', 36.67, -78.39, 'north-america'),
  westus: region('West US', 37.78, -122.42, 'north-america'),
  westus2: region('West US 2', 47.23, -119.85, 'north-america'),
  westus3: region('West US 3', 33.45, -112.07, 'north-america'),
  centralus: region('Central US', 41.59, -93.62, 'north-america'),
  northcentralus: region('North Central US', 41.88, -87.63, 'north-america'),
  southcentralus: region('South Central US', 29.42, -98.49, 'north-america'),
  westcentralus: region('West Central US', 40.89, -110.23, 'north-america'),
  canadacentral: region('Canada Central', 43.65, -79.38, 'north-america'),
  canadaeast: region('Canada East', 46.82, -71.22, 'north-america'),
  mexicocentral: region('Mexico Central', 20.59, -100.39, 'north-america'),
  brazilsouth: region('Brazil South', -23.55, -46.63, 'south-america'),
  brazilsoutheast: region('Brazil Southeast', -22.91, -43.17, 'south-america'),
  northeurope: region('North Europe', 53.35, -6.26, 'europe'),
  westeurope: region('West Europe', 52.37, 4.9, 'europe'),
  uksouth: region('UK South', 50.94, -0.8, 'europe'),
  ukwest: region('UK West', 53.43, -3.08, 'europe'),
  francecentral: region('France Central', 46.38, 2.37, 'europe'),
  francesouth: region('France South', 43.83, 2.2, 'europe'),
  germanywestcentral: region('Germany West Central', 50.11, 8.68, 'europe'),
  germanynorth: region('Germany North', 53.07, 8.81, 'europe'),
  switzerlandnorth: region('Switzerland North', 47.45, 8.56, 'europe'),
  switzerlandwest: region('Switzerland West', 46.2, 6.14, 'europe'),
  norwayeast: region('Norway East', 59.91, 10.75, 'europe'),
  norwaywest: region('Norway West', 58.97, 5.73, 'europe'),
  swedencentral: region('Sweden Central', 60.67, 17.14, 'europe'),
  polandcentral: region('Poland Central', 52.23, 21.01, 'europe'),
  italynorth: region('Italy North', 45.47, 9.18, 'europe'),
  spaincentral: region('Spain Central', 40.43, -3.42, 'europe'),
  austriaeast: region('Austria East', 48.21, 16.37, 'europe'),
  belgiumcentral: region('Belgium Central', 50.85, 4.35, 'europe'),
  denmarkeast: region('Denmark East', 55.68, 12.57, 'europe'),
  australiaeast: region('Australia East', -33.86, 151.21, 'oceania'),
  australiasoutheast: region('Australia Southeast', -37.81, 144.96, 'oceania'),
  australiacentral: region('Australia Central', -35.31, 149.12, 'australia-government'),
  australiacentral2: region('Australia Central 2', -35.31, 149.12, 'australia-government'),
  newzealandnorth: region('New Zealand North', -36.85, 174.76, 'oceania'),
  southeastasia: region('Southeast Asia', 1.28, 103.83, 'asia'),
  eastasia: region('East Asia', 22.27, 114.19, 'asia'),
  malaysiawest: region('Malaysia West', 3.14, 101.69, 'asia'),
  indonesiacentral: region('Indonesia Central', -6.21, 106.85, 'asia'),
  taiwannorth: region('Taiwan North', 25.03, 121.57, 'asia'),
  japaneast: region('Japan East', 35.68, 139.77, 'japan'),
  japanwest: region('Japan West', 34.69, 135.5, 'japan'),
  koreacentral: region('Korea Central', 37.57, 126.98, 'south-korea'),
  koreasouth: region('Korea South', 35.18, 129.08, 'south-korea'),
  centralindia: region('Central India', 18.58, 73.92, 'india'),
  southindia: region('South India', 12.98, 80.16, 'india'),
  westindia: region('West India', 19.09, 72.87, 'india'),
  jioindiawest: region('Jio India West', 22.47, 70.06, 'india'),
  uaenorth: region('UAE North', 25.27, 55.32, 'uae'),
  uaecentral: region('UAE Central', 24.47, 54.37, 'uae'),
  qatarcentral: region('Qatar Central', 25.55, 51.44, 'qatar'),
  israelcentral: region('Israel Central', 32.09, 34.78, 'israel'),
  southafricanorth: region('South Africa North', -25.73, 28.22, 'south-africa'),
  southafricawest: region('South Africa West', -34.08, 18.84, 'south-africa'),
};

export interface CataloguePeeringLocation {
  display: string;
  location: Location;
  geo: GeopoliticalRegion;
  /** The regions ExpressRoute Local reaches from here (none: Local is not offered here). */
  local: readonly string[];
  /** Its pricing zone (expressroute-locations-providers.md, "Zone": metered egress is priced by it). */
  zone: number;
}

/**
 * The pricing zone of a geopolitical region as the providers table gives its peering locations:
 * 1 North America and Europe (and Canberra), 2 Asia-Pacific and Israel, 3 South America, Africa
 * and the Gulf; Queretaro is zone 4.
 */
export function zoneOf(geo: string): number {
  if (geo === 'north-america' || geo === 'europe' || geo === 'australia-government') return 1;
  if (geo === 'south-america' || geo === 'south-africa' || geo === 'uae' || geo === 'qatar' || geo === 'africa' || geo === 'middle-east') return 3;
  return 2;
}

const pl = (display: string, lat: number, lon: number, geo: GeopoliticalRegion, ...local: string[]): CataloguePeeringLocation => ({
  display,
  location: [lat, lon],
  geo,
  local,
  zone: display.startsWith('Queretaro') ? 4 : zoneOf(geo),
});

export const PEERING_LOCATIONS: Row<CataloguePeeringLocation> = {
  'abu-dhabi': pl('Abu Dhabi', 24.47, 54.37, 'uae', 'uaecentral'),
  amsterdam: pl('Amsterdam', 52.37, 4.9, 'europe', 'westeurope'),
  amsterdam2: pl('Amsterdam2', 52.37, 4.9, 'europe', 'westeurope'),
  atlanta: pl('Atlanta', 33.75, -84.39, 'north-america'),
  atlanta2: pl('Atlanta2', 33.75, -84.39, 'north-america'),
  auckland: pl('Auckland', -36.85, 174.76, 'oceania', 'newzealandnorth'),
  bangkok: pl('Bangkok', 13.76, 100.5, 'asia'),
  berlin: pl('Berlin', 52.52, 13.4, 'europe', 'germanynorth'),
  bogota: pl('Bogota', 4.71, -74.07, 'south-america'),
  brussels: pl('Brussels', 50.85, 4.35, 'europe'),
  brussels2: pl('Brussels2', 50.85, 4.35, 'europe'),
  busan: pl('Busan', 35.18, 129.08, 'south-korea', 'koreasouth'),
  campinas: pl('Campinas', -22.91, -47.06, 'south-america', 'brazilsouth'),
  canberra: pl('Canberra', -35.28, 149.13, 'australia-government', 'australiacentral'),
  canberra2: pl('Canberra2', -35.28, 149.13, 'australia-government', 'australiacentral2'),
  'cape-town': pl('Cape Town', -33.92, 18.42, 'south-africa', 'southafricawest'),
  chennai: pl('Chennai', 13.08, 80.27, 'india', 'southindia'),
  chennai2: pl('Chennai2', 13.08, 80.27, 'india', 'southindia'),
  chicago: pl('Chicago', 41.88, -87.63, 'north-america', 'northcentralus'),
  chicago2: pl('Chicago2', 41.88, -87.63, 'north-america', 'northcentralus'),
  copenhagen: pl('Copenhagen', 55.68, 12.57, 'europe'),
  dallas: pl('Dallas', 32.78, -96.8, 'north-america'),
  dallas2: pl('Dallas2', 32.78, -96.8, 'north-america'),
  denver: pl('Denver', 39.74, -104.99, 'north-america', 'westcentralus'),
  doha: pl('Doha', 25.29, 51.53, 'qatar', 'qatarcentral'),
  doha2: pl('Doha2', 25.29, 51.53, 'qatar', 'qatarcentral'),
  dubai: pl('Dubai', 25.2, 55.27, 'uae', 'uaenorth'),
  dubai2: pl('Dubai2', 25.2, 55.27, 'uae', 'uaenorth'),
  dublin: pl('Dublin', 53.35, -6.26, 'europe', 'northeurope'),
  dublin2: pl('Dublin2', 53.35, -6.26, 'europe', 'northeurope'),
  frankfurt: pl('Frankfurt', 50.11, 8.68, 'europe', 'germanywestcentral'),
  frankfurt2: pl('Frankfurt2', 50.11, 8.68, 'europe', 'germanywestcentral'),
  geneva: pl('Geneva', 46.2, 6.14, 'europe', 'switzerlandwest'),
  'hong-kong': pl('Hong Kong', 22.32, 114.17, 'asia', 'eastasia'),
  'hong-kong2': pl('Hong Kong2', 22.32, 114.17, 'asia', 'eastasia'),
  jakarta: pl('Jakarta', -6.21, 106.85, 'asia', 'indonesiacentral'),
  jakarta2: pl('Jakarta2', -6.21, 106.85, 'asia', 'indonesiacentral'),
  johannesburg: pl('Johannesburg', -26.2, 28.05, 'south-africa', 'southafricanorth'),
  'kuala-lumpur': pl('Kuala Lumpur', 3.14, 101.69, 'asia', 'malaysiawest'),
  'kuala-lumpur2': pl('Kuala Lumpur2', 3.14, 101.69, 'asia', 'malaysiawest'),
  'las-vegas': pl('Las Vegas', 36.17, -115.14, 'north-america'),
  london: pl('London', 51.51, -0.13, 'europe', 'uksouth'),
  london2: pl('London2', 51.51, -0.13, 'europe', 'uksouth'),
  'los-angeles': pl('Los Angeles', 34.05, -118.24, 'north-america'),
  'los-angeles2': pl('Los Angeles2', 34.05, -118.24, 'north-america'),
  madrid: pl('Madrid', 40.42, -3.7, 'europe', 'spaincentral'),
  madrid2: pl('Madrid2', 40.42, -3.7, 'europe', 'spaincentral'),
  marseille: pl('Marseille', 43.3, 5.37, 'europe', 'francesouth'),
  melbourne: pl('Melbourne', -37.81, 144.96, 'oceania', 'australiasoutheast'),
  melbourne2: pl('Melbourne2', -37.81, 144.96, 'oceania', 'australiasoutheast'),
  miami: pl('Miami', 25.76, -80.19, 'north-america'),
  milan: pl('Milan', 45.46, 9.19, 'europe', 'italynorth'),
  milan2: pl('Milan2', 45.46, 9.19, 'europe', 'italynorth'),
  minneapolis: pl('Minneapolis', 44.98, -93.27, 'north-america'),
  montreal: pl('Montreal', 45.5, -73.57, 'north-america'),
  mumbai: pl('Mumbai', 19.08, 72.88, 'india', 'westindia'),
  mumbai2: pl('Mumbai2', 19.08, 72.88, 'india', 'westindia'),
  munich: pl('Munich', 48.14, 11.58, 'europe'),
  'new-york': pl('New York', 40.71, -74.01, 'north-america'),
  'newport-wales': pl('Newport(Wales)', 51.58, -3.0, 'europe', 'ukwest'),
  osaka: pl('Osaka', 34.69, 135.5, 'japan', 'japanwest'),
  oslo: pl('Oslo', 59.91, 10.75, 'europe', 'norwayeast'),
  paris: pl('Paris', 48.86, 2.35, 'europe', 'francecentral'),
  paris2: pl('Paris2', 48.86, 2.35, 'europe', 'francecentral'),
  perth: pl('Perth', -31.95, 115.86, 'oceania'),
  phoenix: pl('Phoenix', 33.45, -112.07, 'north-america', 'westus3'),
  phoenix2: pl('Phoenix2', 33.45, -112.07, 'north-america', 'westus3'),
  portland: pl('Portland', 45.52, -122.68, 'north-america', 'westus2'),
  pune: pl('Pune', 18.52, 73.86, 'india', 'centralindia'),
  'quebec-city': pl('Quebec City', 46.81, -71.21, 'north-america', 'canadaeast'),
  queretaro: pl('Queretaro (Mexico)', 20.59, -100.39, 'north-america', 'mexicocentral'),
  quincy: pl('Quincy', 47.23, -119.85, 'north-america', 'westus2'),
  'rio-de-janeiro': pl('Rio de Janeiro', -22.91, -43.17, 'south-america', 'brazilsoutheast'),
  'san-antonio': pl('San Antonio', 29.42, -98.49, 'north-america', 'southcentralus'),
  santiago: pl('Santiago', -33.45, -70.67, 'south-america'),
  'sao-paulo': pl('Sao Paulo', -23.55, -46.63, 'south-america', 'brazilsouth'),
  'sao-paulo2': pl('Sao Paulo2', -23.55, -46.63, 'south-america', 'brazilsouth'),
  seattle: pl('Seattle', 47.61, -122.33, 'north-america', 'westus2'),
  seoul: pl('Seoul', 37.57, 126.98, 'south-korea', 'koreacentral'),
  seoul2: pl('Seoul2', 37.57, 126.98, 'south-korea', 'koreacentral'),
  'silicon-valley': pl('Silicon Valley', 37.37, -121.92, 'north-america', 'westus'),
  'silicon-valley2': pl('Silicon Valley2', 37.37, -121.92, 'north-america', 'westus'),
  singapore: pl('Singapore', 1.35, 103.82, 'asia', 'southeastasia'),
  singapore2: pl('Singapore2', 1.35, 103.82, 'asia', 'southeastasia'),
  stavanger: pl('Stavanger', 58.97, 5.73, 'europe', 'norwaywest'),
  stockholm: pl('Stockholm', 59.33, 18.07, 'europe', 'swedencentral'),
  stockholm2: pl('Stockholm2', 59.33, 18.07, 'europe', 'swedencentral'),
  sydney: pl('Sydney', -33.87, 151.21, 'oceania', 'australiaeast'),
  sydney2: pl('Sydney2', -33.87, 151.21, 'oceania', 'australiaeast'),
  taipei: pl('Taipei', 25.03, 121.57, 'asia', 'taiwannorth'),
  taipei2: pl('Taipei2', 25.03, 121.57, 'asia', 'taiwannorth'),
  'tel-aviv': pl('Tel Aviv', 32.09, 34.78, 'israel', 'israelcentral'),
  'tel-aviv2': pl('Tel Aviv2', 32.09, 34.78, 'israel', 'israelcentral'),
  tokyo: pl('Tokyo', 35.68, 139.77, 'japan', 'japaneast'),
  tokyo2: pl('Tokyo2', 35.68, 139.77, 'japan', 'japaneast'),
  tokyo3: pl('Tokyo3', 35.78, 140.32, 'japan', 'japaneast'),
  toronto: pl('Toronto', 43.65, -79.38, 'north-america', 'canadacentral'),
  toronto2: pl('Toronto2', 43.65, -79.38, 'north-america', 'canadacentral'),
  vancouver: pl('Vancouver', 49.28, -123.12, 'north-america'),
  vienna: pl('Vienna', 48.21, 16.37, 'europe'),
  vienna2: pl('Vienna2', 48.21, 16.37, 'europe'),
  warsaw: pl('Warsaw', 52.23, 21.01, 'europe', 'polandcentral'),
  'washington-dc': pl('Washington DC', 39.04, -77.49, 'north-america', 'eastus', 'eastus2'),
  'washington-dc2': pl('Washington DC2', 38.96, -77.36, 'north-america', 'eastus', 'eastus2'),
  zurich: pl('Zurich', 47.38, 8.54, 'europe', 'switzerlandnorth'),
  zurich2: pl('Zurich2', 47.38, 8.54, 'europe', 'switzerlandnorth'),
};

/** Azure Front Door's edge metros that are not also peering locations. */
const FRONT_DOOR_METROS: Row<Location> = {
  boydton: [36.67, -78.39], chaska: [44.79, -93.6], cheyenne: [41.14, -104.82], 'des-moines': [41.59, -93.62],
  detroit: [42.33, -83.05], honolulu: [21.31, -157.86], houston: [29.76, -95.37], jacksonville: [30.33, -81.66],
  manassas: [38.75, -77.48], memphis: [35.15, -90.05], boston: [42.28, -71.24], nashville: [36.16, -86.78],
  newark: [40.74, -74.17], philadelphia: [39.95, -75.17], 'salt-lake-city': [40.76, -111.89], 'san-jose': [37.34, -121.89],
  'buenos-aires': [-34.6, -58.38], sofia: [42.7, 23.32], prague: [50.08, 14.44], helsinki: [60.17, 24.94],
  dusseldorf: [51.23, 6.77], athens: [37.98, 23.73], budapest: [47.5, 19.04], rome: [41.9, 12.5], lisbon: [38.72, -9.14],
  bucharest: [44.43, 26.1], barcelona: [41.39, 2.17], manchester: [53.48, -2.24], cairo: [30.04, 31.24],
  nairobi: [-1.29, 36.82], rabat: [34.02, -6.84], lagos: [6.52, 3.38], istanbul: [41.01, 28.98], hyderabad: [17.39, 78.49],
  'new-delhi': [28.61, 77.21], manila: [14.6, 120.98], 'ho-chi-minh-city': [10.82, 106.63], brisbane: [-27.47, 153.03],
};

/** A point of Microsoft's network: where it is, and the regions in its metro (the Local regions of a peering location). */
export interface NetworkPoint {
  location: Location;
  local: readonly string[];
}

/** Microsoft's edge sites (where Internet traffic enters its network): Front Door metros and peering locations, one per metro. */
export const EDGE_SITES: Row<NetworkPoint> = ((): Row<NetworkPoint> => {
  const sites: Row<NetworkPoint> = Object.create(null) as Row<NetworkPoint>;
  for (const [name, location] of Object.entries(FRONT_DOOR_METROS)) sites[name] = { location, local: [] };
  for (const [name, p] of Object.entries(PEERING_LOCATIONS)) if (!/\d$/.test(name)) sites[name] = { location: p.location, local: p.local };
  return sites;
})();

/** Own-property lookup (a scenario's name never reaches Object.prototype). */
export const lookup = <T>(table: Row<T>, name: string): T | undefined => (Object.hasOwn(table, name) ? table[name] : undefined);

