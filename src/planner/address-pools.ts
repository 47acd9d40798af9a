import { formatAddress, parsePrefix, type Prefix } from '../core/prefix.js';

/**
 * A range of addresses carved into equal subnets, handed out in order: the default prefixes of the
 * planner's sites, services, NAT pools, remote groups, VPN pools and VPN gateways. Each range is
 * reserved or private space (RFC 1918, RFC 6598, RFC 2544, RFC 1112's class E), so a default never
 * collides with a public Microsoft prefix a scenario types. The generic network's host addresses
 * take 10.0.0.0/16 (one per node), below the sites' range.
 */
export class AddressPool {
  private readonly first: number;

  constructor(
    /** What the subnets are for ("sites"), for error messages. */
    readonly what: string,
    first: string,
    readonly length: number,
    /** How many subnets the range holds. */
    readonly size: number,
    /** The scenario field that sets a prefix by hand when the pool runs out. */
    readonly field: string,
  ) {
    this.first = parsePrefix(`${first}/${length}`)!.address;
  }

  /** The k-th subnet (k from 0), or undefined past the end of the range. */
  subnet(k: number): Prefix | undefined {
    if (!Number.isInteger(k) || k < 0 || k >= this.size) return undefined;
    return { address: this.first + k * 2 ** (32 - this.length), length: this.length };
  }

  /** Why the k-th subnet cannot be had: the message for the issue at `field`. */
  exhausted(): string {
    const last = this.first + this.size * 2 ** (32 - this.length) - 1;
    return `the default addresses for ${this.what} (${formatAddress(this.first)}-${formatAddress(last)}, /${this.length} each) run out after ${this.size}: set ${this.field}`;
  }
}

export const ADDRESS_POOLS = {
  /** 10.1.0.0-10.255.255.255 in /20s (4,096 addresses each). */
  sites: new AddressPool('sites', '10.1.0.0', 20, 255 * 16, 'prefix'),
  /** 198.19.0.0/16 in /28s: a site's public NAT pool. */
  nat: new AddressPool('NAT pools', '198.19.0.0', 28, 4096, 'nat_prefix'),
  /** 198.18.0.0/16 in /28s. */
  services: new AddressPool('services', '198.18.0.0', 28, 4096, 'prefix'),
  /** 100.64.0.0/10 (shared address space) in /24s: remote users' own addresses. */
  remote: new AddressPool('remote user groups', '100.64.0.0', 24, 16384, 'prefix'),
  /** 172.16.0.0/12 in /24s: the addresses a site gives its remote access clients. */
  vpnPools: new AddressPool('remote access VPN pools', '172.16.0.0', 24, 4096, 'vpn.pool'),
  /** 240.0.0.1 on (class E, never routed on the Internet): VPN gateways' public addresses. */
  vpnGateways: new AddressPool('VPN gateways', '240.0.0.1', 32, 65535, 'the VPN gateway address'),
  /** 241.0.0.0/24 (class E): what Microsoft 365 needs over the Internet whatever the circuits (DNS, certificate revocation, CDN). */
  internetDependencies: new AddressPool('Internet dependencies', '241.0.0.0', 24, 1, 'nothing'),
} as const;
