import type { Nanos } from './time.js';

/** Anything that can be woken by the simulator. `tag` lets one object tell its events apart. */
export interface EventHandler {
  onEvent(tag: number): void;
}

/**
 * The pending-event set. Ties in time are broken by insertion order, so a run is deterministic.
 * `pop` returns the handler of the earliest event and leaves its time and tag in
 * `lastTime` / `lastTag`, so no object is allocated per event.
 */
export interface EventList {
  readonly size: number;
  push(time: Nanos, handler: EventHandler, tag: number): void;
  /**
   * `push` at `lastTime + delay`: how the simulator schedules relative to the event being handled.
   * A delay under 2^31 ns is a small integer to V8, where a time (any after 2.1 s) passed to a call
   * it does not inline is boxed into a new heap number: once per packet on a link's wire.
   */
  pushAfter(delay: Nanos, handler: EventHandler, tag: number): void;
  /** Time of the earliest event, or Infinity when empty. */
  peekTime(): Nanos;
  pop(): EventHandler;
  /**
   * `pop` if the earliest event is due by `until`, else null: the simulator's loop asks this
   * instead of `peekTime`, whose time V8 would box on every call it does not inline.
   */
  popUntil(until: Nanos): EventHandler | null;
  readonly lastTime: Nanos;
  readonly lastTag: number;
}

export type EventListKind = 'quaternary' | 'calendar';
export const EVENT_LIST_KINDS: readonly EventListKind[] = ['quaternary', 'calendar'];

/** A kind of event list, or a factory of another (the bench suite's comparisons). */
export type EventListChoice = EventListKind | (() => EventList);

/**
 * The event list for a run that has `pending` events once everything in it has started: the
 * calendar queue stays O(1) per event where the heap's depth grows with the pending events, but costs
 * more with one or two (measured, docs/performance.md: one Poisson flow 8.2 M events/s on the heap,
 * 5.9 on the calendar; even at 4, 6.8 and 6.7; from 8 on the calendar leads, and by 23-36% on the
 * dumbbell and the planner's scenarios). The choice never changes results: both order equal times by
 * insertion.
 */
export function defaultEventList(pending: number): EventListKind {
  return pending >= CALENDAR_FROM_PENDING ? 'calendar' : 'quaternary';
}

export const CALENDAR_FROM_PENDING = 8;
