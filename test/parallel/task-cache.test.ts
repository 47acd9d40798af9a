import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeResult, decodeResultText, encodeResult, encodeResultText } from '../../src/parallel/result-codec.js';
import { TaskCache } from '../../src/parallel/task-cache.js';
import type { Task } from '../../src/parallel/task.js';
import { SMALL_DUMBBELL, tempDir } from '../cli/cli-helpers.js';
import { simulate } from '../helpers.js';

const task: Task = { file: 's.yaml', text: SMALL_DUMBBELL, overrides: {}, variant: 'base', replication: 0, seed: 1, label: '' };
const result = simulate(SMALL_DUMBBELL);

function cacheIn(dir: string) {
  const warnings: string[] = [];
  const cache = new TaskCache(dir, (line) => warnings.push(line));
  return { cache, warnings, file: join(dir, `${cache.key(task)}.result`) };
}

describe('the task cache', () => {
  it('gives back exactly what it was given', () => {
    const { cache, warnings } = cacheIn(tempDir());
    cache.put(task, result);
    expect(cache.get(task)).toEqual(result);
    expect(warnings).toEqual([]);
  });

  const hashed = (payload: string) => `${createHash('sha256').update(payload).digest('hex')}\n${payload}`;
  it.each([
    ['an edited number', (text: string) => text.replace(/"rx_packets":\d+/, '"rx_packets":999'), /does not match its hash/],
    ['null', () => 'null', /does not match its hash/],
    ['{}', () => '{}', /does not match its hash/],
    ['a hashed {}', () => hashed('{}'), /not a task result/],
    ['hashed nonsense', () => hashed('[1, 2'), /not a task result/],
    ['a truncated entry', (text: string) => text.slice(0, text.length / 2), /does not match its hash/],
  ])('reruns a task whose entry is %s, says so once, and replaces the entry', (_what, corrupt, message) => {
    const { cache, warnings, file } = cacheIn(tempDir());
    cache.put(task, result);
    writeFileSync(file, corrupt(readFileSync(file, 'utf8')));
    expect(cache.get(task)).toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(message);
    cache.put(task, result);
    expect(cache.get(task)).toEqual(result);
  });

  it('reruns a task whose entry is a folder, and replaces it', () => {
    const { cache, warnings, file } = cacheIn(tempDir());
    mkdirSync(file, { recursive: true });
    expect(cache.get(task)).toBeUndefined();
    expect(warnings[0]).toMatch(/is not a regular file/);
    cache.put(task, result);
    expect(cache.get(task)).toEqual(result);
  });
});

describe('a result with a time series', () => {
  const values = Float64Array.from({ length: 2 * 3 * 5 }, (_, i) => (i % 7 === 0 ? NaN : i * 0.1));
  const withSeries = { ...result, timeSeries: { variant: 'base', replication: 0, first: 1e6, interval: 1e6, flows: 1, names: ['f', 'a->b', 'b->a'], samples: 2, values } };

  it('is cached exactly, its doubles after the JSON (NaN included), and an edited double is caught', () => {
    const { cache, warnings, file } = cacheIn(tempDir());
    cache.put(task, withSeries);
    expect(cache.get(task)).toEqual(withSeries);
    const bytes = readFileSync(file);
    expect(bytes.length % 8).toBe(0); // the doubles start on a multiple of 8 and fill the end
    bytes[bytes.length - 3]! ^= 1;
    writeFileSync(file, bytes);
    expect(cache.get(task)).toBeUndefined();
    expect(warnings[0]).toMatch(/does not match its hash/);
  });

  it('decodes from any byte offset, and refuses a length that does not match its samples', () => {
    const encoded = Buffer.concat(encodeResult(withSeries));
    const shifted = Buffer.concat([Buffer.alloc(3), encoded]).subarray(3);
    expect(decodeResult(shifted)).toEqual(withSeries);
    expect(decodeResultText(encodeResultText(withSeries))).toEqual(withSeries);
    expect(() => decodeResult(encoded.subarray(0, encoded.length - 8))).toThrow(/wrong length/);
    const lying = Buffer.from(encoded.toString('latin1').replace('"samples":2', '"samples":3'), 'latin1');
    expect(() => decodeResult(lying)).toThrow(/do not match/);
  });
});
