import type { EventHandler, EventList } from './event-list.js';
import type { Nanos } from './time.js';

const EMPTY: EventHandler = { onEvent: () => undefined };

/**
 * A 4-ary min-heap kept in parallel typed arrays (time, insertion sequence, tag) plus one array of
 * handlers. No object is allocated per event; a wider node halves the depth of a binary heap and
 * keeps each sift within a cache line or two.
 */
export class QuaternaryEventList implements EventList {
  private times: Float64Array;
  private seqs: Float64Array;
  private tags: Float64Array;
  private handlers: EventHandler[];
  private count = 0;
  private nextSeq = 0;
  lastTime: Nanos = 0;
  lastTag = 0;

  constructor(initialCapacity = 1024) {
    this.times = new Float64Array(initialCapacity);
    this.seqs = new Float64Array(initialCapacity);
    this.tags = new Float64Array(initialCapacity);
    this.handlers = new Array<EventHandler>(initialCapacity).fill(EMPTY);
  }

  get size(): number {
    return this.count;
  }

  push(time: Nanos, handler: EventHandler, tag: number): void {
    if (this.count === this.times.length) this.grow();
    this.times[this.count] = time;
    this.siftUpLast(handler, tag);
  }

  pushAfter(delay: Nanos, handler: EventHandler, tag: number): void {
    if (this.count === this.times.length) this.grow();
    this.times[this.count] = this.lastTime + delay;
    this.siftUpLast(handler, tag);
  }

  /** A new entry, its time written after the last: up from there until it fits. */
  private siftUpLast(handler: EventHandler, tag: number): void {
    const seq = this.nextSeq++;
    const times = this.times;
    const seqs = this.seqs;
    let hole = this.count++;
    const time = times[hole]!;
    // Sift up: move parents down until the new entry fits.
    while (hole > 0) {
      const parent = (hole - 1) >> 2;
      const pt = times[parent]!;
      if (pt < time || (pt === time && seqs[parent]! < seq)) break;
      this.moveEntry(parent, hole);
      hole = parent;
    }
    times[hole] = time;
    seqs[hole] = seq;
    this.tags[hole] = tag;
    this.handlers[hole] = handler;
  }

  peekTime(): Nanos {
    return this.count === 0 ? Infinity : this.times[0]!;
  }

  popUntil(until: Nanos): EventHandler | null {
    return this.count > 0 && this.times[0]! <= until ? this.pop() : null;
  }

  pop(): EventHandler {
    if (this.count === 0) throw new Error('pop from an empty event list');
    const handler = this.handlers[0]!;
    this.lastTime = this.times[0]!;
    this.lastTag = this.tags[0]!;
    const last = --this.count;
    if (last > 0) this.siftDownLast(last);
    this.handlers[last] = EMPTY;
    return handler;
  }

  /** Re-insert the entry at index `last` starting from the root hole. */
  private siftDownLast(last: number): void {
    const times = this.times;
    const seqs = this.seqs;
    const time = times[last]!;
    const seq = seqs[last]!;
    const tag = this.tags[last]!;
    const handler = this.handlers[last]!;
    let hole = 0;
    for (;;) {
      const first = (hole << 2) + 1;
      if (first >= last) break;
      let best = first;
      let bt = times[first]!;
      let bs = seqs[first]!;
      const end = first + 4 < last ? first + 4 : last;
      for (let c = first + 1; c < end; c++) {
        const ct = times[c]!;
        if (ct < bt || (ct === bt && seqs[c]! < bs)) {
          best = c;
          bt = ct;
          bs = seqs[c]!;
        }
      }
      if (time < bt || (time === bt && seq < bs)) break;
      this.moveEntry(best, hole);
      hole = best;
    }
    times[hole] = time;
    seqs[hole] = seq;
    this.tags[hole] = tag;
    this.handlers[hole] = handler;
  }

  private moveEntry(from: number, to: number): void {
    this.times[to] = this.times[from]!;
    this.seqs[to] = this.seqs[from]!;
    this.tags[to] = this.tags[from]!;
    this.handlers[to] = this.handlers[from]!;
  }

  private grow(): void {
    const capacity = this.times.length * 2;
    const times = new Float64Array(capacity);
    const seqs = new Float64Array(capacity);
    const tags = new Float64Array(capacity);
    times.set(this.times);
    seqs.set(this.seqs);
    tags.set(this.tags);
    this.times = times;
    this.seqs = seqs;
    this.tags = tags;
    const handlers = this.handlers;
    for (let i = handlers.length; i < capacity; i++) handlers.push(EMPTY);
  }
}
