import type { Nanos } from '../core/time.js';
import { NS_PER_MS, NS_PER_S } from '../core/time.js';
import type { AppFlowSpec } from '../scenario/scenario.js';
import { DelayStats } from '../probes/delay-stats.js';
import { burstRatio, mosFromR, rFactor } from './e-model.js';
import type { FlowStats } from '../net/flow-stats.js';
import type { MediaQuality, WindowedQuality } from '../probes/media-quality.js';
import type { Row, RunIdentity } from './records.js';
import { TimeAverage } from '../probes/time-average.js';
import type { SessionCounters } from '../probes/session-counters.js';
import type { TeamsTargets } from './teams-targets.js';

/** What one application of one site did in a run: its flows, sessions and quality. */
export class AppStats implements SessionCounters {
  /** Calls or transactions started after the warm-up, and transactions completed. */
  started = 0;
  completed = 0;
  /** Transactions arrived but not completed (at the end: a backlog means overload). */
  active = 0;
  readonly concurrency: TimeAverage;
  readonly completion = new DelayStats();
  /** Calls: quality of each direction. */
  quality: { up: MediaQuality; down: MediaQuality } | undefined;

  constructor(
    readonly spec: AppFlowSpec,
    /** From the users to the service, and back. */
    readonly up: FlowStats,
    readonly down: FlowStats,
    warmup: Nanos,
  ) {
    this.concurrency = new TimeAverage(warmup);
  }

  /** Close the books: a call flow's jitter in flows.csv is the mean of its calls' own (RFC 3550) estimates. */
  finish(): void {
    if (this.quality === undefined) return;
    if (this.quality.up.received > 0) this.up.meanJitterOf = this.quality.up.meanJitter;
    if (this.quality.down.received > 0) this.down.meanJitterOf = this.quality.down.meanJitter;
    // the same windows as the Teams targets (window_jitter_p95_ms), in nanoseconds
    if (this.quality.up.received > 0) this.up.jitterP95Of = this.quality.up.windowed().jitterP95Ms * 1e6;
    if (this.quality.down.received > 0) this.down.jitterP95Of = this.quality.down.windowed().jitterP95Ms * 1e6;
  }
}

const ms = (ns: number): number => ns / NS_PER_MS;
const flag = (ok: boolean): number => (ok ? 1 : 0);

/** apps.csv: one row per application, site and direction (calls have two). */
export function appRows(id: RunIdentity, app: AppStats, measured: Nanos, end: Nanos, targets: TeamsTargets): Row[] {
  const spec = app.spec;
  const base = {
    variant: id.variant,
    replication: id.replication,
    seed: id.seed,
    site: spec.site,
    application: spec.application,
    kind: spec.model.kind,
    service: spec.service,
  };
  const perSecond = (bytes: number): number => (bytes * 8 * NS_PER_S) / measured;
  if (app.quality === undefined) {
    const model = spec.model;
    const payload = model.kind === 'transfer' && model.direction === 'up' ? app.up : app.down;
    const c = app.completion;
    const reached = app.up.route?.pathLabel() !== 'none' && app.down.route?.pathLabel() !== 'none';
    return [
      {
        ...base,
        direction: model.kind === 'transfer' ? model.direction : 'down',
        path: reached ? (payload.route?.pathLabel() ?? 'none') : 'none',
        sessions: app.started,
        concurrency_mean: app.concurrency.mean(end),
        throughput_bps: perSecond(payload.rxBytes),
        goodput_bps: perSecond(payload.tcp?.goodputBytes ?? 0),
        completed: app.completed,
        unfinished: app.active,
        completion_mean_s: c.mean / NS_PER_S,
        completion_p50_s: c.percentile(50) / NS_PER_S,
        completion_p95_s: c.percentile(95) / NS_PER_S,
        completion_p99_s: c.percentile(99) / NS_PER_S,
        retransmits: (app.up.tcp?.retransmits ?? 0) + (app.down.tcp?.retransmits ?? 0),
        timeouts: (app.up.tcp?.timeouts ?? 0) + (app.down.tcp?.timeouts ?? 0),
      },
    ].map(complete);
  }
  if (spec.model.kind !== 'call') throw new Error('media quality for a call only');
  const model = spec.model;
  const up = app.quality.up.windowed();
  const down = app.quality.down.windowed();
  const roundTripP95 = up.delayP95Ms + down.delayP95Ms;
  const row = (direction: 'up' | 'down', flow: FlowStats, q: MediaQuality, w: WindowedQuality): Row => {
    const delayMean = ms(flow.delay.mean);
    const jitter = ms(q.meanJitter);
    const loss = q.lossRatio;
    // the absolute delay a listener hears: network, a jitter buffer of twice the jitter, packetization
    const mouthToEar = delayMean + 2 * jitter + ms(model.packetInterval);
    const r = rFactor(mouthToEar, 100 * (Number.isNaN(loss) ? 0 : loss), burstRatio(q.received, q.lost, q.lossRuns), model.codec);
    // the same E-model on each 15 s window, with the window's own loss and burst ratio: a call
    // that loses 11% in a bad minute shows it, where the whole run's average hides it
    const windowMos = w.perWindow.map((x) => {
      const lossPercent = (100 * x.lost) / (x.received + x.lost);
      return mosFromR(rFactor(x.delayMs + 2 * x.jitterMs + ms(model.packetInterval), lossPercent, burstRatio(x.received, x.lost, x.lossRuns), model.codec));
    });
    const reordering = q.received === 0 ? NaN : q.reordered / q.received;
    // no window heard in the measured time (no call at that hour): nothing to judge, not a failure
    const judged = (met: boolean): number => (w.windows === 0 ? NaN : flag(met));
    const ok = {
      delay: w.delayP95Ms < targets.oneWayMs,
      rtt: roundTripP95 < targets.roundTripMs,
      loss: w.lossP95 < targets.loss,
      burst: w.burstLossP95 < targets.burstLoss,
      jitter: w.jitterP95Ms < targets.jitterMs,
      reordering: !(reordering >= targets.reordering),
    };
    return {
      ...base,
      direction,
      path: flow.route?.pathLabel() ?? 'none',
      sessions: app.started,
      concurrency_mean: app.concurrency.mean(end),
      throughput_bps: perSecond(flow.rxBytes),
      delay_mean_ms: delayMean,
      delay_p95_ms: ms(flow.delay.percentile(95)),
      delay_p99_ms: ms(flow.delay.percentile(99)),
      jitter_ms: jitter,
      loss_ratio: loss,
      reordering,
      burst_loss_max: w.burstLossMax,
      r_factor: q.received === 0 ? NaN : r,
      mos: q.received === 0 ? NaN : mosFromR(r),
      mos_window_mean: windowMos.length === 0 ? NaN : windowMos.reduce((a, b) => a + b, 0) / windowMos.length,
      mos_window_p5: percentile5(windowMos),
      windows: w.windows,
      window_delay_p95_ms: w.delayP95Ms,
      window_rtt_p95_ms: roundTripP95,
      window_jitter_p95_ms: w.jitterP95Ms,
      window_loss_p95: w.lossP95,
      window_burst_loss_p95: w.burstLossP95,
      target_delay_met: judged(ok.delay),
      target_rtt_met: judged(ok.rtt),
      target_loss_met: judged(ok.loss),
      target_burst_loss_met: judged(ok.burst),
      target_jitter_met: judged(ok.jitter),
      target_reordering_met: judged(ok.reordering),
      targets_met: judged(Object.values(ok).every((x) => x)),
    };
  };
  return [row('up', app.up, app.quality.up, up), row('down', app.down, app.quality.down, down)].map(complete);
}

/** Every column of apps.csv, NaN (an empty cell) where the application has no such figure. */
function complete(row: Row): Row {
  const out: Row = {};
  for (const c of APP_COLUMNS) out[c] = row[c] ?? NaN;
  return out;
}

/** Columns of apps.csv, in order (calls and transactions fill different ones). */
export const APP_COLUMNS = [
  'variant', 'replication', 'seed', 'site', 'application', 'kind', 'service', 'direction', 'path', 'sessions', 'concurrency_mean',
  'throughput_bps', 'delay_mean_ms', 'delay_p95_ms', 'delay_p99_ms', 'jitter_ms', 'loss_ratio', 'reordering', 'burst_loss_max',
  'r_factor', 'mos', 'mos_window_mean', 'mos_window_p5', 'windows', 'window_delay_p95_ms', 'window_rtt_p95_ms', 'window_jitter_p95_ms', 'window_loss_p95',
  'window_burst_loss_p95', 'target_delay_met', 'target_rtt_met', 'target_loss_met', 'target_burst_loss_met', 'target_jitter_met',
  'target_reordering_met', 'targets_met', 'goodput_bps', 'completed', 'unfinished', 'completion_mean_s', 'completion_p50_s',
  'completion_p95_s', 'completion_p99_s', 'retransmits', 'timeouts',
];

/** 5th percentile of a few values (nearest rank): the worst 5% of windows; NaN when there are none. */
function percentile5(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(0.05 * sorted.length) - 1)]!;
}
