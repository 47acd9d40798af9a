import type { CodecSpec } from '../scenario/scenario.js';

/**
 * ITU-T G.107 E-model, simplified for network planning: every impairment at its G.107 default
 * except the two the network causes. R = 93.2 - Idd(Ta) - Ie,eff, where
 *  - Idd is G.107's delay impairment for an absolute one-way delay Ta (zero up to 100 ms); the
 *    talker-echo and listener-echo terms (Idte, Idle) are taken as 0: echo is assumed cancelled;
 *  - Ie,eff = Ie + (95 - Ie) * Ppl / (Ppl / BurstR + Bpl), with the codec's Ie and Bpl (G.113).
 */
export function rFactor(oneWayDelayMs: number, lossPercent: number, burstR: number, codec: Pick<CodecSpec, 'ie' | 'bpl'>): number {
  return 93.2 - delayImpairment(oneWayDelayMs) - effectiveEquipmentImpairment(lossPercent, burstR, codec);
}

/** G.107 Idd: 0 for Ta <= 100 ms, else 25 * ((1 + X^6)^(1/6) - 3 (1 + (X/3)^6)^(1/6) + 2), X = log2(Ta / 100). */
export function delayImpairment(ta: number): number {
  if (!(ta > 100)) return 0;
  const x = Math.log2(ta / 100);
  return 25 * ((1 + x ** 6) ** (1 / 6) - 3 * (1 + (x / 3) ** 6) ** (1 / 6) + 2);
}

export function effectiveEquipmentImpairment(lossPercent: number, burstR: number, codec: Pick<CodecSpec, 'ie' | 'bpl'>): number {
  const ppl = Math.max(0, lossPercent);
  return codec.ie + ((95 - codec.ie) * ppl) / (ppl / Math.max(1, burstR) + codec.bpl);
}

/** G.107 Annex B: R to the estimated mean opinion score (conversational quality), 1 to 4.5. */
export function mosFromR(r: number): number {
  if (r <= 0) return 1;
  if (r >= 100) return 4.5;
  return 1 + 0.035 * r + r * (r - 60) * (100 - r) * 7e-6;
}

/**
 * G.107's burst ratio from observed loss runs: BurstR = 1 / (p + q), p the chance of a loss after a
 * received packet, q the chance of a receipt after a loss (1 for random loss).
 */
export function burstRatio(received: number, lost: number, lossRuns: number): number {
  if (lost === 0 || lossRuns === 0 || received === 0) return 1;
  const p = lossRuns / received;
  const q = lossRuns / lost;
  return 1 / (p + q);
}
