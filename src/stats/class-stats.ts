import type { Nanos } from '../core/time.js';
import { NS_PER_MS, NS_PER_S } from '../core/time.js';
import { DEFAULT_CLASS_MAP } from '../net/queues/class-map.js';
import { DelayStats } from '../probes/delay-stats.js';
import type { FlowStats } from '../net/flow-stats.js';
import type { Row, RunIdentity } from './records.js';

/**
 * Per traffic class (voice, video, sharing, bulk, default, by the flow's DSCP) and per path
 * (internet, expressroute, ...): the flows' packets pooled, delay distributions merged.
 */
export function classRows(id: RunIdentity, flows: readonly FlowStats[], measured: Nanos): Row[] {
  const groups = new Map<string, { cls: string; path: string; flows: FlowStats[] }>();
  for (const flow of flows) {
    if (flow.info.background) continue;
    const cls = DEFAULT_CLASS_MAP.names[DEFAULT_CLASS_MAP.classOf[flow.info.dscp]!]!;
    const path = flow.route?.pathLabel() ?? 'none';
    const key = `${cls}|${path}`;
    const group = groups.get(key) ?? { cls, path, flows: [] };
    group.flows.push(flow);
    groups.set(key, group);
  }
  return [...groups.values()]
    .sort((a, b) => DEFAULT_CLASS_MAP.names.indexOf(a.cls) - DEFAULT_CLASS_MAP.names.indexOf(b.cls) || a.path.localeCompare(b.path))
    .map(({ cls, path, flows: members }) => {
      const delay = new DelayStats();
      let rxBytes = 0;
      let rxPackets = 0;
      let lost = 0;
      let jitter = 0;
      for (const f of members) {
        delay.merge(f.delay);
        rxBytes += f.rxBytes;
        rxPackets += f.rxPackets;
        lost += f.lostPackets;
        jitter += f.jitter * f.rxPackets;
      }
      const ms = (ns: number) => ns / NS_PER_MS;
      return {
        variant: id.variant,
        replication: id.replication,
        seed: id.seed,
        class: cls,
        path,
        flows: members.length,
        rx_packets: rxPackets,
        throughput_bps: (rxBytes * 8 * NS_PER_S) / measured,
        loss_ratio: rxPackets + lost === 0 ? NaN : lost / (rxPackets + lost),
        delay_mean_ms: ms(delay.mean),
        delay_p50_ms: ms(delay.percentile(50)),
        delay_p95_ms: ms(delay.percentile(95)),
        delay_p99_ms: ms(delay.percentile(99)),
        jitter_ms: rxPackets === 0 ? NaN : ms(jitter / rxPackets),
      };
    });
}

/** The probabilities delays.csv gives the delay quantile at: fine in the tail, for a CDF on a log scale. */
export const DELAY_PROBABILITIES = [0.001, 0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 0.995, 0.999, 0.9999];

/** delays.csv: per traffic class (every path pooled), the one-way delay at each of DELAY_PROBABILITIES (from the merged histograms). */
export function delayQuantileRows(id: RunIdentity, flows: readonly FlowStats[]): Row[] {
  const delays = new Map<string, { cls: string; delay: DelayStats }>();
  for (const flow of flows) {
    if (flow.info.background || flow.delay.count === 0) continue;
    const cls = DEFAULT_CLASS_MAP.names[DEFAULT_CLASS_MAP.classOf[flow.info.dscp]!]!;
    const group = delays.get(cls) ?? { cls, delay: new DelayStats() };
    group.delay.merge(flow.delay);
    delays.set(cls, group);
  }
  return [...delays.values()].flatMap(({ cls, delay }) =>
    DELAY_PROBABILITIES.map((p) => ({
      variant: id.variant,
      replication: id.replication,
      seed: id.seed,
      class: cls,
      probability: p,
      delay_ms: delay.percentile(100 * p) / NS_PER_MS,
    })),
  );
}

export const CLASS_COLUMNS = [
  'variant',
  'replication',
  'seed',
  'class',
  'path',
  'flows',
  'rx_packets',
  'throughput_bps',
  'loss_ratio',
  'delay_mean_ms',
  'delay_p50_ms',
  'delay_p95_ms',
  'delay_p99_ms',
  'jitter_ms',
] as const;

export const DELAY_COLUMNS = ['variant', 'replication', 'seed', 'class', 'probability', 'delay_ms'];
