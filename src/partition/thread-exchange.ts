import { availableParallelism } from 'node:os';
import type { Partition } from './partition.js';
import { nextActivity } from './next-activity.js';

/** Doubles in one mailbox (16 MB): a window's packets between two threads, many times over. */
const MAILBOX_DOUBLES = 1 << 21;
/**
 * Control words: threads arrived at the barrier, barrier generation, stop asked, a thread failed,
 * and whether the last barrier passed decided to stop.
 */
const ARRIVED = 0;
const GENERATION = 1;
const STOP = 2;
const FAILED = 3;
const STOPPING = 4;
/**
 * Turns of checking before sleeping at the barrier, when every thread has a core: the others are
 * usually a fraction of a millisecond behind, less than a sleep and a wake-up cost (two threads of
 * the 12-office enterprise: 35.5 s spinning 200,000 turns, 36.9 s spinning 20,000). With more
 * threads than cores a spinning thread would take the core of one that works: none then.
 */
const SPINS = 200_000;

/** What the threads of one partitioned replication share (structured-cloneable: SharedArrayBuffers). */
export interface ThreadSetup {
  threads: number;
  /** The thread that runs each partition. */
  threadOf: number[];
  control: SharedArrayBuffer;
  /** Each thread's events so far (for progress). */
  events: SharedArrayBuffer;
  /** Each thread's next activity (see Windows.advance), in two sets alternating by window like the mailboxes. */
  next: SharedArrayBuffer;
  /** Mailbox (from, to, parity) at index (from x threads + to) x 2 + parity. */
  mailboxes: SharedArrayBuffer[];
}

export function threadSetup(threads: number, threadOf: number[]): ThreadSetup {
  const mailboxes: SharedArrayBuffer[] = [];
  for (let i = 0; i < threads * threads * 2; i++) {
    const from = Math.floor(i / 2 / threads);
    const to = Math.floor(i / 2) % threads;
    mailboxes.push(new SharedArrayBuffer(from === to ? 8 : 8 * MAILBOX_DOUBLES));
  }
  return { threads, threadOf, control: new SharedArrayBuffer(20), events: new SharedArrayBuffer(8 * threads), next: new SharedArrayBuffer(16 * threads), mailboxes };
}

/** A run stopped on request (a signal) at a window's end. */
export class StoppedError extends Error {}

/**
 * One thread's side of the windows: after simulating a window, write what its partitions sent
 * partitions of other threads into their mailboxes, wait at the barrier for every thread, and read
 * what was sent to it. Mailboxes alternate between two sets by window, so a thread writing the next
 * window's never overwrites what another is still reading.
 */
export class ThreadExchange {
  private window = 0;
  private readonly control: Int32Array;
  private readonly events: Float64Array;
  private readonly next: Float64Array;
  private readonly mailboxes: Float64Array[];
  /** The earliest thing any thread has to do, as of the last barrier (see Windows.advance). */
  nextActivity = 0;
  private readonly spins: number;

  constructor(
    private readonly setup: ThreadSetup,
    readonly thread: number,
  ) {
    this.control = new Int32Array(setup.control);
    this.events = new Float64Array(setup.events);
    this.next = new Float64Array(setup.next);
    this.mailboxes = setup.mailboxes.map((b) => new Float64Array(b));
    this.spins = setup.threads <= availableParallelism() ? SPINS : 0;
  }

  /** Send, wait for all, receive: the blocks of [destination, source, length, data...] other threads sent here. */
  exchange(parts: readonly Partition[]): Float64Array[] {
    const { threads, threadOf } = this.setup;
    const parity = this.window & 1;
    for (let t = 0; t < threads; t++) {
      if (t === this.thread) continue;
      const box = this.mailbox(this.thread, t, parity);
      let k = 1;
      for (const src of parts) {
        src.outboxes.forEach((out, dst) => {
          if (threadOf[dst] !== t || out.length === 0) return;
          if (k + 3 + out.length > box.length) throw new Error(`more than ${MAILBOX_DOUBLES} doubles of packets between two threads in one window (more than 100,000 packets a millisecond)`);
          box[k++] = dst;
          box[k++] = src.index;
          box[k++] = out.length;
          box.set(out.data.subarray(0, out.length), k);
          k += out.length;
        });
      }
      box[0] = k - 1;
    }
    this.events[this.thread] = parts.reduce((n, p) => n + p.run.sim.eventsProcessed, 0);
    const slots = parity * threads;
    this.next[slots + this.thread] = nextActivity(parts);
    this.barrier();
    let next = Infinity;
    for (let t = 0; t < threads; t++) next = Math.min(next, this.next[slots + t]!);
    this.nextActivity = next;
    const inbound: Float64Array[] = [];
    for (let t = 0; t < threads; t++) {
      if (t === this.thread) continue;
      const box = this.mailbox(t, this.thread, parity);
      if (box[0]! > 0) inbound.push(box.subarray(1, 1 + box[0]!));
    }
    this.window++;
    return inbound;
  }

  /** Events simulated by every thread, as of the last barrier. */
  get totalEvents(): number {
    let n = 0;
    for (const e of this.events) n += e;
    return n;
  }

  /** Ask every thread to stop at the next window's end. */
  stop(): void {
    Atomics.store(this.control, STOP, 1);
  }

  /** Tell the other threads this one has failed (they stop waiting for it). */
  fail(): void {
    Atomics.store(this.control, FAILED, 1);
    Atomics.add(this.control, GENERATION, 1);
    Atomics.notify(this.control, GENERATION);
  }

  private mailbox(from: number, to: number, parity: number): Float64Array {
    return this.mailboxes[(from * this.setup.threads + to) * 2 + parity]!;
  }

  private barrier(): void {
    const c = this.control;
    const generation = Atomics.load(c, GENERATION);
    if (Atomics.add(c, ARRIVED, 1) === this.setup.threads - 1) {
      Atomics.store(c, ARRIVED, 0);
      // A stop asked at any moment is decided here, once for all threads: were each thread to read the
      // request itself after the barrier, one that read it late would stop a window before the others,
      // and they would wait for it at the next barrier for ever.
      Atomics.store(c, STOPPING, Atomics.load(c, STOP));
      Atomics.add(c, GENERATION, 1);
      Atomics.notify(c, GENERATION);
    } else {
      let spins = 0;
      while (Atomics.load(c, GENERATION) === generation) {
        if (++spins > this.spins) Atomics.wait(c, GENERATION, generation, 100);
      }
    }
    if (Atomics.load(c, FAILED) !== 0) throw new Error('another thread of this run failed');
    if (Atomics.load(c, STOPPING) !== 0) throw new StoppedError('stopped');
  }
}
