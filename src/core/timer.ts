import type { EventHandler } from './event-list.js';
import type { Simulator } from './simulator.js';
import type { Nanos } from './time.js';

/** Receives the expiry of a Timer; `id` tells apart several timers of one owner. */
export interface TimerOwner {
  onTimer(id: number): void;
}

/**
 * A restartable one-shot timer (retransmission timeouts, delayed ACKs). Moving the deadline
 * later costs nothing: the pending event fires at the old deadline and re-arms itself, so a timer
 * that is pushed back on every ACK still has at most about one event per expiry period. Moving it
 * earlier adds an event; the later one then finds nothing due and goes away.
 */
export class Timer implements EventHandler {
  private deadline: Nanos = Infinity;
  /** Earliest time at which an event of ours is known to be pending. */
  private pendingAt: Nanos = Infinity;

  constructor(
    private readonly sim: Simulator,
    private readonly owner: TimerOwner,
    private readonly id = 0,
  ) {}

  get armed(): boolean {
    return this.deadline !== Infinity;
  }

  get expiresAt(): Nanos {
    return this.deadline;
  }

  set(at: Nanos): void {
    this.setAfter(at - this.sim.now);
  }

  /** `set(now + delay)`, scheduled by its delay: V8 boxes a time passed to a call it does not inline. */
  setAfter(delay: Nanos): void {
    const at = this.sim.now + delay;
    this.deadline = at;
    if (at < this.pendingAt) {
      this.pendingAt = at;
      this.sim.after(delay, this, 0);
    }
  }

  cancel(): void {
    this.deadline = Infinity;
  }

  onEvent(): void {
    const now = this.sim.now;
    if (now >= this.pendingAt) this.pendingAt = Infinity;
    if (this.deadline <= now) {
      this.deadline = Infinity;
      this.owner.onTimer(this.id);
    } else if (this.deadline < this.pendingAt) {
      this.pendingAt = this.deadline;
      this.sim.after(this.deadline - now, this, 0);
    }
  }
}
