import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TaskCache } from '../../src/parallel/task-cache.js';
import type { Task } from '../../src/parallel/task.js';
import { SMALL_DUMBBELL, tempDir } from '../cli/cli-helpers.js';
import { simulate } from '../helpers.js';

const task: Task = { file: 's.yaml', text: SMALL_DUMBBELL, overrides: {}, variant: 'base', replication: 0, seed: 1, label: '' };
const result = simulate(SMALL_DUMBBELL);

function cacheIn(dir: string) {
  const warnings: string[] = [];
  const cache = new TaskCache(dir, (line) => warnings.push(line));
  return { cache, warnings, file: join(dir, `${cache.key(task)}.json`) };
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
    ['hashed nonsense', () => hashed('[1, 2'), /not JSON/],
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
