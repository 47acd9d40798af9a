import { describe, expect, it } from 'vitest';
import { importCycles, importsUnder, layerOf, type ImportEdge } from './imports.js';

/**
 * The direction of imports in src/ (docs/architecture.md): the generic simulator knows nothing of
 * the planner, parsing knows no runtime objects, and no module imports itself through others.
 */
const { files, edges } = importsUnder(new URL('../../src', import.meta.url).pathname);

const GENERIC = ['core', 'probes', 'net', 'transport', 'traffic', 'stats', 'compile'];

/**
 * Who may import whom, folder by folder (a folder always imports itself): the generic simulator
 * from core up to stats, parsing beside it, then the builders (compile for the generic network,
 * the planner on top of it), then what runs and reports.
 */
const ALLOWED: Record<string, readonly string[]> = {
  core: [],
  probes: ['core'],
  net: ['core', 'probes'],
  transport: ['core', 'probes', 'net'],
  traffic: ['core', 'probes', 'net', 'transport'],
  stats: ['core', 'probes', 'net', 'scenario'],
  scenario: ['core', 'transport'],
  compile: ['core', 'probes', 'net', 'transport', 'traffic', 'stats', 'scenario'],
  planner: ['core', 'probes', 'net', 'stats', 'scenario', 'compile'],
  partition: ['core', 'probes', 'net', 'stats', 'scenario', 'compile', 'planner'],
  runner: ['core', 'net', 'stats', 'compile', 'planner', 'partition'],
  output: ['core', 'stats'],
  compare: ['core', 'stats', 'scenario', 'planner'],
  report: ['core', 'stats', 'compare', 'output', 'planner'],
  parallel: ['core', 'stats', 'scenario', 'planner', 'runner', 'output', 'partition'],
  cli: ['core', 'stats', 'scenario', 'planner', 'runner', 'parallel', 'output', 'compare', 'report'],
  // what starts a process or a worker thread: ersim's code from the bundle and its cache
  boot: ['cli', 'parallel'],
};

const describeEdge = (e: ImportEdge): string => `${e.from} imports ${e.to}${e.typeOnly ? ' (types)' : ''}`;

describe('architecture', () => {
  it('reads the imports of every module', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(edges.some((e) => e.from === 'net/network.ts' && e.to === 'net/link.ts')).toBe(true);
  });

  it('keeps the generic simulator free of the planner', () => {
    const wrong = edges.filter((e) => GENERIC.includes(layerOf(e.from)) && layerOf(e.to) === 'planner');
    expect(wrong.map(describeEdge)).toEqual([]);
  });

  it('keeps parsing free of runtime objects: scenario/ imports nothing of net/', () => {
    const wrong = edges.filter((e) => layerOf(e.from) === 'scenario' && layerOf(e.to) === 'net');
    expect(wrong.map(describeEdge)).toEqual([]);
  });

  it('imports only downwards, folder by folder', () => {
    const folders = new Set(files.map(layerOf).filter((f) => !f.includes('.')));
    expect([...folders].filter((f) => !(f in ALLOWED))).toEqual([]);
    const wrong = edges.filter((e) => {
      const from = layerOf(e.from);
      const to = layerOf(e.to);
      return from !== to && !(ALLOWED[from] ?? []).includes(to);
    });
    expect(wrong.map(describeEdge)).toEqual([]);
  });

  it('has no import circles, types included', () => {
    expect(importCycles(files, edges).map((c) => c.join(' -> '))).toEqual([]);
  });

  it('finds a circle and a forbidden import when there is one (the checks can fail)', () => {
    const fake: ImportEdge[] = [
      { from: 'net/a.ts', to: 'net/b.ts', typeOnly: true },
      { from: 'net/b.ts', to: 'planner/c.ts', typeOnly: false },
      { from: 'planner/c.ts', to: 'net/a.ts', typeOnly: false },
    ];
    expect(importCycles(['net/a.ts', 'net/b.ts', 'planner/c.ts'], fake)).toEqual([['net/a.ts', 'net/b.ts', 'planner/c.ts']]);
    expect(fake.filter((e) => GENERIC.includes(layerOf(e.from)) && layerOf(e.to) === 'planner').length).toBe(1);
  });
});
