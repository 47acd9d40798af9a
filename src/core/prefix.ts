/** An IPv4 prefix: a 32-bit network address (unsigned) and a length. */
export interface Prefix {
  readonly address: number;
  readonly length: number;
}

/** The netmask of a prefix of `length` bits, as an unsigned 32-bit number. */
export const mask = (length: number): number => (length === 0 ? 0 : (0xffffffff << (32 - length)) >>> 0);

export function parseAddress(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let address = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    address = address * 256 + Number(part);
  }
  return address;
}

/** "10.1.0.0/16" -> prefix; undefined if malformed or if host bits are set. */
export function parsePrefix(text: string): Prefix | undefined {
  const [addressText, lengthText, extra] = text.split('/');
  if (extra !== undefined || addressText === undefined || lengthText === undefined || !/^\d{1,2}$/.test(lengthText)) return undefined;
  const address = parseAddress(addressText);
  const length = Number(lengthText);
  if (address === undefined || length > 32) return undefined;
  if ((address & ~mask(length)) >>> 0 !== 0) return undefined;
  return { address, length };
}

export function formatAddress(address: number): string {
  return [24, 16, 8, 0].map((shift) => (address >>> shift) & 255).join('.');
}

export const formatPrefix = (p: Prefix): string => `${formatAddress(p.address)}/${p.length}`;

export const prefixContains = (p: Prefix, address: number): boolean => ((address & mask(p.length)) >>> 0) === p.address;

/** A host address inside the prefix (its first usable address), for endpoints that live there. */
export const hostIn = (p: Prefix): number => (p.length >= 31 ? p.address : p.address + 1);

export const prefixKey = (p: Prefix): string => formatPrefix(p);
