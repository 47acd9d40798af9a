import { keyedUniform, type RandomStream } from '../../core/random.js';
import type { PacketId, PacketPool } from '../packet.js';

/** Decides, packet by packet, whether the wire loses it. */
export interface LossModel {
  /** `hop`: the element of its route after this link (a draw is keyed by it). */
  lose(packets: PacketPool, packet: PacketId, hop: number): boolean;
}

/**
 * Independent losses with probability p. Each packet's draw is a function of the packet alone (its
 * flow, sequence and acknowledgement numbers, send time and hop) keyed by the link's stream, not the
 * next number of a stream the link's other packets share: adding a flow to a lossy link changes no
 * other flow's losses (common random numbers hold across variants). A retransmission, sent later,
 * gets a draw of its own.
 */
export class BernoulliLoss implements LossModel {
  private readonly key0: number;
  private readonly key1: number;

  constructor(
    private readonly p: number,
    random: RandomStream,
  ) {
    this.key0 = (random.uniform() * 4294967296) | 0;
    this.key1 = (random.uniform() * 4294967296) | 0;
  }

  lose(packets: PacketPool, packet: PacketId, hop: number): boolean {
    return keyedUniform(this.key0, this.key1, packets.flow(packet), packets.seq(packet), packets.ack(packet), packets.sentAt(packet), hop) < this.p;
  }
}

/** Drops the packets with the given 1-based arrival numbers on the wire: deterministic experiments. */
export class DropListLoss implements LossModel {
  private count = 0;
  private readonly drops: Set<number>;

  constructor(packetNumbers: readonly number[]) {
    this.drops = new Set(packetNumbers);
  }

  lose(_packets: PacketPool, _packet: PacketId, _hop: number): boolean {
    return this.drops.has(++this.count);
  }
}

/**
 * Gilbert-Elliott burst loss (netem's parameters), a chain per flow crossing the link: a two-state
 * Markov chain stepped once per packet of the flow, good -> bad with probability p, bad -> good with
 * probability r, losing packets with probability `lossGood` in the good state and `lossBad` in the
 * bad one. Steady-state loss is p/(p+r) lossBad + r/(p+r) lossGood; with lossBad = 1 and lossGood =
 * 0, a flow loses bursts of 1/r of its own packets. One chain for the whole link (netem on an
 * interface) would spread a burst over whatever else crosses the link (cross traffic, other calls),
 * leaving each call nearly independent losses, and would make a flow's losses depend on the other
 * flows' packets; with a chain per flow and draws that are functions of the packet (as in
 * BernoulliLoss), adding a flow changes no other flow's losses.
 */
export class GilbertElliottLoss implements LossModel {
  private bad = new Uint8Array(16);
  private readonly key0: number;
  private readonly key1: number;

  constructor(
    private readonly p: number,
    private readonly r: number,
    private readonly lossGood: number,
    private readonly lossBad: number,
    random: RandomStream,
  ) {
    this.key0 = (random.uniform() * 4294967296) | 0;
    this.key1 = (random.uniform() * 4294967296) | 0;
  }

  lose(packets: PacketPool, packet: PacketId, hop: number): boolean {
    const flow = packets.flow(packet);
    const seq = packets.seq(packet);
    const ack = packets.ack(packet);
    const sentAt = packets.sentAt(packet);
    if (flow >= this.bad.length) {
      const grown = new Uint8Array(Math.max(2 * this.bad.length, flow + 1));
      grown.set(this.bad);
      this.bad = grown;
    }
    const u = keyedUniform(this.key0, this.key1, flow, seq, ack, sentAt, hop);
    const bad = this.bad[flow] === 1 ? u >= this.r : u < this.p;
    this.bad[flow] = bad ? 1 : 0;
    const loss = bad ? this.lossBad : this.lossGood;
    if (loss <= 0) return false;
    if (loss >= 1) return true;
    // a second draw for the loss itself, from the other key order
    return keyedUniform(this.key1, this.key0, flow, seq, ack, sentAt, hop) < loss;
  }
}
