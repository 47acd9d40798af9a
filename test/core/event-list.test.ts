import { describe, expect, it } from 'vitest';
import type { EventHandler, EventList } from '../../src/core/event-list.js';
import { HeapJsEventList } from '../../bench/event-lists/heap-js-event-list.js';
import { RadixEventList } from '../../bench/event-lists/radix-event-list.js';
import { QuaternaryEventList } from '../../src/core/quaternary-event-list.js';
import { CalendarEventList } from '../../src/core/calendar-event-list.js';
import { RandomStream } from '../../src/core/random.js';
import { Simulator } from '../../src/core/simulator.js';

const handler: EventHandler = { onEvent: () => undefined };

describe.each([
  ['heap-js', () => new HeapJsEventList()],
  ['quaternary', () => new QuaternaryEventList(4)],
  ['radix', () => new RadixEventList()],
  ['calendar', () => new CalendarEventList()],
])('%s event list', (_name, make: () => EventList) => {
  it('pops in time order and breaks ties by insertion order', () => {
    const list = make();
    list.push(30, handler, 1);
    list.push(10, handler, 2);
    list.push(30, handler, 3);
    list.push(10, handler, 4);
    list.push(20, handler, 5);
    const popped: [number, number][] = [];
    while (list.size > 0) {
      list.pop();
      popped.push([list.lastTime, list.lastTag]);
    }
    expect(popped).toEqual([[10, 2], [10, 4], [20, 5], [30, 1], [30, 3]]);
    expect(list.peekTime()).toBe(Infinity);
  });

  it('orders times beyond 2^32 ns (4.3 s) and across 2^32 boundaries', () => {
    const list = make();
    const random = new RandomStream('big-times');
    const times: number[] = [];
    let now = 2 ** 32 - 50_000;
    for (let round = 0; round < 2000; round++) {
      for (let k = 0; k < 5; k++) {
        const t = now + Math.floor(random.exponential(40_000)) + (k === 0 ? 2 ** 33 : 0);
        list.push(t, handler, 0);
        times.push(t);
      }
      times.sort((a, b) => a - b);
      list.pop();
      expect(list.lastTime).toBe(times.shift());
      now = list.lastTime;
    }
  });

  it('keeps order with events on very different time scales (packets in ns, failures in days)', () => {
    const list = make();
    const random = new RandomStream('scales');
    const reference: { time: number; seq: number }[] = [];
    let seq = 0;
    const push = (time: number) => {
      list.push(time, handler, seq);
      reference.push({ time, seq: seq++ });
    };
    for (let i = 0; i < 50; i++) push(Math.floor(random.exponential(1000)));
    push(30 * 86400e9);
    for (let i = 0; i < 20_000; i++) {
      list.pop();
      reference.sort((a, b) => a.time - b.time || a.seq - b.seq);
      const expected = reference.shift()!;
      expect([list.lastTime, list.lastTag]).toEqual([expected.time, expected.seq]);
      const now = list.lastTime;
      const r = random.uniform();
      // mostly packet-scale gaps, some ties, now and then a burst of pending events or a far one
      if (r < 0.001) push(now + Math.floor(random.exponential(86400e9)));
      else if (r < 0.01) for (let k = 0; k < 20; k++) push(now + Math.floor(random.exponential(1e6)));
      else if (r < 0.2) push(now);
      else if (r < 0.8) push(now + Math.floor(random.exponential(1000)));
      if (list.size === 0) push(now + 1);
    }
  });

  it('keeps order when most pending events are hours ahead and the rest microseconds apart, ties included', () => {
    // the planner's mix, at the shares where the calendar's day width used to follow the far events
    for (const farShare of [0.1, 0.5, 0.9]) {
      const list = make();
      const random = new RandomStream(`bimodal:${farShare}`);
      const reference: { time: number; seq: number }[] = [];
      let seq = 0;
      const push = (time: number) => {
        list.push(time, handler, seq);
        reference.push({ time, seq: seq++ });
      };
      for (let i = 0; i < 2000; i++) push(random.uniform() < farShare ? 3600e9 + Math.floor(random.exponential(7200e9)) : Math.floor(random.exponential(1e6)));
      push(3600e9); // a far tie, pushed before its twin below
      for (let i = 0; i < 6000; i++) {
        list.pop();
        reference.sort((a, b) => a.time - b.time || a.seq - b.seq);
        const expected = reference.shift()!;
        expect([list.lastTime, list.lastTag]).toEqual([expected.time, expected.seq]);
        const now = list.lastTime;
        if (i === 100) push(3600e9);
        push(random.uniform() < 0.1 ? now : now + Math.floor(random.exponential(1e6)));
      }
    }
  });

  // pushAfter: at the last event taken plus the delay, in one order with push (ties included), also
  // for a delay beyond 2^31 ns
  it.each([false, true])('agrees with a stable sort under interleaved pushes and pops (hold model; pushAfter: %s)', (after) => {
    const list = make();
    const random = new RandomStream('event-list-test');
    const reference: { time: number; seq: number }[] = [];
    let seq = 0;
    for (let i = 0; i < 500; i++) {
      const time = Math.floor(random.uniform() * 50); // many ties
      list.push(time, handler, seq);
      reference.push({ time, seq: seq++ });
    }
    for (let i = 0; i < 20_000; i++) {
      list.pop();
      reference.sort((a, b) => a.time - b.time || a.seq - b.seq);
      const expected = reference.shift()!;
      expect([list.lastTime, list.lastTag]).toEqual([expected.time, expected.seq]);
      const delay = after && random.uniform() < 0.01 ? 2 ** 31 + Math.floor(random.uniform() * 1000) : Math.floor(random.exponential(20));
      if (after && random.uniform() < 0.5) list.pushAfter(delay, handler, seq);
      else list.push(list.lastTime + delay, handler, seq);
      reference.push({ time: list.lastTime + delay, seq: seq++ });
    }
  });
});

describe('calendar event list', () => {
  it("sizes its days by the events at the front (Brown's rule), not by timers milliseconds ahead, and keeps their order", () => {
    // a network's mix: 10,000 calls' timers 20 ms ahead and 200 links whose next packet lands about
    // 20 us ahead; events leave the front 10.5 per us, 95 ns apart, while the pending events' mean
    // spacing is 2 us: days of three front spacings (~290 ns) hold a few events each, days sized by
    // the earliest sixteenth of the pending events (~4 us) held about forty, walked on every insert
    const calendar = new CalendarEventList();
    const reference = new QuaternaryEventList(4);
    const random = new RandomStream('calendar-days');
    let seq = 0;
    const push = (time: number) => {
      calendar.push(time, handler, seq);
      reference.push(time, handler, seq++);
    };
    const timers = new Set<number>();
    for (let i = 0; i < 10_000; i++) {
      timers.add(seq);
      push(Math.floor(random.uniform() * 20e6));
    }
    for (let i = 0; i < 200; i++) push(Math.round(random.exponential(20e3)));
    let misordered = 0;
    for (let i = 0; i < 200_000; i++) {
      calendar.pop();
      reference.pop();
      if (calendar.lastTime !== reference.lastTime || calendar.lastTag !== reference.lastTag) misordered++;
      const timer = timers.delete(calendar.lastTag);
      if (timer) timers.add(seq);
      push(calendar.lastTime + (timer ? 20e6 : Math.round(random.exponential(20e3))));
    }
    expect(misordered).toBe(0);
    expect(calendar.dayWidth).toBeGreaterThan(100);
    expect(calendar.dayWidth).toBeLessThan(1000);
  });
});

describe("the simulator's relative scheduling", () => {
  it('wakes a handler `after` a delay from the clock, also when a run has moved the clock past the last event', () => {
    const sim = new Simulator({ seed: 1 });
    const woken: [number, number][] = [];
    const wake: EventHandler = { onEvent: (tag) => void woken.push([sim.now, tag]) };
    sim.at(10, { onEvent: () => sim.after(5, wake, 1) });
    sim.runUntil(100); // the last event at 15, the clock at 100
    sim.after(5, wake, 2);
    sim.at(105, wake, 3); // the same time, pushed later: after it
    sim.after(0, wake, 4);
    sim.runUntil(200);
    expect(woken).toEqual([[15, 1], [100, 4], [105, 2], [105, 3]]);
    expect(() => sim.after(-1, wake)).toThrow(/in the past/);
    expect(() => sim.after(0.5, wake)).toThrow(/not a whole number/);
  });
});
