import { describe, expect, it } from 'vitest';
import { fromPayload } from '../../src/parallel/queue/task-payload.js';
import { parseScenarioText } from '../../src/planner/load.js';
import { GOOD_SCENARIO } from '../cli/cli-helpers.js';

const SCENARIO = GOOD_SCENARIO;

const task = (overrides: Record<string, unknown>) => ({ file: 's.yaml', text: SCENARIO, overrides, variant: 'base', replication: 0, seed: 1, label: '' });

describe('override paths', () => {
  it.each(['__proto__.loss', 'links.0.__proto__.x', 'constructor.prototype.polluted', 'prototype', 'links..delay', 'a b'])('refuses %s and leaves Object.prototype alone', (path) => {
    expect(() => parseScenarioText(SCENARIO, 's.yaml', { [path]: 0.5 })).toThrow(/is not a field/);
    expect(() => fromPayload(task({ [path]: 0.5 }))).toThrow(/not an ersim task: overrides: .*is not a field/);
    expect(({} as Record<string, unknown>).loss).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('still sets real fields, lists by index', () => {
    const loaded = parseScenarioText(SCENARIO, 's.yaml', { 'links.0.delay': '5ms', duration: '2s' });
    expect(loaded.scenario.links[0]!.delay).toBe(5e6);
    expect(loaded.scenario.duration).toBe(2e9);
  });

  it('bounds what a queue job carries', () => {
    expect(() => fromPayload({ ...task({}), text: 'x'.repeat(9 * 1024 * 1024) })).toThrow(/text/);
    expect(() => fromPayload(task(Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`f${i}`, 1]))))).toThrow(/at most 1000 overrides/);
    expect(() => fromPayload(task({ duration: { nested: 'object' } }))).toThrow(/overrides/);
    expect(() => fromPayload({ ...task({}), extra: 1 })).toThrow(/extra/);
    expect(fromPayload(task({ 'links.0.delay': '5ms' })).overrides).toEqual({ 'links.0.delay': '5ms' });
  });
});
