import type { EventHandler } from '../core/event-list.js';
import type { RandomStream } from '../core/random.js';
import type { Simulator } from '../core/simulator.js';
import type { Nanos } from '../core/time.js';
import type { TcpHalf } from '../transport/tcp/tcp-connection.js';
import type { Sampler } from '../core/distribution.js';
import { Exchange, wholeBytes } from './exchange.js';
import type { SessionCounters } from '../probes/session-counters.js';

export interface TransactionSettings {
  /** Mean time between transactions (all users together), ns. */
  meanGap: number;
  /** Bytes the user sends, and bytes the service answers with. */
  requests: Sampler;
  responses: Sampler;
  maxConnections: number;
  stop: Nanos;
}

/** Opens connection number k (two TCP halves: the user's and the service's). */
export type ConnectionFactory = (k: number) => { client: TcpHalf; server: TcpHalf };

/**
 * Transactions of a site's users with a service (a page, a mail, a file): Poisson arrivals (the
 * superposition of many users' independent sessions tends to Poisson), each a request and a response
 * over a connection of a pool, opened when none is idle, up to `maxConnections`; beyond that,
 * transactions wait for a connection. A transaction's time runs from its arrival to the last byte of
 * its response.
 */
export class TransactionArrivals implements EventHandler {
  private readonly idle: Exchange[] = [];
  private opened = 0;
  private readonly connections: Exchange[] = [];
  /** Transactions waiting for a connection: arrival time, request and response bytes. */
  private readonly waiting: number[] = [];
  private waitingHead = 0;

  constructor(
    private readonly sim: Simulator,
    private readonly settings: TransactionSettings,
    private readonly arrivals: RandomStream,
    private readonly connect: ConnectionFactory,
    private readonly counters: SessionCounters,
  ) {}

  begin(): void {
    if (!Number.isFinite(this.settings.meanGap)) return;
    const first = Math.round(this.arrivals.exponential(this.settings.meanGap));
    if (first < this.settings.stop) this.sim.at(first, this, 0);
  }

  onEvent(): void {
    const now = this.sim.now;
    if (now >= this.sim.warmup) this.counters.started++;
    this.counters.concurrency.set(++this.counters.active, now);
    const request = wholeBytes(this.settings.requests.next());
    const response = wholeBytes(this.settings.responses.next());
    const exchange = this.idle.pop() ?? (this.opened < this.settings.maxConnections ? this.open() : undefined);
    if (exchange === undefined) this.waiting.push(now, request, response);
    else exchange.start(now, request, response);
    const gap = Math.round(this.arrivals.exponential(this.settings.meanGap));
    if (now + gap < this.settings.stop) this.sim.after(gap, this, 0);
  }

  private open(): Exchange {
    return this.connection(this.opened++);
  }

  /** Connection number k, opened now if it is not yet (the far end's copy in a partitioned run opens it when its data first arrives). */
  connection(k: number): Exchange {
    let exchange = this.connections[k];
    if (exchange === undefined) {
      const { client, server } = this.connect(k);
      const opened: Exchange = new Exchange(client, server, (arrivedAt) => this.finished(opened, arrivedAt));
      this.connections[k] = exchange = opened;
    }
    return exchange;
  }

  private finished(exchange: Exchange, arrivedAt: Nanos): void {
    const now = this.sim.now;
    this.counters.concurrency.set(--this.counters.active, now);
    if (arrivedAt >= this.sim.warmup) {
      this.counters.completed++;
      this.counters.completion.record(now - arrivedAt);
    }
    const w = this.waiting;
    if (this.waitingHead < w.length) {
      const h = this.waitingHead;
      this.waitingHead += 3;
      exchange.start(w[h]!, w[h + 1]!, w[h + 2]!);
      if (this.waitingHead === w.length) {
        w.length = 0;
        this.waitingHead = 0;
      }
    } else this.idle.push(exchange);
  }
}
