import type { EventList } from '../../src/core/event-list.js';
import { CalendarEventList } from '../../src/core/calendar-event-list.js';
import { QuaternaryEventList } from '../../src/core/quaternary-event-list.js';
import { HeapJsEventList } from './heap-js-event-list.js';
import { RadixEventList } from './radix-event-list.js';

/**
 * Every event list the bench suite compares: ersim's two (src/core) and two references kept only
 * to measure against, a radix heap and the heap-js library.
 */
export const BENCH_EVENT_LISTS = {
  quaternary: () => new QuaternaryEventList(),
  calendar: () => new CalendarEventList(),
  radix: () => new RadixEventList(),
  'heap-js': () => new HeapJsEventList(),
} as const satisfies Record<string, () => EventList>;

export type BenchEventList = keyof typeof BENCH_EVENT_LISTS;
