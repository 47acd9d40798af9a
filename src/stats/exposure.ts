import { EXPOSURE_NAMES, Exposure } from '../net/routing/path-policy.js';
import type { FlowStats } from '../net/flow-stats.js';
import type { Row, RunIdentity } from './records.js';

/**
 * exposure.csv: for every pair of places (a site or remote group and a service), the bytes their
 * flows sent both ways after the warm-up, by how exposed the route was when each packet left: on
 * the public Internet in clear, inside a VPN tunnel, or on private paths only (ExpressRoute, the
 * provider's IP VPN, the LAN), and the share of each.
 */
export function exposureRows(id: RunIdentity, flows: readonly FlowStats[]): Row[] {
  const pairs = new Map<string, Float64Array>();
  for (const f of flows) {
    const pair = f.info.pair;
    if (pair === undefined) continue;
    let bytes = pairs.get(pair);
    if (bytes === undefined) pairs.set(pair, (bytes = new Float64Array(EXPOSURE_NAMES.length)));
    bytes[Exposure.internet]! += f.bytesInternet;
    bytes[Exposure.vpn]! += f.bytesVpn;
    bytes[Exposure.private]! += f.bytesPrivate;
  }
  return [...pairs].map(([pair, bytes]) => {
    const [from, to] = pair.split(' -> ');
    const total = bytes.reduce((a, b) => a + b, 0);
    const row: Row = { variant: id.variant, replication: id.replication, seed: id.seed, pair, from: from!, to: to!, bytes: total };
    EXPOSURE_NAMES.forEach((name, k) => (row[`bytes_${name}`] = bytes[k]!));
    EXPOSURE_NAMES.forEach((name, k) => (row[`share_${name}`] = total === 0 ? NaN : bytes[k]! / total));
    return row;
  });
}

export const EXPOSURE_COLUMNS = [
  'variant', 'replication', 'seed', 'pair', 'from', 'to', 'bytes',
  ...EXPOSURE_NAMES.map((n) => `bytes_${n}`),
  ...EXPOSURE_NAMES.map((n) => `share_${n}`),
];
