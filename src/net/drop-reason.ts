import type { PacketId } from './packet.js';

/** Why a packet was dropped. Numeric so counters can live in typed arrays. */
export const DropReason = {
  QueueFull: 0,
  Policer: 1,
  Loss: 2,
  LinkDown: 3,
  NoRoute: 4,
  /** Larger than the link's MTU (the route changed to a smaller one): dropped, as with IPv4's DF bit; never fragmented. */
  Mtu: 5,
} as const;
export type DropReason = (typeof DropReason)[keyof typeof DropReason];

export const DROP_REASON_NAMES = ['queue_full', 'policer', 'loss', 'link_down', 'no_route', 'mtu'] as const;
export const DROP_REASON_COUNT = DROP_REASON_NAMES.length;

/** Where a link or a node sends the packets it drops (counted per flow, then recycled). */
export interface DropHandler {
  drop(packet: PacketId, reason: DropReason): void;
}
