import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../cli/cli-helpers.js';

const BIN = new URL('../../bin/ersim.js', import.meta.url).pathname;
const CORPUS = new URL('./corpus', import.meta.url).pathname;
const FILES = readdirSync(CORPUS).filter((f) => f.endsWith('.yaml')).sort();

interface Outcome {
  file: string;
  command: string;
  code: number | null;
  err: string;
  ms: number;
}

/** ersim in a child process with a 500 MB heap and a 5 s limit (a kill shows as code null). */
function ersimChild(args: string[]): Promise<{ code: number | null; err: string; ms: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['--max-old-space-size=500', BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, err, ms: Date.now() - started });
    });
  });
}

describe('the bad-input corpus (test/bad-input/corpus, written by generate.py)', () => {
  it('holds at least 100 broken scenarios', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(100);
  });

  it('gets a clear error for each from validate and run: exit 2, file and field, no stack trace, nothing written, within 5 s and 500 MB', async () => {
    const out = join(tempDir(), 'out');
    const jobs = FILES.flatMap((f) => [
      { file: f, command: 'validate', args: ['validate', join(CORPUS, f)] },
      { file: f, command: 'run', args: ['run', join(CORPUS, f), '--out', out, '--quiet', '--no-cache', '--workers', '1'] },
    ]);
    const outcomes: Outcome[] = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < jobs.length) {
        const job = jobs[next++]!;
        outcomes.push({ file: job.file, command: job.command, ...(await ersimChild(job.args)) });
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    const wrong = outcomes.filter(
      (o) =>
        o.code !== 2 ||
        /\n\s+at /.test(o.err) ||
        // "ersim: FILE[:LINE]: FIELD: message"
        !new RegExp(`^ersim: ${join(CORPUS, o.file).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(:\\d+)?: \\S.*: .+`).test(o.err),
    );
    expect(wrong.map((o) => `${o.command} ${o.file}: exit ${o.code}: ${o.err.slice(0, 300)}`)).toEqual([]);
    expect(existsSync(out)).toBe(false);
    expect(outcomes.reduce((m, o) => Math.max(m, o.ms), 0)).toBeLessThan(5000);
  }, 300_000);
});
