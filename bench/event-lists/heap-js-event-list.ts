import { Heap } from 'heap-js';
import type { EventHandler, EventList } from '../../src/core/event-list.js';
import type { Nanos } from '../../src/core/time.js';

interface Entry {
  time: Nanos;
  seq: number;
  handler: EventHandler;
  tag: number;
}

const byTimeThenSeq = (a: Entry, b: Entry): number => a.time - b.time || a.seq - b.seq;

/** Reference event list: heap-js with one object per pending event. Simple, and slower. */
export class HeapJsEventList implements EventList {
  private readonly heap = new Heap<Entry>(byTimeThenSeq);
  private seq = 0;
  lastTime: Nanos = 0;
  lastTag = 0;

  get size(): number {
    return this.heap.size();
  }

  push(time: Nanos, handler: EventHandler, tag: number): void {
    this.heap.push({ time, seq: this.seq++, handler, tag });
  }

  pushAfter(delay: Nanos, handler: EventHandler, tag: number): void {
    this.push(this.lastTime + delay, handler, tag);
  }

  peekTime(): Nanos {
    const top = this.heap.peek();
    return top === undefined ? Infinity : top.time;
  }

  popUntil(until: Nanos): EventHandler | null {
    return this.peekTime() <= until ? this.pop() : null;
  }

  pop(): EventHandler {
    const top = this.heap.pop();
    if (top === undefined) throw new Error('pop from an empty event list');
    this.lastTime = top.time;
    this.lastTag = top.tag;
    return top.handler;
  }
}
