import type { PacketId, PacketPool, PacketSink } from './packet.js';

/**
 * The last element of every flow's route whose receiver is its own (a TCP connection's end): it hands
 * the packet to the receiver its tag names. Flows that take the same links then share one route
 * array, however many connections they are (a route is read on every hop: one array, in the caches,
 * rather than one per connection; see docs/performance.md).
 */
export class Delivery implements PacketSink {
  private readonly receivers: PacketSink[] = [];
  private readonly tags = new Map<PacketSink, number>();

  constructor(private readonly packets: PacketPool) {}

  /** The tag of `receiver`'s packets (the same for every route that ends at it). */
  tagOf(receiver: PacketSink): number {
    let tag = this.tags.get(receiver);
    if (tag === undefined) {
      tag = this.receivers.length;
      this.receivers.push(receiver);
      this.tags.set(receiver, tag);
    }
    return tag;
  }

  /** The receiver whose packets carry `tag`. */
  receiverOf(tag: number): PacketSink {
    return this.receivers[tag]!;
  }

  receive(packet: PacketId, route: readonly PacketSink[], hop: number): void {
    this.receivers[this.packets.tag(packet)]!.receive(packet, route, hop);
  }
}
