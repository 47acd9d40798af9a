import type { DistributionSpec } from '../core/distribution.js';
import type { CrossTrafficSpec, LossSpec, OutageProcessSpec } from './scenario.js';
import { DEFAULTS } from './scenario.js';
import type { ParsedCrossTraffic, ParsedFailures, ParsedLifetime, ParsedLoss } from './schema.js';

/** Loss on a link: a probability (Bernoulli), Gilbert-Elliott, or a list of packets to drop. */
export function normalizeLoss(loss: ParsedLoss | undefined, dropPackets: number[] | undefined): LossSpec {
  if (dropPackets !== undefined) return { kind: 'list', packets: dropPackets };
  if (loss === undefined || loss === 0) return { kind: 'none' };
  if (typeof loss === 'number') return { kind: 'bernoulli', p: loss };
  const g = loss.gilbert;
  // netem's defaults: no loss in the good state, every packet lost in the bad state
  return { kind: 'gilbert', p: g.p, r: g.r, lossGood: g.loss_good ?? 0, lossBad: g.loss_bad ?? 1 };
}

function lifetime(d: ParsedLifetime): DistributionSpec {
  if (typeof d === 'number') return { kind: 'exponential', mean: d };
  if ('exponential' in d) return { kind: 'exponential', mean: d.exponential };
  if ('weibull' in d) return { kind: 'weibull', mean: d.weibull.mean, shape: d.weibull.shape };
  return { kind: 'lognormal', mean: d.lognormal.mean, sigma: d.lognormal.sigma };
}

export function normalizeFailures(failures: ParsedFailures | undefined): OutageProcessSpec | undefined {
  return failures && { up: lifetime(failures.mtbf), down: lifetime(failures.mttr) };
}

const DEFAULT_PERIOD: DistributionSpec = { kind: 'pareto', mean: 100_000_000, shape: 1.5 };

function period(d: ParsedCrossTraffic['on']): DistributionSpec {
  if (d === undefined) return DEFAULT_PERIOD;
  if (typeof d === 'number') return { kind: 'exponential', mean: d };
  if ('exponential' in d) return { kind: 'exponential', mean: d.exponential };
  return { kind: 'pareto', mean: d.pareto.mean, shape: d.pareto.shape };
}

export function normalizeCrossTraffic(x: ParsedCrossTraffic | undefined): CrossTrafficSpec | undefined {
  if (x === undefined || x.load === 0) return undefined;
  return {
    load: x.load,
    sources: x.sources ?? DEFAULTS.crossTrafficSources,
    on: period(x.on),
    off: period(x.off),
    packetSize: x.packet_size ?? DEFAULTS.packetSize,
    profile: x.profile && { hourly: x.profile, startHour: x.start_hour ?? 0 },
  };
}
