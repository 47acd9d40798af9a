import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ersim, SMALL_DUMBBELL, tempDir, writeScenario } from '../cli/cli-helpers.js';

/** .ci/run installs Debian's redis-server and requires these tests; elsewhere they run when it is there. */
const required = process.env.ERSIM_REDIS_TESTS === 'required';
const available = spawnSync('redis-server', ['--version']).status === 0;
const PORT = 16379 + (process.pid % 1000);
const URL = `redis://127.0.0.1:${PORT}/0`;

const SWEEP = SMALL_DUMBBELL;
/** Each replication takes a few seconds of wall time: long enough to kill a worker in the middle of one. */
const SLOW = `
name: slow
duration: 200s
replications: 4
nodes: [a, r, b]
links:
  - { from: a, to: r, bandwidth: 1Gbps, delay: 1ms }
  - { from: r, to: b, bandwidth: 200Mbps, delay: 5ms, queue: { kind: droptail, limit_packets: 200 } }
flows:
  - { name: voice, from: a, to: b, dscp: EF, source: { kind: poisson, rate: 150Mbps, packet_size: 500B } }
`;

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
const withoutTiming = (text: string) => text.trim().split('\n').map((l) => l.split(',').slice(0, -2).join(',')).join('\n');

interface WorkerProcess {
  child: ChildProcess;
  output: () => string;
}

function startWorker(env: Record<string, string> = {}, url = URL): WorkerProcess {
  const child = spawn(process.execPath, ['bin/ersim.js', 'worker', '--queue', url, '--concurrency', '1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let text = '';
  child.stdout!.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (text += d.toString()));
  return { child, output: () => text };
}

async function until(condition: () => boolean, what: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.runIf(available || required)('runs spread over machines through Redis (BullMQ)', () => {
  let redis: ChildProcess | undefined;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    expect(available, 'redis-server is missing: apt-get install redis-server').toBe(true);
    redis = spawn('redis-server', ['--port', String(PORT), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await until(() => spawnSync('redis-cli', ['-p', String(PORT), 'ping']).stdout?.toString().includes('PONG') === true, 'redis-server');
  });

  afterAll(() => {
    for (const w of workers) w.child.kill('SIGTERM');
    redis?.kill('SIGTERM');
  });

  it('two ersim workers and a submitting sweep write what the local sweep writes, byte for byte', async () => {
    workers.push(startWorker(), startWorker());
    await until(() => workers.every((w) => w.output().includes('waiting for runs')), 'the workers');
    const dir = tempDir();
    const file = writeScenario(dir, 's.yaml', SWEEP);
    // 600 simulated s: each of the six tasks takes about half a second, so that the first worker to
    // find the run's queue is still busy when the second finds it (each looks every 200 ms); with
    // tasks of a few milliseconds one worker could take them all, and did once in CI
    const args = ['sweep', file, '--param', 'links.1.bandwidth=5Mbps,10Mbps,20Mbps', '--duration', '600s', '-q', '--no-cache'];
    const queued = await ersim(...args, '-o', join(dir, 'queued'), '--queue', URL);
    expect(queued.err).toBe('');
    expect(queued.code).toBe(0);
    expect((await ersim(...args, '-o', join(dir, 'local'), '--workers', '1')).code).toBe(0);
    for (const f of ['sweep.csv', 'flows.csv', 'links.csv', 'drops.csv', 'availability.csv']) expect(read(join(dir, 'queued'), f)).toBe(read(join(dir, 'local'), f));
    expect(withoutTiming(read(join(dir, 'queued'), 'summary.csv'))).toBe(withoutTiming(read(join(dir, 'local'), 'summary.csv')));
    // both workers took part (their output may reach us just after the sweep's), and the run left nothing behind in Redis
    await until(() => workers.every((w) => w.output().includes(' done in ')), 'both workers to report a task done', 5000);
    await until(() => spawnSync('redis-cli', ['-p', String(PORT), 'keys', '*']).stdout.toString().trim() === '', 'Redis to be left empty', 5000);
  }, 60_000);

  it('a worker killed (SIGKILL) in the middle of a task loses nothing: the task runs elsewhere, the output is identical', async () => {
    const dir = tempDir();
    const file = writeScenario(dir, 'slow.yaml', SLOW);
    const victim = workers[0]!;
    const before = victim.output().length;
    const submitted = ersim('run', file, '-q', '--no-cache', '-o', join(dir, 'queued'), '--queue', URL, '--timeseries', '50ms');
    await until(() => victim.output().slice(before).includes(' started'), 'a task to start on the first worker');
    victim.child.kill('SIGKILL');
    const queued = await submitted;
    expect(queued.err).toBe('');
    expect(queued.code).toBe(0);
    expect(victim.output().slice(before)).not.toMatch(/ done in /); // it died mid-task
    expect((await ersim('run', file, '-q', '--no-cache', '-o', join(dir, 'local'), '--workers', '2', '--timeseries', '50ms')).code).toBe(0);
    for (const f of ['flows.csv', 'links.csv', 'drops.csv', 'availability.csv', 'delays.csv', 'timeseries.csv']) expect(read(join(dir, 'queued'), f)).toBe(read(join(dir, 'local'), f));
  }, 120_000);

  it('a task that fails on every worker fails the run after its retry, naming the task; Ctrl-C removes the pending tasks', async () => {
    // the healthy workers must be gone before the run starts, or one of them could take the task
    await Promise.all(
      workers.splice(0).map((w) => {
        const exited = w.child.exitCode !== null || w.child.signalCode !== null;
        const gone = exited ? Promise.resolve() : new Promise<void>((resolve) => w.child.once('exit', () => resolve()));
        w.child.kill('SIGTERM');
        return gone;
      }),
    );
    const failing = startWorker({ ERSIM_FAIL_TASK: 'point links.1.bandwidth=10Mbps / variant base / replication 1 / seed 1' });
    workers.push(failing);
    await until(() => failing.output().includes('waiting for runs'), 'the worker');
    const dir = tempDir();
    const file = writeScenario(dir, 's.yaml', SWEEP);
    const r = await ersim('sweep', file, '--param', 'links.1.bandwidth=5Mbps,10Mbps', '-q', '--no-cache', '-o', join(dir, 'out'), '--queue', URL);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/task point links\.1\.bandwidth=10Mbps \/ variant base \/ replication 1 \/ seed 1 failed on a worker: injected failure/);
    // tried twice: the worker logs the second failure as BullMQ reports it, which may be just after the run ends
    await until(() => (failing.output().match(/task-3 failed/g)?.length ?? 0) >= 2, 'the second attempt to be logged', 10_000);
    expect(failing.output().match(/task-3 failed/g)?.length).toBe(2);
    expect(existsSync(join(dir, 'out'))).toBe(false);

    // interrupted while the worker is busy: exit 130, and the run leaves nothing in Redis
    const slow = writeScenario(dir, 'slow.yaml', SLOW);
    const before = failing.output().length;
    const submitter = spawn(process.execPath, ['bin/ersim.js', 'run', slow, '-q', '--no-cache', '-o', join(dir, 'slow'), '--queue', URL], { stdio: 'ignore' });
    await until(() => failing.output().slice(before).includes(' started'), 'a task to start');
    submitter.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => submitter.on('exit', (c) => resolve(c)));
    expect(code).toBe(130);
    await until(() => spawnSync('redis-cli', ['-p', String(PORT), 'keys', '*']).stdout.toString().trim() === '', 'Redis to be left empty', 5000);
    expect(existsSync(join(dir, 'slow'))).toBe(false);
  }, 60_000);

  it('a crafted job (an override through __proto__, unknown fields) is refused, and the worker serves the next run', async () => {
    const worker = startWorker();
    workers.push(worker);
    await until(() => worker.output().includes('waiting for runs'), 'the worker');
    const { Queue } = await import('bullmq');
    const name = `ersim-crafted-${process.pid}`;
    const queue = new Queue(name, { connection: { url: URL, maxRetriesPerRequest: null } });
    try {
      spawnSync('redis-cli', ['-p', String(PORT), 'sadd', 'ersim:queues', name]);
      const text = SWEEP;
      await queue.add('task', { file: 'x.yaml', text, overrides: { '__proto__.polluted': 1 }, variant: 'base', replication: 0, seed: 1, label: '' }, { jobId: 'evil-1', attempts: 1 });
      await queue.add('task', { file: 'x.yaml', text, overrides: {}, variant: 'base', replication: 0, seed: 1, label: '', run: 'rm -rf /' }, { jobId: 'evil-2', attempts: 1 });
      // any worker may take them (an earlier test's is still serving)
      const said = () => workers.map((w) => w.output()).join('\n');
      await until(() => /evil-1 failed: not an ersim task: overrides: .*'__proto__' is not a field/.test(said()), `the first crafted job to be refused:\n${said()}`);
      await until(() => /evil-2 failed: not an ersim task: .*run/.test(said()), 'the second crafted job to be refused');
    } finally {
      spawnSync('redis-cli', ['-p', String(PORT), 'srem', 'ersim:queues', name]);
      await queue.obliterate({ force: true });
      await queue.close();
    }
    // the worker's later tasks are not affected
    const dir = tempDir();
    const r = await ersim('run', writeScenario(dir, 's.yaml', SWEEP), '-q', '--no-cache', '-o', join(dir, 'out'), '--queue', URL);
    expect(r.code).toBe(0);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 60_000);

  it('Redis down: a clear error, a non-zero exit and no output files', async () => {
    const dir = tempDir();
    const file = writeScenario(dir, 's.yaml', SWEEP);
    const out = join(dir, 'out');
    const r = await ersim('run', file, '-q', '--no-cache', '-o', out, '--queue', 'redis://127.0.0.1:1/0');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/cannot reach Redis at redis:\/\/127\.0\.0\.1:1\/0/);
    expect(existsSync(out)).toBe(false);
    const bad = await ersim('run', file, '-q', '--queue', 'http://example.com');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--queue: expected redis:/);
  });
});

describe.runIf(available || required)('a Redis that goes away', () => {
  const port = PORT + 1;
  const url = `redis://127.0.0.1:${port}/0`;
  const startRedis = async (): Promise<ChildProcess> => {
    const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await until(() => spawnSync('redis-cli', ['-p', String(port), 'ping']).stdout?.toString().includes('PONG') === true, 'redis-server');
    return child;
  };
  const exited = (child: ChildProcess): Promise<number | null> => new Promise((resolve) => child.once('exit', (c) => resolve(c)));

  it('stopped mid-run: the submitter gives up with a clear error within its timeout; the worker serves again when Redis is back; SIGTERM stops it at once', async () => {
    let redis = await startRedis();
    const worker = startWorker({}, url);
    try {
      await until(() => worker.output().includes('waiting for runs'), 'the worker');
      const dir = tempDir();
      const slow = writeScenario(dir, 'slow.yaml', SLOW);
      const submitter = spawn(process.execPath, ['bin/ersim.js', 'run', slow, '-q', '--no-cache', '-o', join(dir, 'out'), '--queue', url, '--queue-timeout', '3s'], { stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      submitter.stderr!.on('data', (d: Buffer) => (err += d.toString()));
      await until(() => worker.output().includes(' started'), 'a task to start');
      redis.kill('SIGKILL');
      const stopped = Date.now();
      const code = await exited(submitter);
      expect(code).toBe(1);
      expect(err).toMatch(/lost Redis at redis:\/\/127\.0\.0\.1:\d+\/0: no answer for \d+ s/);
      expect(err.split('\n').filter((l) => l.includes('ECONNREFUSED')).length).toBeLessThanOrEqual(1); // no flood of dumps
      expect(Date.now() - stopped).toBeLessThan(15_000);
      expect(existsSync(join(dir, 'out'))).toBe(false);

      // Redis back on the same port: the same worker serves the next run
      redis = await startRedis();
      const file = writeScenario(dir, 's.yaml', SWEEP);
      const again = await ersim('run', file, '-q', '--no-cache', '-o', join(dir, 'again'), '--queue', url);
      expect(again.code).toBe(0);

      // busy again, then SIGTERM: the worker stops within seconds, not when its task ends
      const busy = spawn(process.execPath, ['bin/ersim.js', 'run', slow, '-q', '--no-cache', '-o', join(dir, 'busy'), '--queue', url], { stdio: 'ignore' });
      const before = worker.output().length;
      await until(() => worker.output().slice(before).includes(' started'), 'a task to start');
      const sent = Date.now();
      worker.child.kill('SIGTERM');
      await exited(worker.child);
      expect(Date.now() - sent).toBeLessThan(8000);
      busy.kill('SIGINT');
      await exited(busy);
    } finally {
      worker.child.kill('SIGKILL');
      redis.kill('SIGKILL');
    }
  }, 120_000);

  it('a port that accepts but never answers: a clear error within seconds', async () => {
    const { createServer } = await import('node:net');
    const silent = createServer(() => undefined); // takes connections, says nothing
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    const { port: silentPort } = silent.address() as { port: number };
    try {
      const dir = tempDir();
      const file = writeScenario(dir, 's.yaml', SWEEP);
      const started = Date.now();
      const r = await ersim('run', file, '-q', '--no-cache', '-o', join(dir, 'out'), '--queue', `redis://127.0.0.1:${silentPort}/0`);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/cannot reach Redis at redis:\/\/127\.0\.0\.1:\d+\/0: no (answer|connection)/);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(existsSync(join(dir, 'out'))).toBe(false);
    } finally {
      silent.close();
    }
  }, 30_000);
});

