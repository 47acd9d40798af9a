import { describe, expect, it } from 'vitest';
import { Simulator } from '../../src/core/simulator.js';
import { Timer } from '../../src/core/timer.js';

/** A simulator, a timer of owner id 7, and the times at which it fired. */
function setup() {
  const sim = new Simulator({ seed: 1 });
  const fired: number[] = [];
  const timer = new Timer(sim, { onTimer: (id) => fired.push(id === 7 ? sim.now : -1) }, 7);
  return { sim, fired, timer };
}

describe('restartable timer', () => {
  it('fires once at its deadline, with its id', () => {
    const { sim, fired, timer } = setup();
    timer.set(1000);
    expect(timer.armed).toBe(true);
    sim.runUntil(10_000);
    expect(fired).toEqual([1000]);
    expect(timer.armed).toBe(false);
  });

  it('moves later at no cost: one pending event re-arms itself at the new deadline', () => {
    const { sim, fired, timer } = setup();
    timer.set(1000);
    for (let t = 100; t <= 900; t += 100) {
      sim.at(t, { onEvent: () => timer.set(sim.now + 1000) });
    }
    sim.runUntil(900);
    // nine pushes later, still the one event of the first deadline
    expect(sim.pendingEvents).toBe(1);
    sim.runUntil(10_000);
    expect(fired).toEqual([1900]);
  });

  it('moves earlier (a new event; the old one finds nothing due) and cancels', () => {
    const { sim, fired, timer } = setup();
    timer.set(5000);
    timer.set(2000);
    sim.runUntil(10_000);
    expect(fired).toEqual([2000]);
    timer.set(12_000);
    timer.cancel();
    sim.runUntil(20_000);
    expect(fired).toEqual([2000]);
    expect(timer.expiresAt).toBe(Infinity);
  });

  it('is set by a delay from the clock as by its deadline, moving later or earlier alike', () => {
    const { sim, fired, timer } = setup();
    // TCP's way: re-armed a delay ahead on every ACK (at 100, ..., 900), then pulled earlier
    timer.setAfter(1000);
    for (let t = 100; t <= 900; t += 100) sim.at(t, { onEvent: () => timer.setAfter(1000) });
    sim.runUntil(900);
    expect([sim.pendingEvents, timer.expiresAt]).toEqual([1, 1900]);
    sim.at(1000, { onEvent: () => timer.setAfter(50) });
    sim.runUntil(10_000);
    expect(fired).toEqual([1050]);
    // after a run has moved the clock past the last event
    timer.setAfter(2 ** 31 + 5);
    sim.runUntil(2 ** 32);
    expect(fired).toEqual([1050, 10_000 + 2 ** 31 + 5]);
  });
});
