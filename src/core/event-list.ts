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
 * The event list for a scenario of `flows` flows: the calendar queue stays O(1) per event where the
 * heap's depth grows with the pending events (about one per flow), but costs more with a handful
 * (measured in the bench suite: 10 flows and mm1 favour the heap, 10,000 flows the calendar).
 * The choice never changes results: both order equal times by insertion.
 */
export function defaultEventList(flows: number): EventListKind {
  return flows >= 1000 ? 'calendar' : 'quaternary';
}
