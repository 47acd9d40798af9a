import type { Hash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { z } from 'zod';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReplicationResult } from '../runner/run-replication.js';
import { decodeResult, encodeResult } from './result-codec.js';
import type { Task } from './task.js';

// any number: NaN ("not defined") and infinities are values here, which z.number() refuses
const row = z.record(z.string(), z.union([z.string(), z.custom<number>((v) => typeof v === 'number')]));
const rows = z.array(row);
const count = z.number().int().nonnegative();
/** What a cached result must be, table by table (see ReplicationResult; the codec checked the time series' sizes). */
const resultSchema = z.strictObject({
  flows: rows,
  links: rows,
  drops: rows,
  timeSeries: z
    .strictObject({ variant: z.string(), replication: count, first: count, interval: count.positive(), flows: count, names: z.array(z.string()), samples: count, values: z.instanceof(Float64Array) })
    .nullable(),
  availability: rows,
  classes: rows,
  exposure: rows,
  delays: rows,
  availabilityEvents: rows,
  apps: rows,
  summary: row,
});

/** node:crypto is loaded when a hash is first made: a run with --no-cache does without it. */
const createSha256 = (): Hash => (createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto')).createHash('sha256');

const sha256 = (parts: readonly Uint8Array[]): string => {
  const hash = createSha256();
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
};
/** An entry's first line: the hash of the rest. */
const HASH_LINE = 65;

/**
 * Task results on disk, keyed by a hash of (scenario text, overrides, task, code version): adding
 * replications or sweep points later reruns only the new tasks. The code version hashes every
 * module of the simulator, so any change of code invalidates everything. An entry is its content's
 * hash, then the result: an entry that is not a regular file, fails its hash (edited by hand,
 * truncated) or is not a result is reported in one line and run again, and the new result replaces it.
 */
export class TaskCache {
  private codeVersion: string | undefined;

  constructor(
    private readonly dir: string,
    private readonly warn: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  ) {}

  key(task: Task): string {
    const { label: _label, file: _file, scenario: _scenario, maxEvents: _maxEvents, maxMemory: _maxMemory, ...identity } = task;
    return createSha256().update(JSON.stringify({ identity, code: this.version() })).digest('hex');
  }

  get(task: Task): ReplicationResult | undefined {
    const file = join(this.dir, `${this.key(task)}.result`);
    let bytes: Buffer;
    try {
      if (!statSync(file).isFile()) return this.reject(file, 'not a regular file');
      bytes = readFileSync(file);
    } catch {
      return undefined; // not cached
    }
    const payload = bytes.subarray(HASH_LINE);
    if (bytes[HASH_LINE - 1] !== 0x0a || bytes.toString('latin1', 0, HASH_LINE - 1) !== sha256([payload])) return this.reject(file, 'its content does not match its hash');
    let parsed: unknown;
    try {
      parsed = decodeResult(payload);
    } catch {
      return this.reject(file, 'not a task result');
    }
    const checked = resultSchema.safeParse(parsed);
    if (!checked.success) return this.reject(file, 'not a task result');
    return checked.data as ReplicationResult;
  }

  put(task: Task, result: ReplicationResult): void {
    mkdirSync(this.dir, { recursive: true });
    const file = join(this.dir, `${this.key(task)}.result`);
    const tmp = join(this.dir, `.${this.key(task)}.${process.pid}.tmp`);
    const payload = encodeResult(result, HASH_LINE);
    const fd = openSync(tmp, 'w');
    try {
      for (const part of [Buffer.from(`${sha256(payload)}\n`), ...payload]) {
        for (let written = 0; written < part.length; ) written += writeSync(fd, part, written);
      }
    } finally {
      closeSync(fd);
    }
    rmSync(file, { recursive: true, force: true }); // a bad entry (even a folder) gives way
    renameSync(tmp, file);
  }

  private reject(file: string, why: string): undefined {
    this.warn(`ersim: cache entry ${file} is ${why.startsWith('its') ? `unusable: ${why}` : why}; running the task again`);
    return undefined;
  }

  private version(): string {
    if (this.codeVersion === undefined) {
      const here = fileURLToPath(import.meta.url);
      // the command line's bundle holds every module a result depends on (scripts/bundle-cli.mjs):
      // hashing it alone reads one file instead of two hundred (14 ms at every cached run)
      const files = here.endsWith('.cjs') ? [here] : sourceFiles(join(dirname(here), '..'));
      const hash = createSha256();
      for (const file of files) hash.update(file).update(readFileSync(file));
      this.codeVersion = hash.digest('hex');
    }
    return this.codeVersion;
  }
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return sourceFiles(path);
      return /\.(js|ts)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
    });
}
