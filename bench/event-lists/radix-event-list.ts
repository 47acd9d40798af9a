import type { EventHandler, EventList } from '../../src/core/event-list.js';
import type { Nanos } from '../../src/core/time.js';

const BUCKETS = 55; // keys below 2^53: bucket = 1 + index of the highest bit differing from `last`
const TWO_32 = 4294967296;
const EMPTY: EventHandler = { onEvent: () => undefined };

/**
 * A radix heap (Ahuja, Mehlhorn, Orlin and Tarjan, 1990) for integer nanosecond times. It relies on
 * what a discrete-event simulator guarantees: no event is ever scheduled before the last one
 * taken out. Bucket b holds the events whose time first differs from the last time taken at bit
 * b - 1, so every push is an append and each event moves down a few buckets before it is taken.
 * Appends and moves keep their order, so events at equal times come out in insertion order.
 */
export class RadixEventList implements EventList {
  private readonly times: Float64Array[] = [];
  private readonly tags: Float64Array[] = [];
  private readonly handlers: EventHandler[][] = [];
  private readonly lengths = new Int32Array(BUCKETS);
  private readonly minima = new Float64Array(BUCKETS).fill(Infinity);
  /** Bucket 0 is a queue: its live entries are [head0, lengths[0]). All have time === last. */
  private head0 = 0;
  private count = 0;
  private last: Nanos = 0;
  /** `last` rounded down to a multiple of 2^32, and the rest: most bucket lookups need only these. */
  private base = 0;
  private lastLow = 0;
  lastTime: Nanos = 0;
  lastTag = 0;

  constructor() {
    for (let b = 0; b < BUCKETS; b++) {
      this.times.push(new Float64Array(16));
      this.tags.push(new Float64Array(16));
      this.handlers.push(new Array<EventHandler>(16).fill(EMPTY));
    }
  }

  get size(): number {
    return this.count;
  }

  push(time: Nanos, handler: EventHandler, tag: number): void {
    if (time < this.last) throw new Error(`radix event list: time ${time} is before the last event taken (${this.last})`);
    this.append(this.bucketOf(time), time, handler, tag);
    this.count++;
  }

  pushAfter(delay: Nanos, handler: EventHandler, tag: number): void {
    this.push(this.lastTime + delay, handler, tag);
  }

  peekTime(): Nanos {
    if (this.head0 < this.lengths[0]!) return this.last;
    const b = this.firstNonEmpty();
    return b < 0 ? Infinity : this.minima[b]!;
  }

  popUntil(until: Nanos): EventHandler | null {
    return this.peekTime() <= until ? this.pop() : null;
  }

  pop(): EventHandler {
    if (this.head0 >= this.lengths[0]!) this.refill();
    const i = this.head0++;
    const handler = this.handlers[0]![i]!;
    this.handlers[0]![i] = EMPTY;
    this.lastTime = this.last;
    this.lastTag = this.tags[0]![i]!;
    if (this.head0 === this.lengths[0]) {
      this.head0 = 0;
      this.lengths[0] = 0;
    }
    this.count--;
    return handler;
  }

  /** Bucket 0 is empty: advance `last` to the minimum of the first non-empty bucket and spread it. */
  private refill(): void {
    const b = this.firstNonEmpty();
    if (b < 0) throw new Error('pop from an empty event list');
    const last = this.minima[b]!;
    this.last = last;
    this.base = Math.floor(last / TWO_32) * TWO_32;
    this.lastLow = last - this.base;
    const times = this.times[b]!;
    const tags = this.tags[b]!;
    const handlers = this.handlers[b]!;
    const n = this.lengths[b]!;
    this.lengths[b] = 0;
    this.minima[b] = Infinity;
    for (let i = 0; i < n; i++) {
      const t = times[i]!;
      this.append(this.bucketOf(t), t, handlers[i]!, tags[i]!);
      handlers[i] = EMPTY;
    }
  }

  private firstNonEmpty(): number {
    const lengths = this.lengths;
    for (let b = 1; b < BUCKETS; b++) if (lengths[b]! > 0) return b;
    return -1;
  }

  private bucketOf(time: Nanos): number {
    const low = time - this.base;
    if (low < TWO_32) return 32 - Math.clz32((low ^ this.lastLow) >>> 0);
    const high = Math.floor(time / TWO_32) ^ Math.floor(this.last / TWO_32);
    return 33 + 31 - Math.clz32(high);
  }

  private append(b: number, time: Nanos, handler: EventHandler, tag: number): void {
    let n = this.lengths[b]!;
    if (n === this.times[b]!.length) this.grow(b);
    this.times[b]![n] = time;
    this.tags[b]![n] = tag;
    this.handlers[b]![n] = handler;
    this.lengths[b] = n + 1;
    if (time < this.minima[b]!) this.minima[b] = time;
  }

  private grow(b: number): void {
    const capacity = this.times[b]!.length * 2;
    const times = new Float64Array(capacity);
    const tags = new Float64Array(capacity);
    times.set(this.times[b]!);
    tags.set(this.tags[b]!);
    this.times[b] = times;
    this.tags[b] = tags;
    const handlers = this.handlers[b]!;
    for (let i = handlers.length; i < capacity; i++) handlers.push(EMPTY);
  }
}
