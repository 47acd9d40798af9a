import type { EventHandler, EventList } from '../src/core/event-list.js';
import { RandomStream } from '../src/core/random.js';
import { BENCH_EVENT_LISTS, type BenchEventList } from './event-lists/index.js';
import type { BenchCase } from './bench-case.js';

const OPERATIONS = 1_000_000;
const handler: EventHandler = { onEvent: () => undefined };

/** Exponential increments drawn once, so the benchmark times the event list and not the RNG. */
const increments = (() => {
  const random = new RandomStream('bench:hold');
  return Float64Array.from({ length: 1 << 16 }, () => Math.round(random.exponential(1_000_000)));
})();

function filled(kind: BenchEventList, pending: number): EventList {
  const list = BENCH_EVENT_LISTS[kind]();
  for (let i = 0; i < pending; i++) list.push(increments[i & 0xffff]! + i, handler, 0);
  return list;
}

/** Classic hold model: pop the earliest event, push one at now + exponential. */
function hold(list: EventList): void {
  for (let i = 0; i < OPERATIONS; i++) {
    list.pop();
    list.push(list.lastTime + increments[i & 0xffff]!, handler, 0);
  }
}

export const eventListCases: BenchCase[] = (Object.keys(BENCH_EVENT_LISTS) as BenchEventList[]).flatMap((kind) =>
  [100, 10_000, 1_000_000].map((pending) => {
    let list: EventList | undefined;
    return {
      name: `event-list hold ${kind} ${pending} pending`,
      iterations: 5,
      setup: () => {
        list = filled(kind, pending);
      },
      run: () => {
        hold(list!);
        return { events: OPERATIONS, packetHops: 0 };
      },
    };
  }),
);

const HOUR = 3600e9;

/**
 * The planner's mix: a share of the pending events hours ahead (outage processes, long think times, BGP
 * timers), the rest microseconds to milliseconds ahead (packets), and the hold model on the near
 * ones: the far events stay pending throughout, as they do in a run.
 */
function bimodal(kind: BenchEventList, pending: number, farShare: number): EventList {
  const list = BENCH_EVENT_LISTS[kind]();
  const random = new RandomStream('bench:bimodal');
  for (let i = 0; i < pending; i++) {
    const far = random.uniform() < farShare;
    list.push(far ? Math.round(HOUR + random.exponential(2 * HOUR)) : increments[i & 0xffff]! + i, handler, 0);
  }
  return list;
}

export const bimodalCases: BenchCase[] = (Object.keys(BENCH_EVENT_LISTS) as BenchEventList[]).flatMap((kind) =>
  [
    [10_000, 0.1],
    [100_000, 0.1],
    [10_000, 0.5],
    [10_000, 0.9],
  ].map(([pending, farShare]) => {
    let list: EventList | undefined;
    return {
      name: `event-list bimodal ${kind} ${pending} pending, ${farShare! * 100}% hours ahead`,
      iterations: 5,
      setup: () => {
        list = bimodal(kind, pending!, farShare!);
      },
      run: () => {
        hold(list!);
        return { events: OPERATIONS, packetHops: 0 };
      },
    };
  }),
);

const PERIOD = 20_000_000;

/**
 * A network's mix (docs/performance.md): thousands of calls, each with a timer one packet interval
 * (20 ms) ahead, beside a few hundred links whose next packet lands microseconds ahead, so the
 * events near the front come twenty times as densely as the pending set's mean spacing says.
 */
function timersAndPackets(kind: BenchEventList, timers: number, packets: number): EventList {
  const list = BENCH_EVENT_LISTS[kind]();
  const random = new RandomStream('bench:timers-and-packets');
  for (let i = 0; i < timers; i++) list.push(Math.floor(random.uniform() * PERIOD), handler, 1);
  for (let i = 0; i < packets; i++) list.push(Math.round(increments[i & 0xffff]! / 50), handler, 0);
  return list;
}

function holdTimersAndPackets(list: EventList): void {
  for (let i = 0; i < OPERATIONS; i++) {
    list.pop();
    const next = list.lastTag === 1 ? PERIOD : Math.round(increments[i & 0xffff]! / 50);
    list.push(list.lastTime + next, handler, list.lastTag);
  }
}

export const networkMixCases: BenchCase[] = (Object.keys(BENCH_EVENT_LISTS) as BenchEventList[]).map((kind) => {
  let list: EventList | undefined;
  return {
    name: `event-list ${kind}: 10000 timers 20 ms ahead, 200 packets 20 us ahead`,
    iterations: 5,
    setup: () => {
      list = timersAndPackets(kind, 10_000, 200);
      holdTimersAndPackets(list);
    },
    run: () => {
      holdTimersAndPackets(list!);
      return { events: OPERATIONS, packetHops: 0 };
    },
  };
});
