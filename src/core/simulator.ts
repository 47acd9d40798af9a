import type { EventHandler, EventList, EventListChoice, EventListKind } from './event-list.js';
import { CalendarEventList } from './calendar-event-list.js';
import { QuaternaryEventList } from './quaternary-event-list.js';
import { RandomStreams } from './random.js';
import type { Nanos } from './time.js';

export interface SimulatorOptions {
  seed: number;
  replication?: number;
  /** Statistics ignore everything before this time. */
  warmup?: Nanos;
  eventList?: EventListChoice;
}

export function createEventList(choice: EventListChoice = 'quaternary'): EventList {
  if (typeof choice === 'function') return choice();
  const kind: EventListKind = choice;
  switch (kind) {
    case 'calendar':
      return new CalendarEventList();
    case 'quaternary':
      return new QuaternaryEventList();
  }
}

/**
 * The discrete-event core: a clock, the pending events and the random streams of one run.
 * Everything that happens in a simulation is an event handled by some EventHandler.
 */
export class Simulator {
  now: Nanos = 0;
  eventsProcessed = 0;
  readonly warmup: Nanos;
  readonly random: RandomStreams;
  private events: EventList;

  constructor(options: SimulatorOptions) {
    this.warmup = options.warmup ?? 0;
    this.random = new RandomStreams(options.seed, options.replication ?? 0);
    this.events = createEventList(options.eventList);
  }

  /**
   * Wake `handler` with `tag` at absolute time `time`: a whole number of nanoseconds, never in the
   * past. Times are exact to the nanosecond up to 2^53 ns (104 days); beyond (a year of failures in
   * --availability-only) every double is a whole number, spaced 2 to 8 ns apart, still in order.
   */
  at(time: Nanos, handler: EventHandler, tag = 0): void {
    // a fraction, NaN or Infinity would misorder the event lists (or never come)
    if (!(time >= this.now && Number.isInteger(time))) this.rejectTime(time);
    this.events.push(time, handler, tag);
  }

  private rejectTime(time: Nanos): never {
    if (time < this.now) throw new Error(`event scheduled in the past: ${time} < ${this.now}`);
    throw new Error(`event time ${time} is not a whole number of nanoseconds`);
  }

  /**
   * Wake `handler` after `delay` nanoseconds (a whole number, not negative). The packet path
   * schedules this way: a delay is a small integer to V8, where a time passed to a call it does not
   * inline is boxed (see EventList.pushAfter).
   */
  after(delay: Nanos, handler: EventHandler, tag = 0): void {
    if (!(delay >= 0 && Number.isInteger(delay))) this.rejectTime(this.now + delay);
    const events = this.events;
    // the list schedules from the last event it gave; between runs the clock may have moved past it
    if (events.lastTime === this.now) events.pushAfter(delay, handler, tag);
    else events.push(this.now + delay, handler, tag);
  }

  /** Time of the earliest pending event (Infinity: none). */
  nextEventTime(): Nanos {
    return this.events.peekTime();
  }

  get pendingEvents(): number {
    return this.events.size;
  }

  /**
   * Move the pending events into an event list of kind `choice` (between runs, never from a
   * handler): they leave in order and keep it, equal times included.
   */
  moveEvents(choice: EventListChoice): void {
    const next = createEventList(choice);
    const events = this.events;
    while (events.size > 0) {
      const handler = events.pop();
      next.push(events.lastTime, handler, events.lastTag);
    }
    this.events = next;
  }

  /**
   * Process every event with time <= `until`, then leave the clock at `until`; or stop after
   * `maxEvents` events (a batch, so that a caller can look up between batches) and return false.
   */
  runUntil(until: Nanos, maxEvents = Infinity): boolean {
    const events = this.events;
    let processed = 0;
    for (let handler = events.popUntil(until); handler !== null; handler = events.popUntil(until)) {
      this.now = events.lastTime;
      processed++;
      handler.onEvent(events.lastTag);
      if (processed >= maxEvents) {
        this.eventsProcessed += processed;
        return false;
      }
    }
    this.eventsProcessed += processed;
    if (until > this.now && until !== Infinity) this.now = until;
    return true;
  }

  /** True once `time` lies inside the measured interval (after the warm-up). */
  measuring(time: Nanos): boolean {
    return time >= this.warmup;
  }
}
