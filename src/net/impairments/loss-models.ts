import { keyedUniform, type RandomStream } from '../../core/random.js';
import type { Packet } from '../packet.js';

/** Decides, packet by packet, whether the wire loses it. */
export interface LossModel {
  lose(packet: Packet): boolean;
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

  lose(packet: Packet): boolean {
    return keyedUniform(this.key0, this.key1, packet.flow, packet.seq, packet.ack, packet.sentAt, packet.hop) < this.p;
  }
}

/** Drops the packets with the given 1-based arrival numbers on the wire: deterministic experiments. */
export class DropListLoss implements LossModel {
  private count = 0;
  private readonly drops: Set<number>;

  constructor(packetNumbers: readonly number[]) {
    this.drops = new Set(packetNumbers);
  }

  lose(_packet: Packet): boolean {
    return this.drops.has(++this.count);
  }
}

/**
 * Gilbert-Elliott burst loss (netem's parameters): a two-state Markov chain of the link stepped once
 * per packet, whatever its flow (so, as in netem, a burst spreads over the flows crossing the link,
 * and the draws of one flow depend on the others' packets: common random numbers do not hold
 * packet by packet on such a link), good -> bad with probability p, bad -> good with probability r, losing packets with
 * probability `lossGood` in the good state and `lossBad` in the bad one. Steady-state loss is
 * p/(p+r) lossBad + r/(p+r) lossGood; with lossBad = 1 and lossGood = 0, bursts last 1/r packets.
 */
export class GilbertElliottLoss implements LossModel {
  private bad = false;

  constructor(
    private readonly p: number,
    private readonly r: number,
    private readonly lossGood: number,
    private readonly lossBad: number,
    private readonly random: RandomStream,
  ) {}

  lose(_packet: Packet): boolean {
    const random = this.random;
    this.bad = this.bad ? random.uniform() >= this.r : random.uniform() < this.p;
    const loss = this.bad ? this.lossBad : this.lossGood;
    return loss > 0 && (loss >= 1 || random.uniform() < loss);
  }
}
