import type { EventHandler, EventList, EventListKind } from '../src/core/event-list.js';
import { RandomStream } from '../src/core/random.js';
import { createEventList } from '../src/core/simulator.js';
import type { BenchCase } from './bench-case.js';

const PENDING = 10_000;
const OPERATIONS = 1_000_000;
const handler: EventHandler = { onEvent: () => undefined };

/** Exponential increments drawn once, so the benchmark times the event list and not the RNG. */
const increments = (() => {
  const random = new RandomStream('bench:hold');
  return Float64Array.from({ length: 1 << 16 }, () => Math.round(random.exponential(1_000_000)));
})();

function filled(kind: EventListKind): EventList {
  const list = createEventList(kind);
  for (let i = 0; i < PENDING; i++) list.push(increments[i]!, handler, 0);
  return list;
}

/** Classic hold model: pop the earliest event, push one at now + exponential; 10,000 pending. */
function hold(list: EventList): void {
  const mask = increments.length - 1;
  for (let i = 0; i < OPERATIONS; i++) {
    list.pop();
    list.push(list.lastTime + increments[i & mask]!, handler, 0);
  }
}

export const eventListCases: BenchCase[] = (['quaternary', 'heap-js'] as const).map((kind) => {
  let list = filled(kind);
  return {
    name: `event-list hold ${kind} (10k pending)`,
    setup: () => {
      list = filled(kind);
    },
    run: () => {
      hold(list);
      return { events: OPERATIONS, packetHops: 0 };
    },
  };
});
