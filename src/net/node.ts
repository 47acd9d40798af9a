import type { Simulator } from '../core/simulator.js';
import { DropCounters } from '../probes/drop-counters.js';
import { DROP_REASON_COUNT, DropReason } from './drop-reason.js';
import type { DropHandler } from './drop-reason.js';
import type { Link, LinkEnd } from './link.js';
import type { PacketId, PacketPool, PacketSink } from './packet.js';
import { DEFAULT_CLASS_MAP } from './queues/class-map.js';
import { Fib } from './routing/fib.js';

/**
 * A vertex of the topology: a host or a router, with its forwarding table. Packets follow the
 * route their flow resolved from the tables; a route that finds no entry at some node ends at that
 * node's `noRoute` sink, which drops (reason no_route).
 */
export class Node implements LinkEnd {
  readonly out: Link[] = [];
  readonly fib = new Fib<Link>();
  readonly drops = new DropCounters(DROP_REASON_COUNT, DEFAULT_CLASS_MAP.count);
  readonly noRoute: PacketSink;

  constructor(
    readonly name: string,
    readonly index: number,
    sim: Simulator,
    dropHandler: DropHandler,
    packets: PacketPool,
  ) {
    const drops = this.drops;
    const classOf = DEFAULT_CLASS_MAP.classOf;
    this.noRoute = {
      receive(packet: PacketId): void {
        if (sim.now >= sim.warmup) drops.add(DropReason.NoRoute, classOf[packets.dscp(packet)]!, packets.size(packet));
        dropHandler.drop(packet, DropReason.NoRoute);
      },
    };
  }
}
