import type { RandomStream } from '../core/random.js';
import type { Simulator } from '../core/simulator.js';
import { Sampler, type DistributionSpec } from '../core/distribution.js';

/** A sampler of `spec` drawing from `stream` (a stream name, or a stream shared with other draws). */
export function sampler(sim: Simulator, spec: DistributionSpec, stream: string | RandomStream): Sampler {
  if (spec.kind === 'fixed') return new Sampler(spec, undefined);
  return new Sampler(spec, typeof stream === 'string' ? sim.random.stream(stream) : stream);
}
