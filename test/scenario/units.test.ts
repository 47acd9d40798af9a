import { describe, expect, it } from 'vitest';
import { parseDscp } from '../../src/core/dscp.js';
import { parseBandwidth, parseSize, parseTime } from '../../src/scenario/units.js';

describe('units', () => {
  it('parses bandwidths in bits per second (SI prefixes)', () => {
    expect(parseBandwidth('1Gbps')).toBe(1e9);
    expect(parseBandwidth('150Mbps')).toBe(150e6);
    expect(parseBandwidth('2.5 kbps')).toBe(2500);
    expect(parseBandwidth('10MB')).toBeUndefined();
    expect(parseBandwidth('fast')).toBeUndefined();
  });

  it('parses times into whole nanoseconds', () => {
    expect(parseTime('10ms')).toBe(10_000_000);
    expect(parseTime('30s')).toBe(30e9);
    expect(parseTime('1.5us')).toBe(1500);
    expect(parseTime('2h')).toBe(7200e9);
    expect(parseTime('10')).toBeUndefined();
  });

  it('parses sizes in bytes, decimal and binary', () => {
    expect(parseSize('1500B')).toBe(1500);
    expect(parseSize('64KB')).toBe(64_000);
    expect(parseSize('64KiB')).toBe(65_536);
    expect(parseSize('1500b')).toBeUndefined();
  });

  it('parses DSCP names and numbers', () => {
    expect(parseDscp('EF')).toBe(46);
    expect(parseDscp('af41')).toBe(34);
    expect(parseDscp('AF11')).toBe(10);
    expect(parseDscp('CS5')).toBe(40);
    expect(parseDscp(63)).toBe(63);
    expect(parseDscp(64)).toBeUndefined();
    expect(parseDscp('AF51')).toBeUndefined();
  });
});
