import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { num, rowOf, simulate } from '../helpers.js';

/** Jain's fairness index: (sum x)^2 / (n sum x^2); 1 when all are equal, 1/n when one takes all. */
const jain = (xs: number[]) => xs.reduce((a, b) => a + b, 0) ** 2 / (xs.length * xs.reduce((a, b) => a + b * b, 0));

describe('eight TCP flows with equal RTTs on one bottleneck (dumbbell-tcp)', () => {
  // 10 measured seconds after a 1 s warm-up
  const yaml = readFileSync('scenarios/dumbbell-tcp.yaml', 'utf8').replace(/^duration: .*$/m, 'duration: 11s\nwarmup: 1s');
  const result = simulate(yaml);

  it("share it fairly: Jain's index >= 0.95", () => {
    const goodputs = result.flows.map((f) => num(f, 'goodput_bps'));
    expect(goodputs).toHaveLength(8);
    expect(jain(goodputs)).toBeGreaterThanOrEqual(0.95);
  });

  it('keep it busy: utilization >= 95%', () => {
    expect(num(rowOf(result.links, 'link', 'R1->R2'), 'utilization')).toBeGreaterThanOrEqual(0.95);
  });

  it('recover their losses without timeouts', () => {
    for (const f of result.flows) expect(num(f, 'timeouts')).toBe(0);
  });
});

describe("Jain's index", () => {
  it('is 1 for equal shares and 1/n when one flow takes everything', () => {
    expect(jain([5, 5, 5, 5])).toBe(1);
    expect(jain([8, 0, 0, 0])).toBe(0.25);
  });
});
