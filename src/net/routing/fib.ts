import { prefixContains, type Prefix } from '../../core/prefix.js';

/** A forwarding entry: deliver locally, or forward on one of `nextHops` (equal-cost paths). */
export interface FibEntry<H> {
  readonly prefix: Prefix;
  readonly key: string;
  local: boolean;
  /** Local but delivering nothing (a discard route): packets stop here as no_route. */
  discard?: boolean;
  nextHops: H[];
}

/** A node's forwarding table: longest-prefix match over its entries. */
export class Fib<H> {
  /** Kept sorted by prefix length, longest first, so the first match is the longest. */
  private entries: FibEntry<H>[] = [];

  get size(): number {
    return this.entries.length;
  }

  lookup(address: number): FibEntry<H> | undefined {
    for (const entry of this.entries) if (prefixContains(entry.prefix, address)) return entry;
    return undefined;
  }

  get(key: string): FibEntry<H> | undefined {
    return this.entries.find((e) => e.key === key);
  }

  all(): readonly FibEntry<H>[] {
    return this.entries;
  }

  replaceAll(entries: FibEntry<H>[]): void {
    this.entries = entries.sort((a, b) => b.prefix.length - a.prefix.length || a.prefix.address - b.prefix.address);
  }

  remove(key: string): void {
    this.entries = this.entries.filter((e) => e.key !== key);
  }
}
