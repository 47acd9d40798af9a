import type { EventHandler, EventList } from './event-list.js';
import type { Nanos } from './time.js';

const EMPTY: EventHandler = { onEvent: () => undefined };
const NONE = -1;
const MIN_BUCKETS = 16;
/** The shares of the earliest pending events whose mean spacing sets the day width (the densest wins). */
const SPACING_SHARES = [0.9, 0.5, 0.25, 0.125, 0.0625, 1 / 32, 1 / 64, 1 / 128, 1 / 256, 1 / 512, 1 / 1024];
/** A share is measured over at least this many spacings (but 9/10 always counts). */
const MIN_SPACING_SAMPLE = 8;

/**
 * A calendar queue (Brown, 1988): events hashed by time into a ring of buckets one "day" wide,
 * each bucket a sorted linked list in typed arrays; dequeuing walks the days of the current "year".
 * Bucket count follows the number of pending events and the day width follows their spacing, so
 * both operations take about constant time for the hold model. Equal times stay in insertion order
 * (an event goes after every event with the same time). Far-future events (a failure months ahead)
 * only cost a direct search when nothing else is pending in the year.
 */
export class CalendarEventList implements EventList {
  private times = new Float64Array(1024);
  private tags = new Float64Array(1024);
  private next = new Int32Array(1024);
  private handlers: EventHandler[] = new Array<EventHandler>(1024).fill(EMPTY);
  private free = NONE;
  private allocated = 0;

  private heads = new Int32Array(MIN_BUCKETS).fill(NONE);
  private tails = new Int32Array(MIN_BUCKETS).fill(NONE);
  private mask = MIN_BUCKETS - 1;
  /** Day width, a whole number of nanoseconds, so that day numbers are exact. */
  private width = 1_000;
  /** The day being read; its bucket is day & mask. */
  private day = 0;
  private count = 0;
  /** Buckets scanned or list steps walked since the last calibration, and operations since. */
  private effort = 0;
  private operations = 0;
  /** Calibrations are this many times further apart (see `account`). */
  private backoff = 1;
  /** The bucket `peekTime` found, for the `pop` that usually follows (NONE once anything changes). */
  private peeked = NONE;
  lastTime: Nanos = 0;
  lastTag = 0;

  get size(): number {
    return this.count;
  }

  /** The width of a day (ns), for tests. */
  get dayWidth(): number {
    return this.width;
  }

  push(time: Nanos, handler: EventHandler, tag: number): void {
    const node = this.allocate();
    this.times[node] = time;
    this.enter(node, handler, tag);
  }

  pushAfter(delay: Nanos, handler: EventHandler, tag: number): void {
    const node = this.allocate();
    this.times[node] = this.lastTime + delay;
    this.enter(node, handler, tag);
  }

  /** The event in `node`, its time written, joins its bucket. */
  private enter(node: number, handler: EventHandler, tag: number): void {
    this.tags[node] = tag;
    this.handlers[node] = handler;
    this.insert(node);
    this.peeked = NONE;
    if (++this.count > 2 * (this.mask + 1)) this.resize(2 * (this.mask + 1));
  }

  peekTime(): Nanos {
    if (this.count === 0) return Infinity;
    this.peeked = this.findBucket();
    return this.times[this.heads[this.peeked]!]!;
  }

  popUntil(until: Nanos): EventHandler | null {
    if (this.count === 0) return null;
    this.peeked = this.findBucket();
    return this.times[this.heads[this.peeked]!]! <= until ? this.pop() : null;
  }

  pop(): EventHandler {
    if (this.count === 0) throw new Error('pop from an empty event list');
    const b = this.peeked !== NONE ? this.peeked : this.findBucket();
    this.peeked = NONE;
    const node = this.heads[b]!;
    this.heads[b] = this.next[node]!;
    if (this.heads[b] === NONE) this.tails[b] = NONE;
    this.lastTime = this.times[node]!;
    this.lastTag = this.tags[node]!;
    const handler = this.handlers[node]!;
    this.handlers[node] = EMPTY;
    this.next[node] = this.free;
    this.free = node;
    if (--this.count < (this.mask + 1) / 2 && this.mask + 1 > MIN_BUCKETS) this.resize((this.mask + 1) / 2);
    return handler;
  }

  /** The bucket holding the earliest event; moves the reading day there. */
  private findBucket(): number {
    const mask = this.mask;
    const width = this.width;
    let day = this.day;
    for (let i = 0; i <= mask; i++, day++) {
      const head = this.heads[day & mask]!;
      if (head !== NONE && Math.floor(this.times[head]! / width) <= day) {
        this.day = day;
        if (this.account(i)) return this.findBucket(); // recalibrated: the buckets have changed
        return day & mask;
      }
    }
    // Nothing in the coming year: jump straight to the earliest event.
    let best = NONE;
    for (let k = 0; k <= mask; k++) {
      const head = this.heads[k]!;
      if (head !== NONE && (best === NONE || this.times[head]! < this.times[this.heads[best]!]!)) best = k;
    }
    this.day = Math.floor(this.times[this.heads[best]!]! / width);
    if (this.account(2 * (mask + 1))) return this.findBucket();
    return best;
  }

  /**
   * When the days have grown wrong for the events (long scans of empty days, long bucket lists),
   * measure the spacing again: at most once per bucket-count operations, and less and less often
   * while measuring again finds the same width (events on many time scales at once, where no
   * width is good for all: rehashing would then only add to the cost).
   */
  private account(steps: number): boolean {
    this.effort += steps;
    if (++this.operations < (this.mask + 1 + 64) * this.backoff) return false;
    const costly = this.effort > 8 * this.operations;
    this.effort = 0;
    this.operations = 0;
    if (!costly) {
      this.backoff = 1;
      return false;
    }
    const before = this.width;
    this.resize(this.mask + 1);
    this.backoff = Math.abs(this.width - before) <= 0.25 * before ? Math.min(2 * this.backoff, 1024) : 1;
    return true;
  }

  /** Into its bucket, after every event with a time not later than its own. */
  private insert(node: number): void {
    const time = this.times[node]!;
    const b = Math.floor(time / this.width) & this.mask;
    const tail = this.tails[b]!;
    if (tail === NONE) {
      this.heads[b] = node;
      this.tails[b] = node;
      this.next[node] = NONE;
    } else if (this.times[tail]! <= time) {
      this.next[tail] = node;
      this.tails[b] = node;
      this.next[node] = NONE;
    } else {
      let prev = NONE;
      let at = this.heads[b]!;
      let steps = 0;
      while (at !== NONE && this.times[at]! <= time) {
        prev = at;
        at = this.next[at]!;
        steps++;
      }
      this.effort += steps;
      this.next[node] = at;
      if (prev === NONE) this.heads[b] = node;
      else this.next[prev] = node;
    }
    // An event before the day being read moves the reading back to its day.
    const day = Math.floor(time / this.width);
    if (day < this.day) this.day = day;
  }

  private allocate(): number {
    if (this.free !== NONE) {
      const node = this.free;
      this.free = this.next[node]!;
      return node;
    }
    if (this.allocated === this.times.length) this.grow();
    return this.allocated++;
  }

  private grow(): void {
    const capacity = this.times.length * 2;
    const times = new Float64Array(capacity);
    const tags = new Float64Array(capacity);
    const next = new Int32Array(capacity);
    times.set(this.times);
    tags.set(this.tags);
    next.set(this.next);
    this.times = times;
    this.tags = tags;
    this.next = next;
    for (let i = this.handlers.length; i < capacity; i++) this.handlers.push(EMPTY);
  }

  /**
   * New bucket count, and a day width of three times the spacing of the pending events (Brown's
   * rule), then every event rehashed. The spacing is that of the densest of the earliest 1/1024,
   * 1/512, ..., 1/2 and 9/10 of the events (each measured over 8 spacings at least): events on
   * several time scales at once (packets microseconds apart beside calls' timers milliseconds ahead
   * and failures hours ahead, in any proportion) get days as wide as the front needs, and the later
   * ones wait in the buckets, past the year being read. A large network's front is far denser than
   * its first sixteenth (docs/performance.md): days sized by that held forty events, walked on insert.
   */
  private resize(buckets: number): void {
    const n = this.count;
    if (n > 1) {
      const times = new Float64Array(n);
      let k = 0;
      for (let b = 0; b <= this.mask; b++) for (let node = this.heads[b]!; node !== NONE; node = this.next[node]!) times[k++] = this.times[node]!;
      times.sort();
      let spacing = Infinity;
      for (const share of SPACING_SHARES) {
        const q = Math.floor(share * (n - 1));
        if (q < 1 || (q < MIN_SPACING_SAMPLE && share < 0.9)) continue;
        const s = (times[q]! - times[0]!) / q;
        if (s > 0 && s < spacing) spacing = s;
      }
      if (spacing < Infinity) this.width = Math.max(1, Math.round(3 * spacing));
    }
    const oldHeads = this.heads;
    const oldMask = this.mask;
    this.mask = buckets - 1;
    this.heads = new Int32Array(buckets).fill(NONE);
    this.tails = new Int32Array(buckets).fill(NONE);
    this.day = Infinity;
    // Events with equal times share a bucket before and after, and each old list is in insertion
    // order among equal times: moving the lists one by one, in order, keeps ties in insertion order.
    for (let b = 0; b <= oldMask; b++) {
      for (let node = oldHeads[b]!; node !== NONE; ) {
        const following = this.next[node]!;
        this.insert(node);
        node = following;
      }
    }
    if (n === 0) this.day = Math.floor(this.lastTime / this.width);
  }
}
