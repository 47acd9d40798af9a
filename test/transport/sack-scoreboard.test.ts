import { describe, expect, it } from 'vitest';
import { SackScoreboard } from '../../src/transport/tcp/sack-scoreboard.js';

describe('SACK scoreboard', () => {
  it('merges overlapping and adjacent blocks and answers what is SACKed', () => {
    const s = new SackScoreboard();
    s.add(3000, 4000);
    s.add(6000, 7000);
    s.add(4000, 5000); // adjacent: one range 3000-5000
    s.add(6500, 8000); // overlapping: 6000-8000
    expect(s.sackedIn(0, 10_000)).toBe(4000);
    expect(s.sackedIn(4500, 6500)).toBe(1000);
    expect([s.isSacked(2999), s.isSacked(3000), s.isSacked(4999), s.isSacked(5000)]).toEqual([false, true, true, false]);
    expect(s.highest).toBe(8000);
    expect(s.nextUnsacked(3500)).toBe(5000);
    expect(s.nextUnsacked(5500)).toBe(5500);
    expect(s.nextSackedAfter(5000)).toBe(6000);
    expect(s.nextSackedAfter(6000)).toBe(Infinity);
  });

  it('forgets what the cumulative ACK covers, cutting a range it falls in', () => {
    const s = new SackScoreboard();
    s.add(3000, 5000);
    s.add(6000, 8000);
    s.trimBelow(4000);
    expect(s.sackedIn(0, 10_000)).toBe(3000);
    s.trimBelow(8000);
    expect(s.isEmpty).toBe(true);
  });

  it('marks a byte lost once more than DupThresh - 1 segments above it are SACKed (RFC 6675 IsLost)', () => {
    const mss = 1000;
    const s = new SackScoreboard();
    // hole at 0-1000; SACKed 1000-3000: two segments above the hole, not yet enough
    s.add(1000, 3000);
    expect(s.lossBound(2 * mss)).toBe(-1);
    s.add(3000, 4000); // three segments above: every byte below 1000 is lost
    expect(s.lossBound(2 * mss)).toBe(1000);
    // a second hole 4000-5000 with three segments above it: bytes below 5000 count as lost
    s.add(5000, 8000);
    expect(s.lossBound(2 * mss)).toBe(5000);
  });
});
