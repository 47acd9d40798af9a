import type { PacketSink } from './packet.js';

/**
 * Names for the elements of routes (links, tunnel ends, flows' receivers and senders) that are the
 * same in every copy of a network: a partitioned run (src/partition/) sends a packet's route to
 * another partition as these numbers, and that partition's copy of the network turns them back into
 * its own objects. A name is kind x 2^44 + a x 2^22 + b (a: a link, node or flow; b: a part of it).
 */
export const SinkKind = {
  link: 1,
  tunnel: 2,
  noRoute: 3,
  udp: 4,
  call: 5,
  tcp: 6,
  cross: 7,
  delivery: 8,
} as const;

const A = 2 ** 22;
const KIND = 2 ** 44;

export function sinkKey(kind: number, a: number, b = 0): number {
  if (!(a >= 0 && a < A && b >= 0 && b < A)) throw new Error(`sink name out of range: kind ${kind}, ${a}, ${b}`);
  return kind * KIND + a * A + b;
}

/** Every named sink of one copy of a network, both ways. */
export class PacketSinks {
  private readonly keys = new Map<PacketSink, number>();
  private readonly sinks = new Map<number, PacketSink>();
  /** Who creates the sinks of (kind, a) that exist only once used (a pooled connection's far end). */
  private readonly makers = new Map<number, (part: number) => void>();
  /** The stand-ins handed out so far (see elementOf), one per name. */
  private readonly standIns = new Map<number, PacketSink>();

  /** Name `sinks` key, key + 1, ... */
  add(key: number, ...sinks: PacketSink[]): void {
    for (let i = 0; i < sinks.length; i++) {
      this.keys.set(sinks[i]!, key + i);
      this.sinks.set(key + i, sinks[i]!);
    }
  }

  /** `make(b)` creates (and adds) the sinks named (kind, a, b) when one is asked for before it exists. */
  maker(kind: number, a: number, make: (part: number) => void): void {
    this.makers.set(sinkKey(kind, a), make);
  }

  keyOf(sink: PacketSink): number {
    const key = this.keys.get(sink);
    if (key === undefined) throw new Error('a route crosses a partition with an unnamed element');
    return key;
  }

  /**
   * The element named `key`, or a stand-in that finds it when a packet reaches it: a route sent from
   * another partition names elements beyond this one's part of it (the far end's receiver), and a
   * pooled connection's far end exists only once its first packet arrives.
   */
  elementOf(key: number): PacketSink {
    const sink = this.sinks.get(key) ?? this.standIns.get(key);
    if (sink !== undefined) return sink;
    const standIn: PacketSink = { receive: (packet, route, hop) => this.sinkOf(key).receive(packet, route, hop) };
    this.keys.set(standIn, key);
    this.standIns.set(key, standIn);
    return standIn;
  }

  private sinkOf(key: number): PacketSink {
    let sink = this.sinks.get(key);
    if (sink === undefined) {
      const base = Math.floor(key / A) * A;
      this.makers.get(base)?.(key - base);
      sink = this.sinks.get(key);
      if (sink === undefined) throw new Error(`no route element named ${key} in this partition`);
    }
    return sink;
  }
}
