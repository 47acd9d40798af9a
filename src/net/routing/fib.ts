import { mask, type Prefix } from '../../core/prefix.js';

/** A forwarding entry: deliver locally, or forward on one of `nextHops` (equal-cost paths). */
export interface FibEntry<H> {
  readonly prefix: Prefix;
  readonly key: string;
  local: boolean;
  /** Local but delivering nothing (a discard route): packets stop here as no_route. */
  discard?: boolean;
  nextHops: H[];
}

/**
 * A node's forwarding table: longest-prefix match over its entries, as one exact-match map per
 * prefix length tried from the longest (a table holds a handful of lengths and up to thousands of
 * prefixes: every node's address, every site's and service's).
 */
export class Fib<H> {
  private readonly byKey = new Map<string, FibEntry<H>>();
  /** The lengths in use, longest first, each with its entries by network address. */
  private lengths: { length: number; mask: number; entries: Map<number, FibEntry<H>> }[] = [];

  lookup(address: number): FibEntry<H> | undefined {
    for (const level of this.lengths) {
      const entry = level.entries.get((address & level.mask) >>> 0);
      if (entry !== undefined) return entry;
    }
    return undefined;
  }

  get(key: string): FibEntry<H> | undefined {
    return this.byKey.get(key);
  }

  /** Every entry, longest prefix first (then by address). */
  all(): readonly FibEntry<H>[] {
    return [...this.byKey.values()].sort((a, b) => b.prefix.length - a.prefix.length || a.prefix.address - b.prefix.address);
  }

  replaceAll(entries: readonly FibEntry<H>[]): void {
    this.byKey.clear();
    this.lengths = [];
    for (const e of entries) this.set(e.key, e);
  }

  /** Install `entry` for its prefix (replacing the prefix's entry), or remove the prefix's entry when `entry` is undefined. */
  set(key: string, entry: FibEntry<H> | undefined): void {
    const old = this.byKey.get(key);
    if (old !== undefined) {
      const level = this.lengths.find((l) => l.length === old.prefix.length)!;
      level.entries.delete(old.prefix.address);
      if (level.entries.size === 0) this.lengths = this.lengths.filter((l) => l !== level);
      this.byKey.delete(key);
    }
    if (entry === undefined) return;
    this.byKey.set(key, entry);
    let level = this.lengths.find((l) => l.length === entry.prefix.length);
    if (level === undefined) {
      level = { length: entry.prefix.length, mask: mask(entry.prefix.length), entries: new Map() };
      this.lengths.push(level);
      this.lengths.sort((a, b) => b.length - a.length);
    }
    level.entries.set(entry.prefix.address, entry);
  }

  remove(key: string): void {
    this.set(key, undefined);
  }
}
