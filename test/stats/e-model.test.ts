import { describe, expect, it } from 'vitest';
import { CODECS } from '../../src/planner/applications.js';
import { burstRatio, delayImpairment, mosFromR, rFactor } from '../../src/stats/e-model.js';

const mos = (delayMs: number, lossPercent: number, codec = CODECS.g711, burst = 1) => mosFromR(rFactor(delayMs, lossPercent, burst, codec));

describe('E-model (ITU-T G.107)', () => {
  it('G.711 with no loss and 20 ms of delay: R = 93.2, MOS about 4.4', () => {
    expect(rFactor(20, 0, 1, CODECS.g711)).toBeCloseTo(93.2, 9);
    expect(mos(20, 0)).toBeCloseTo(4.41, 2);
  });

  it('R to MOS at the reference points of G.107 Annex B', () => {
    for (const [r, expected] of [[50, 2.58], [60, 3.1], [70, 3.6], [80, 4.02], [90, 4.34]] as const) {
      expect(Math.abs(mosFromR(r) - expected)).toBeLessThan(0.01);
    }
    expect(mosFromR(-5)).toBe(1);
    expect(mosFromR(120)).toBe(4.5);
  });

  it('delay impairment Idd: none up to 100 ms, then G.107 values (hand-computed)', () => {
    expect(delayImpairment(100)).toBe(0);
    // X = log2(Ta/100): 150 ms -> 0.164, 200 ms -> 3.04, 300 ms -> 14.76, 400 ms -> 24.07
    for (const [ta, idd] of [[150, 0.164], [200, 3.044], [300, 14.761], [400, 24.07]] as const) expect(delayImpairment(ta)).toBeCloseTo(idd, 2);
    expect(Math.abs(mos(300, 0) - 3.96)).toBeLessThan(0.1);
    expect(Math.abs(mos(400, 0) - 3.56)).toBeLessThan(0.1);
  });

  it('loss: Ie,eff = Ie + (95 - Ie) Ppl / (Ppl / BurstR + Bpl), G.113 codec values', () => {
    // G.711 with PLC (Bpl 25.1), random loss: 1% -> R 89.56, 3% -> 83.06, 5% -> 77.42
    expect(Math.abs(mos(20, 1) - 4.33)).toBeLessThan(0.1);
    expect(Math.abs(mos(20, 3) - 4.13)).toBeLessThan(0.1);
    expect(Math.abs(mos(20, 5) - 3.92)).toBeLessThan(0.1);
    // G.729A (Ie 11, Bpl 19), 2% random loss: R = 93.2 - 19 = 74.2
    expect(rFactor(20, 2, 1, CODECS.g729)).toBeCloseTo(74.2, 6);
    // bursty loss hurts more than random loss at the same rate
    expect(mos(20, 3, CODECS.g711, 2)).toBeLessThan(mos(20, 3));
  });

  it('MOS falls as loss and delay grow', () => {
    let last = Infinity;
    for (const loss of [0, 0.5, 1, 2, 5, 10, 20]) {
      const m = mos(50, loss);
      expect(m).toBeLessThan(last);
      last = m;
    }
    last = Infinity;
    for (const delay of [120, 150, 200, 300, 400, 600]) {
      const m = mos(delay, 1);
      expect(m).toBeLessThan(last);
      last = m;
    }
  });

  it('burst ratio: 1 for random loss, above 1 when losses come in runs', () => {
    // random loss of 2%: a loss follows a receipt with p = 0.02, a receipt follows a loss with q = 0.98
    expect(burstRatio(98_000, 2_000, 1_960)).toBeCloseTo(1, 2);
    // the same loss in runs of 4
    expect(burstRatio(98_000, 2_000, 500)).toBeCloseTo(1 / (500 / 98_000 + 0.25), 9);
    expect(burstRatio(100, 0, 0)).toBe(1);
  });
});
