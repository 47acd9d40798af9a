import type { Nanos } from '../core/time.js';
import { NS_PER_MS, NS_PER_S } from '../core/time.js';

export const QUALITY_WINDOW: Nanos = 15 * NS_PER_S;
export const BURST_WINDOW: Nanos = 200 * NS_PER_MS;

/** Per-window figures of one direction of a media application, at the 95th percentile of windows. */
export interface WindowedQuality {
  windows: number;
  delayP95Ms: number;
  jitterP95Ms: number;
  lossP95: number;
  burstLossP95: number;
  /** Worst 200 ms window of the run. */
  burstLossMax: number;
  /** Each 15 s window with packets: what the E-model needs to judge it on its own. */
  perWindow: QualityWindow[];
}

/** One 15 s window of a pool of calls, one direction. */
export interface QualityWindow {
  delayMs: number;
  jitterMs: number;
  received: number;
  lost: number;
  /** Runs of consecutive losses the receivers saw start in the window. */
  lossRuns: number;
}

/**
 * Quality of one direction of a media application (every call of a site's users), in the windows the
 * Teams targets use: 15-second windows for delay, jitter and loss, and the worst 200 ms within each for
 * burst loss. A packet belongs to the window it was sent in; a packet still in flight at the end
 * counts as neither received nor lost. Windows start at the end of the warm-up.
 */
export class MediaQuality {
  private readonly received15: Float64Array;
  private readonly lost15: Float64Array;
  private readonly delaySum15: Float64Array;
  private readonly jitterSum15: Float64Array;
  private readonly received200: Float64Array;
  private readonly lost200: Float64Array;
  received = 0;
  lost = 0;
  reordered = 0;
  /** Runs of consecutive losses seen by the receivers (for the E-model's burst ratio). */
  lossRuns = 0;
  private jitterSum = 0;
  private readonly lossRuns15: Float64Array;

  constructor(
    private readonly warmup: Nanos,
    end: Nanos,
  ) {
    const span = Math.max(0, end - warmup);
    const n15 = Math.max(1, Math.ceil(span / QUALITY_WINDOW));
    const n200 = Math.max(1, Math.ceil(span / BURST_WINDOW));
    this.received15 = new Float64Array(n15);
    this.lost15 = new Float64Array(n15);
    this.delaySum15 = new Float64Array(n15);
    this.jitterSum15 = new Float64Array(n15);
    this.lossRuns15 = new Float64Array(n15);
    this.received200 = new Float64Array(n200);
    this.lost200 = new Float64Array(n200);
  }

  /** A packet sent at `sentAt` arrived after `transit`, its call's jitter estimate then being `jitter`. */
  arrived(sentAt: Nanos, transit: Nanos, jitter: Nanos): void {
    if (sentAt < this.warmup) return;
    const offset = sentAt - this.warmup;
    const w = Math.floor(offset / QUALITY_WINDOW);
    this.received++;
    this.jitterSum += jitter;
    this.received15[w]!++;
    this.delaySum15[w]! += transit;
    this.jitterSum15[w]! += jitter;
    this.received200[Math.floor(offset / BURST_WINDOW)]!++;
  }

  /** The network dropped a packet of this application, sent at `sentAt`. */
  dropped(sentAt: Nanos): void {
    if (sentAt < this.warmup) return;
    const offset = sentAt - this.warmup;
    this.lost++;
    this.lost15[Math.floor(offset / QUALITY_WINDOW)]!++;
    this.lost200[Math.floor(offset / BURST_WINDOW)]!++;
  }

  /** A receiver saw a gap in its call's sequence numbers (the start of a run of losses). */
  lossRun(sentAt: Nanos): void {
    if (sentAt < this.warmup) return;
    this.lossRuns++;
    this.lossRuns15[Math.min(this.lossRuns15.length - 1, Math.floor((sentAt - this.warmup) / QUALITY_WINDOW))]!++;
  }

  /** A receiver saw a packet older than one it already had. */
  reorder(sentAt: Nanos): void {
    if (sentAt >= this.warmup) this.reordered++;
  }

  get lossRatio(): number {
    const seen = this.received + this.lost;
    return seen === 0 ? NaN : this.lost / seen;
  }

  get meanJitter(): Nanos {
    return this.received === 0 ? NaN : this.jitterSum / this.received;
  }

  windowed(): WindowedQuality {
    const delay: number[] = [];
    const jitter: number[] = [];
    const loss: number[] = [];
    const burst: number[] = [];
    const perWindow = QUALITY_WINDOW / BURST_WINDOW;
    let burstMax = NaN;
    const judged: QualityWindow[] = [];
    for (let w = 0; w < this.received15.length; w++) {
      const rx = this.received15[w]!;
      const seen = rx + this.lost15[w]!;
      if (seen === 0) continue;
      loss.push(this.lost15[w]! / seen);
      if (rx > 0) {
        delay.push(this.delaySum15[w]! / rx / NS_PER_MS);
        jitter.push(this.jitterSum15[w]! / rx / NS_PER_MS);
        judged.push({ delayMs: delay[delay.length - 1]!, jitterMs: jitter[jitter.length - 1]!, received: rx, lost: this.lost15[w]!, lossRuns: this.lossRuns15[w]! });
      }
      let worst = 0;
      for (let b = w * perWindow; b < Math.min((w + 1) * perWindow, this.received200.length); b++) {
        const n = this.received200[b]! + this.lost200[b]!;
        if (n > 0) worst = Math.max(worst, this.lost200[b]! / n);
      }
      burst.push(worst);
      if (!(worst <= burstMax)) burstMax = worst;
    }
    return {
      windows: loss.length,
      delayP95Ms: percentile95(delay),
      jitterP95Ms: percentile95(jitter),
      lossP95: percentile95(loss),
      burstLossP95: percentile95(burst),
      burstLossMax: burstMax,
      perWindow: judged,
    };
  }
}

/** 95th percentile of a few values (nearest rank); NaN when there are none. */
export function percentile95(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(0.95 * sorted.length) - 1]!;
}
