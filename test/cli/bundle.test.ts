import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeCacheOf, loadCli } from '../../src/boot/load-cli.cjs';
import { ersim, SMALL_DUMBBELL, tempDir, writeScenario } from './cli-helpers.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const BIN = join(ROOT, 'bin/ersim.js');
const BUNDLE = join(ROOT, 'dist/src/cli/ersim.cjs');

/** A results file without the columns that time the run. */
function untimed(dir: string, name: string): string {
  const [head, ...rows] = readFileSync(join(dir, name), 'utf8').trimEnd().split('\n');
  const timed = new Set(['wall_s', 'events_per_s']);
  const keep = head!.split(',').map((column) => !timed.has(column));
  return [head, ...rows].map((line) => line.split(',').filter((_, i) => keep[i]).join(',')).join('\n');
}

describe('the command line bundle (dist/src/cli/ersim.cjs, docs/performance.md)', () => {
  it('writes the same results as the modules it bundles, report included', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const file = writeScenario(dir, 'tiny.yaml', SMALL_DUMBBELL);
    const modules = await ersim('run', file, '--no-cache', '-q', '--workers', '1', '--report', '-o', join(dir, 'modules'));
    expect(modules.code).toBe(0);
    execFileSync(process.execPath, [BIN, 'run', file, '--no-cache', '-q', '--workers', '1', '--report', '-o', join(dir, 'bundle')], { stdio: 'ignore' });
    for (const name of ['flows.csv', 'links.csv', 'drops.csv', 'classes.csv', 'summary.csv']) {
      expect(untimed(join(dir, 'bundle'), name), name).toBe(untimed(join(dir, 'modules'), name));
    }
    // the report's modules are left out of the bundle and imported from dist/src/report/
    expect(readFileSync(join(dir, 'bundle', 'report.html'), 'utf8')).toContain('<svg');
  });

  it('ignores a code cache made for another build of the bundle and replaces it with its own', async () => {
    const dir = tempDir();
    const bundle = join(dir, 'ersim.cjs');
    copyFileSync(BUNDLE, bundle);
    const { key, cacheFile } = codeCacheOf(bundle);
    const quiet = { out: () => undefined, err: () => undefined };
    // same length, another build: V8 would take it (it checks the source's length only); the key refuses it
    writeFileSync(cacheFile, Buffer.concat([Buffer.from(key.replace(/ \d+(\.\d+)? /, ' 1 ')), Buffer.alloc(64, 7)]));
    let out = '';
    const cli = await loadCli(bundle);
    expect(await cli.main(['node', 'ersim', '--version'], { out: (s) => (out += s), err: () => undefined })).toBe(0);
    expect(out.trim()).toBe('0.1.0');
    cli.saveCodeCache();
    const saved = readFileSync(cacheFile);
    expect(saved.subarray(0, Buffer.byteLength(key)).toString()).toBe(key);
    expect(saved.length).toBeGreaterThan(Buffer.byteLength(key) + 1000);

    // the right key over data V8 rejects: the bundle still runs and the cache is made again
    writeFileSync(cacheFile, Buffer.concat([Buffer.from(key), Buffer.alloc(4096, 7)]));
    const again = await loadCli(bundle);
    expect(await again.main(['node', 'ersim', '--version'], quiet)).toBe(0);
    again.saveCodeCache();
    expect(readFileSync(cacheFile).length).toBeGreaterThan(Buffer.byteLength(key) + 1000);

    // a bundle rebuilt (a new modification time) does not take the old build's cache
    const stat = statSync(bundle);
    utimesSync(bundle, stat.atime, new Date(stat.mtimeMs + 5000));
    const rebuilt = codeCacheOf(bundle);
    expect(rebuilt.key).not.toBe(key);
    const fresh = await loadCli(bundle);
    expect(await fresh.main(['node', 'ersim', '--version'], quiet)).toBe(0);
    fresh.saveCodeCache();
    expect(readFileSync(rebuilt.cacheFile).subarray(0, Buffer.byteLength(rebuilt.key)).toString()).toBe(rebuilt.key);
  });

  it('each set of Node options has its own cache (V8 refuses a cache made under other flags)', () => {
    const bundle = join(tempDir(), 'ersim.cjs');
    copyFileSync(BUNDLE, bundle);
    const before = process.env.NODE_OPTIONS;
    try {
      delete process.env.NODE_OPTIONS;
      const plain = codeCacheOf(bundle);
      process.env.NODE_OPTIONS = '--max-old-space-size=4096';
      const bigger = codeCacheOf(bundle);
      expect(bigger.cacheFile).not.toBe(plain.cacheFile);
      expect(bigger.key).not.toBe(plain.key);
    } finally {
      if (before === undefined) delete process.env.NODE_OPTIONS;
      else process.env.NODE_OPTIONS = before;
    }
  });

  it('a cache it cannot write is no error and leaves no temporary file behind', async () => {
    const dir = tempDir();
    const bundle = join(dir, 'ersim.cjs');
    copyFileSync(BUNDLE, bundle);
    mkdirSync(codeCacheOf(bundle).cacheFile);
    const cli = await loadCli(bundle);
    expect(await cli.main(['node', 'ersim', '--version'], { out: () => undefined, err: () => undefined })).toBe(0);
    expect(() => cli.saveCodeCache()).not.toThrow();
    expect(readdirSync(dir).length).toBe(2);
  });

  it('a bundle older than the compiled modules (a build by tsc alone) is not used', async () => {
    const dir = tempDir();
    const bundle = join(dir, 'ersim.cjs');
    copyFileSync(BUNDLE, bundle);
    // the modules beside it compiled a minute after it was made
    writeFileSync(join(dir, 'main.js'), '');
    const old = new Date(statSync(join(dir, 'main.js')).mtimeMs - 60_000);
    utimesSync(bundle, old, old);
    let out = '';
    const cli = await loadCli(bundle);
    // the loader's own modules ran (this test's), not the bundle: and it saves no cache for it
    expect(await cli.main(['node', 'ersim', '--version'], { out: (s) => (out += s), err: () => undefined })).toBe(0);
    expect(out.trim()).toBe('0.1.0');
    cli.saveCodeCache();
    expect(readdirSync(dir).sort()).toEqual(['ersim.cjs', 'main.js']);
    // made again after them, it is used (and its cache saved)
    utimesSync(bundle, new Date(), new Date(statSync(join(dir, 'main.js')).mtimeMs + 1000));
    const fresh = await loadCli(bundle);
    expect(await fresh.main(['node', 'ersim', '--version'], { out: () => undefined, err: () => undefined })).toBe(0);
    fresh.saveCodeCache();
    expect(existsSync(codeCacheOf(bundle).cacheFile)).toBe(true);
  });

  it("keys its results cache by the bundle's own content: a rebuilt bundle simulates again", { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const bundle = join(dir, 'ersim.cjs');
    copyFileSync(BUNDLE, bundle);
    // a scenario name unique to this test keeps its cache entries (in results/.cache) apart from other runs
    const file = writeScenario(dir, 's.yaml', SMALL_DUMBBELL.replace(/^name: .*$/m, `name: bundle-cache-${process.pid}-${Date.now()}`));
    const run = async () => {
      let out = '';
      const cli = await loadCli(bundle);
      expect(await cli.main(['node', 'ersim', 'run', file, '--replications', '1', '--workers', '1', '-o', join(dir, 'out')], { out: (s) => (out += s), err: () => undefined })).toBe(0);
      return out;
    };
    expect(await run()).toMatch(/1 task\(s\) simulated, 0 from the cache/);
    expect(await run()).toMatch(/0 task\(s\) simulated, 1 from the cache/);
    writeFileSync(bundle, `${readFileSync(bundle, 'utf8')}\n// another build\n`);
    expect(await run()).toMatch(/1 task\(s\) simulated, 0 from the cache/);
  });

  it('without a bundle (the TypeScript sources, a build without it) the modules run', async () => {
    let out = '';
    const cli = await loadCli(join(tempDir(), 'no-bundle-here.cjs'));
    expect(await cli.main(['node', 'ersim', '--version'], { out: (s) => (out += s), err: () => undefined })).toBe(0);
    expect(out.trim()).toBe('0.1.0');
    expect(() => cli.saveCodeCache()).not.toThrow();
  });

  it("runs a worker thread's task as the modules do, from the bundle and without one", async () => {
    // the pool's threads load ersim through loadCli too (src/boot/worker-entry.cts)
    const text = 'name: t\nduration: 50ms\nnodes: [a, b]\nlinks:\n  - { from: a, to: b, bandwidth: 100Mbps, delay: 1ms }\nflows:\n  - { name: f, from: a, to: b, source: { kind: poisson, rate: 10Mbps } }\n';
    const task = { file: 't.yaml', text, overrides: {}, variant: 'base', replication: 1, seed: 3, label: '' };
    const { default: work } = await import('../../src/parallel/worker.js');
    const expected = (await work(task)) as unknown as { flows: unknown[]; summary: { events: number } };
    for (const cli of [await loadCli(BUNDLE), await loadCli(join(tempDir(), 'no-bundle-here.cjs'))]) {
      const result = (await cli.runWorkerTask(task)) as unknown as typeof expected;
      expect(result.flows).toEqual(expected.flows);
      expect(result.summary.events).toBe(expected.summary.events);
    }
  });
});
