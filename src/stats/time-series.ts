import type { EventHandler } from '../core/event-list.js';
import type { Simulator } from '../core/simulator.js';
import type { Nanos } from '../core/time.js';
import { NS_PER_MS, NS_PER_S } from '../core/time.js';
import type { Network } from '../net/network.js';
import type { Row, RunIdentity } from './records.js';

/**
 * Samples every flow and link at a fixed interval from the end of the warm-up: per interval
 * throughput (bits received by a flow's sink, or put on a link), TCP goodput and congestion window,
 * and queue lengths. A link's lazy serializer is caught up to the sampling time first
 * (`Link.catchUp`), so its queue and the bytes it has put on the wire are those of that instant;
 * catching up makes only the decisions already due and schedules nothing, so turning sampling on
 * never changes a result.
 */
export class TimeSeriesSampler implements EventHandler {
  readonly rows: Row[] = [];
  private readonly lastFlowBytes: Float64Array;
  private readonly lastGoodput: Float64Array;
  private readonly lastLinkBytes: Float64Array;

  constructor(
    private readonly sim: Simulator,
    private readonly network: Network,
    private readonly interval: Nanos,
    private readonly id: RunIdentity,
  ) {
    this.lastFlowBytes = new Float64Array(network.flows.length);
    this.lastGoodput = new Float64Array(network.flows.length);
    this.lastLinkBytes = new Float64Array(network.links.length);
  }

  begin(): void {
    this.sim.at(this.sim.warmup + this.interval, this, 0);
  }

  onEvent(): void {
    const time = this.sim.now / NS_PER_S;
    const perSecond = NS_PER_S / this.interval;
    this.network.flows.forEach((flow, i) => {
      const tcp = flow.tcp;
      this.rows.push({
        variant: this.id.variant,
        replication: this.id.replication,
        time_s: time,
        kind: 'flow',
        name: flow.name,
        throughput_bps: (flow.rxBytes - this.lastFlowBytes[i]!) * 8 * perSecond,
        goodput_bps: tcp ? (tcp.goodputBytes - this.lastGoodput[i]!) * 8 * perSecond : NaN,
        cwnd_bytes: tcp ? tcp.cwnd.current : NaN,
        queue_packets: NaN,
        queue_delay_ms: NaN,
      });
      this.lastFlowBytes[i] = flow.rxBytes;
      if (tcp) this.lastGoodput[i] = tcp.goodputBytes;
    });
    const now = this.sim.now;
    this.network.links.forEach((link, i) => {
      link.catchUp(now);
      this.rows.push({
        variant: this.id.variant,
        replication: this.id.replication,
        time_s: time,
        kind: 'link',
        name: link.name,
        throughput_bps: (link.stats.txBytes - this.lastLinkBytes[i]!) * 8 * perSecond,
        goodput_bps: NaN,
        cwnd_bytes: NaN,
        queue_packets: link.queuedPackets,
        queue_delay_ms: link.backlog(this.sim.now) / NS_PER_MS,
      });
      this.lastLinkBytes[i] = link.stats.txBytes;
    });
    this.sim.after(this.interval, this, 0);
  }
}

export const TIME_SERIES_COLUMNS = ['variant', 'replication', 'time_s', 'kind', 'name', 'throughput_bps', 'goodput_bps', 'cwnd_bytes', 'queue_packets', 'queue_delay_ms'] as const;
