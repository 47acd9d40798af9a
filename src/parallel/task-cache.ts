import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReplicationResult } from '../runner/run-replication.js';
import { decodeResult, encodeResult } from './result-codec.js';
import type { Task } from './task.js';

/**
 * Task results on disk, keyed by a hash of (scenario text, overrides, task, code version): adding
 * replications or sweep points later reruns only the new tasks. The code version hashes every
 * module of the simulator, so any change of code invalidates everything.
 */
export class TaskCache {
  private codeVersion: string | undefined;

  constructor(private readonly dir: string) {}

  key(task: Task): string {
    const { label: _label, file: _file, scenario: _scenario, ...identity } = task;
    return createHash('sha256').update(JSON.stringify({ identity, code: this.version() })).digest('hex');
  }

  get(task: Task): ReplicationResult | undefined {
    try {
      return decodeResult(readFileSync(join(this.dir, `${this.key(task)}.json`), 'utf8'));
    } catch {
      return undefined;
    }
  }

  put(task: Task, result: ReplicationResult): void {
    mkdirSync(this.dir, { recursive: true });
    const file = join(this.dir, `${this.key(task)}.json`);
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, encodeResult(result));
    renameSync(tmp, file);
  }

  private version(): string {
    if (this.codeVersion === undefined) {
      const root = join(dirname(fileURLToPath(import.meta.url)), '..');
      const hash = createHash('sha256');
      for (const file of sourceFiles(root)) hash.update(file).update(readFileSync(file));
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
