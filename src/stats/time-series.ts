import type { EventHandler } from '../core/event-list.js';
import type { Simulator } from '../core/simulator.js';
import type { Nanos } from '../core/time.js';
import { NS_PER_MS, NS_PER_S } from '../core/time.js';
import type { Network } from '../net/network.js';
import type { RunIdentity } from './records.js';

/** The measured columns of a time-series row, in the order they are stored per sample and entity. */
export const TIME_SERIES_VALUES = ['throughput_bps', 'goodput_bps', 'cwnd_bytes', 'queue_packets', 'queue_delay_ms'] as const;
const WIDTH = TIME_SERIES_VALUES.length;

export const TIME_SERIES_COLUMNS = ['variant', 'replication', 'time_s', 'kind', 'name', ...TIME_SERIES_VALUES] as const;

/**
 * A replication's time series, column-free: only the measured values are stored (40 bytes per
 * sample of a flow or link); the instant and the entity of a value follow from its index. Sample k
 * is taken at `first + k * interval` ns; within a sample come every flow, then every link, in the
 * order of `names`. Ten million rows are 400 MB of doubles instead of ten million row objects.
 */
export interface TimeSeries {
  variant: string;
  replication: number;
  first: Nanos;
  interval: Nanos;
  /** How many of `names` (the first ones) are flows; the rest are links. */
  flows: number;
  names: string[];
  samples: number;
  /** samples x names.length x TIME_SERIES_VALUES.length doubles, sample-major. */
  values: Float64Array;
}

/** Rows of a time series: how many, and the values of one (entity `e` at sample `k`). */
export const timeSeriesRows = (series: TimeSeries): number => series.samples * series.names.length;
export const valueIndex = (series: TimeSeries, k: number, e: number): number => (k * series.names.length + e) * WIDTH;

/** Every link sample of some time series, given to `visit` (variant, link, time in s, bit/s, queueing delay in ms). */
export function forEachLinkSample(
  series: readonly TimeSeries[],
  visit: (variant: string, name: string, time: number, throughputBps: number, queueDelayMs: number) => void,
): void {
  for (const s of series) {
    for (let k = 0; k < s.samples; k++) {
      const time = (s.first + k * s.interval) / NS_PER_S;
      for (let e = s.flows; e < s.names.length; e++) {
        const at = valueIndex(s, k, e);
        visit(s.variant, s.names[e]!, time, s.values[at]!, s.values[at + 4]!);
      }
    }
  }
}

/**
 * Samples every flow and link at a fixed interval from the end of the warm-up: per interval
 * throughput (bits received by a flow's sink, or put on a link), TCP goodput and congestion window,
 * and queue lengths. A link's lazy serializer is caught up to the sampling time first
 * (`Link.catchUp`), so its queue and the bytes it has put on the wire are those of that instant;
 * catching up makes only the decisions already due and schedules nothing, so turning sampling on
 * never changes a result.
 */
export class TimeSeriesSampler implements EventHandler {
  private readonly lastFlowBytes: Float64Array;
  private readonly lastGoodput: Float64Array;
  private readonly lastLinkBytes: Float64Array;
  private values: Float64Array;
  private samples = 0;

  /** `end`: when the run stops, to size the store at once (it grows should more samples come). */
  constructor(
    private readonly sim: Simulator,
    private readonly network: Network,
    private readonly interval: Nanos,
    private readonly id: RunIdentity,
    end: Nanos,
  ) {
    this.lastFlowBytes = new Float64Array(network.flows.length);
    this.lastGoodput = new Float64Array(network.flows.length);
    this.lastLinkBytes = new Float64Array(network.links.length);
    const expected = Math.max(1, Math.floor((end - sim.warmup) / interval));
    this.values = new Float64Array(expected * this.entities() * WIDTH);
  }

  begin(): void {
    this.sim.at(this.sim.warmup + this.interval, this, 0);
  }

  onEvent(): void {
    const perSecond = NS_PER_S / this.interval;
    const entities = this.entities();
    if ((this.samples + 1) * entities * WIDTH > this.values.length) {
      const grown = new Float64Array(Math.max(2 * this.values.length, (this.samples + 1) * entities * WIDTH));
      grown.set(this.values);
      this.values = grown;
    }
    const v = this.values;
    let at = this.samples * entities * WIDTH;
    const flows = this.network.flows;
    for (let i = 0; i < flows.length; i++, at += WIDTH) {
      const flow = flows[i]!;
      const tcp = flow.tcp;
      v[at] = (flow.rxBytes - this.lastFlowBytes[i]!) * 8 * perSecond;
      v[at + 1] = tcp ? (tcp.goodputBytes - this.lastGoodput[i]!) * 8 * perSecond : NaN;
      v[at + 2] = tcp ? tcp.cwnd.current : NaN;
      v[at + 3] = NaN;
      v[at + 4] = NaN;
      this.lastFlowBytes[i] = flow.rxBytes;
      if (tcp) this.lastGoodput[i] = tcp.goodputBytes;
    }
    const now = this.sim.now;
    const links = this.network.links;
    for (let i = 0; i < links.length; i++, at += WIDTH) {
      const link = links[i]!;
      link.catchUp(now);
      v[at] = (link.stats.txBytes - this.lastLinkBytes[i]!) * 8 * perSecond;
      v[at + 1] = NaN;
      v[at + 2] = NaN;
      v[at + 3] = link.queuedPackets;
      v[at + 4] = link.backlog(now) / NS_PER_MS;
      this.lastLinkBytes[i] = link.stats.txBytes;
    }
    this.samples++;
    this.sim.after(this.interval, this, 0);
  }

  /** The samples taken so far. */
  series(): TimeSeries {
    return {
      variant: this.id.variant,
      replication: this.id.replication,
      first: this.sim.warmup + this.interval,
      interval: this.interval,
      flows: this.network.flows.length,
      names: [...this.network.flows.map((f) => f.name), ...this.network.links.map((l) => l.name)],
      samples: this.samples,
      values: this.values.subarray(0, this.samples * this.entities() * WIDTH),
    };
  }

  private entities(): number {
    return this.network.flows.length + this.network.links.length;
  }
}
