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

describe('SACK scoreboard against a byte map', () => {
  // every answer checked against the SACKed bytes themselves, one flag a byte
  it('answers as the bytes it was given do, through random blocks and cumulative ACKs', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const size = 3000;
    // the scoreboard scans a few pairs and searches many: both must be seen
    const seen = { few: 0, many: 0 };
    for (let trial = 0; trial < 40; trial++) {
      const s = new SackScoreboard();
      const sacked = new Uint8Array(size);
      let una = 0;
      for (let step = 0; step < 60; step++) {
        if (random(5) === 0) {
          una = Math.min(size, una + random(300));
          s.trimBelow(una);
          sacked.fill(0, 0, una);
        } else {
          const start = una + random(size - una);
          const end = Math.min(size, start + 1 + random(120));
          s.add(start, end);
          sacked.fill(1, start, end);
        }
        const count = (from: number, to: number) => {
          let n = 0;
          for (let x = Math.max(0, from); x < Math.min(size, to); x++) n += sacked[x]!;
          return n;
        };
        let runs = 0;
        for (let x = 0; x < size; x++) if (sacked[x] === 1 && (x === 0 || sacked[x - 1] === 0)) runs++;
        if (runs <= 8) seen.few++;
        else seen.many++;
        const a = random(size);
        const b = a + random(size - a + 1);
        expect(s.sackedIn(a, b)).toBe(count(a, b));
        expect(s.sackedIn(b, a)).toBe(0);
        expect(s.isSacked(a)).toBe(sacked[a] === 1);
        let next = a;
        while (next < size && sacked[next] === 1) next++;
        expect(s.nextUnsacked(a)).toBe(next);
        let after = a + 1;
        while (after < size && !(sacked[after] === 1 && sacked[after - 1] === 0)) after++;
        expect(s.nextSackedAfter(a)).toBe(after < size ? after : Infinity);
        const threshold = random(400);
        // the highest start of a SACKed run with more than `threshold` SACKed bytes from it up
        let bound = -1;
        for (let x = size - 1; x >= 0; x--) {
          if (sacked[x] === 1 && (x === 0 || sacked[x - 1] === 0) && count(x, size) > threshold) {
            bound = x;
            break;
          }
        }
        expect(s.lossBound(threshold)).toBe(bound);
        let highest = -1;
        for (let x = size - 1; x >= 0 && highest < 0; x--) if (sacked[x] === 1) highest = x + 1;
        expect(s.highest).toBe(highest);
        expect(s.isEmpty).toBe(highest < 0);
      }
    }
    expect(Math.min(seen.few, seen.many)).toBeGreaterThan(100);
  });
});
