import type { Nanos } from '../core/time.js';
import { NS_PER_MS, NS_PER_S } from '../core/time.js';
import { DROP_REASON_NAMES, DropReason } from '../net/drop-reason.js';
import type { Link } from '../net/link.js';
import type { DropCounters } from '../probes/drop-counters.js';
import type { FlowStats } from '../net/flow-stats.js';

/** One row of a results table: column name -> value (NaN for "not defined"). */
export type Row = Record<string, string | number>;

export interface RunIdentity {
  variant: string;
  replication: number;
  seed: number;
}

const ms = (ns: Nanos): number => ns / NS_PER_MS;

export function flowRow(id: RunIdentity, flow: FlowStats, measured: Nanos, end: Nanos): Row {
  const seen = flow.rxPackets + flow.lostPackets;
  const d = flow.delay;
  const tcp = flow.tcp;
  const perSecond = (bytes: number) => (bytes * 8 * NS_PER_S) / measured;
  return {
    variant: id.variant,
    replication: id.replication,
    seed: id.seed,
    flow: flow.name,
    protocol: flow.info.protocol,
    path: flow.route?.pathLabel() ?? 'none',
    from: flow.info.from,
    to: flow.info.to,
    dscp: flow.info.dscp,
    tx_packets: flow.txPackets,
    tx_bytes: flow.txBytes,
    rx_packets: flow.rxPackets,
    rx_bytes: flow.rxBytes,
    lost_packets: flow.lostPackets,
    loss_ratio: seen === 0 ? NaN : flow.lostPackets / seen,
    throughput_bps: activeRate(flow),
    mean_rate_bps: perSecond(flow.rxBytes),
    delay_mean_ms: ms(d.mean),
    delay_p50_ms: ms(d.percentile(50)),
    delay_p95_ms: ms(d.percentile(95)),
    delay_p99_ms: ms(d.percentile(99)),
    delay_max_ms: d.count === 0 ? NaN : ms(d.max),
    jitter_ms: d.count === 0 ? NaN : ms(flow.meanJitter),
    jitter_p95_ms: d.count === 0 ? NaN : ms(flow.jitterP95),
    goodput_bps: tcp ? perSecond(tcp.goodputBytes) : NaN,
    delivered_bytes: tcp ? tcp.goodputBytes : NaN,
    retransmits: tcp ? tcp.retransmits : NaN,
    timeouts: tcp ? tcp.timeouts : NaN,
    lost_acks: tcp ? flow.lostAcks : NaN,
    rtt_mean_ms: tcp ? ms(tcp.rtt.mean) : NaN,
    rtt_p99_ms: tcp ? ms(tcp.rtt.percentile(99)) : NaN,
    cwnd_final_bytes: tcp ? tcp.cwnd.current : NaN,
    cwnd_mean_bytes: tcp ? tcp.cwnd.mean(end) : NaN,
    slow_start_end_ms: tcp ? ms(tcp.slowStartEnd) : NaN,
    completions: tcp ? tcp.completion.count : NaN,
    fct_ms: tcp ? ms(tcp.completion.mean) : NaN,
    fct_p50_ms: tcp ? ms(tcp.completion.percentile(50)) : NaN,
    fct_p99_ms: tcp ? ms(tcp.completion.percentile(99)) : NaN,
  };
}

/**
 * Bits received over the flow's own active time, from its first packet sent after the warm-up to
 * its last packet received (ns-3 FlowMonitor's definition); NaN before two such instants exist.
 */
function activeRate(flow: FlowStats): number {
  const span = flow.lastArrivalAt - flow.firstSentAt;
  return span > 0 ? (flow.rxBytes * 8 * NS_PER_S) / span : NaN;
}

export function linkRow(id: RunIdentity, link: Link, measured: Nanos): Row {
  const s = link.stats;
  const q = s.queueDelay;
  const row: Row = {
    variant: id.variant,
    replication: id.replication,
    seed: id.seed,
    link: link.name,
    from: link.from.name,
    to: link.to.name,
    bandwidth_bps: link.bandwidthBps,
    delay_ms: ms(link.delay),
    tx_packets: s.txPackets,
    tx_bytes: s.txBytes,
    throughput_bps: (s.txBytes * 8 * NS_PER_S) / measured,
    // a policed link (an ExpressRoute connection on a faster port): the carried rate over the policed one
    utilization: Number.isFinite(link.rateLimitBps) ? (s.txBytes * 8 * NS_PER_S) / measured / link.rateLimitBps : s.busyNs / measured,
    queue_delay_mean_ms: ms(q.mean),
    queue_delay_p50_ms: ms(q.percentile(50)),
    queue_delay_p99_ms: ms(q.percentile(99)),
  };
  let total = 0;
  for (const reason of Object.values(DropReason)) {
    if (reason === DropReason.NoRoute) continue; // a node's drop, never a link's
    const n = s.drops.byReason(reason);
    row[`drops_${DROP_REASON_NAMES[reason]}`] = n;
    total += n;
  }
  row.drops_total = total;
  return row;
}

export const DROP_COLUMNS = ['variant', 'replication', 'seed', 'location', 'class', 'reason', 'packets', 'bytes'] as const;

/** Non-zero drop counters of a link or node, one row per (class, reason). */
export function dropRows(id: RunIdentity, location: string, classNames: readonly string[], drops: DropCounters): Row[] {
  const rows: Row[] = [];
  for (let c = 0; c < drops.classes; c++) {
    for (let r = 0; r < DROP_REASON_NAMES.length; r++) {
      const i = r * drops.classes + c;
      if (drops.packets[i] === 0) continue;
      rows.push({
        variant: id.variant,
    replication: id.replication,
        seed: id.seed,
        location,
        class: classNames[c]!,
        reason: DROP_REASON_NAMES[r]!,
        packets: drops.packets[i]!,
        bytes: drops.bytes[i]!,
      });
    }
  }
  return rows;
}
