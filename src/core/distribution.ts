import type { RandomStream } from './random.js';

/** A non-negative random quantity (a size in bytes, a period in nanoseconds) given by its mean. */
export type DistributionSpec =
  | { kind: 'fixed'; mean: number }
  | { kind: 'exponential'; mean: number }
  | { kind: 'pareto'; mean: number; shape: number }
  | { kind: 'weibull'; mean: number; shape: number }
  | { kind: 'lognormal'; mean: number; sigma: number };

/** Draws values of a DistributionSpec from its own random stream. */
export class Sampler {
  constructor(
    readonly spec: DistributionSpec,
    private readonly random: RandomStream | undefined,
  ) {
    if (spec.kind !== 'fixed' && random === undefined) throw new Error(`a ${spec.kind} sampler needs a random stream`);
  }

  get mean(): number {
    return this.spec.mean;
  }

  next(): number {
    const s = this.spec;
    switch (s.kind) {
      case 'fixed':
        return s.mean;
      case 'exponential':
        return this.random!.exponential(s.mean);
      case 'pareto':
        return this.random!.pareto(s.mean, s.shape);
      case 'weibull':
        return this.random!.weibull(s.mean, s.shape);
      case 'lognormal':
        return this.random!.lognormal(s.mean, s.sigma);
    }
  }
}
