import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { testTempDir } from '../support/temp-dir.js';

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

/** Run the ersim command line in-process, capturing its output. */
export async function ersim(...args: string[]): Promise<CliResult> {
  let out = '';
  let err = '';
  const code = await main(['node', 'ersim', ...args], { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

export function tempDir(): string {
  return testTempDir();
}

export function writeScenario(dir: string, name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

export const filesIn = (dir: string): string[] => readdirSync(dir).sort();

/** A small two-hop scenario (voice and a bulk TCP flow over a 10 Mbps bottleneck) that runs in a fraction of a second. */
export const SMALL_DUMBBELL = `
name: tiny
duration: 2s
replications: 2
nodes: [a, r, b]
links:
  - { from: a, to: r, bandwidth: 100Mbps, delay: 1ms }
  - { from: r, to: b, bandwidth: 10Mbps, delay: 5ms, queue: { kind: droptail, limit_packets: 50 } }
flows:
  - { name: voice, from: a, to: b, dscp: EF, source: { kind: poisson, rate: 2Mbps } }
  - { name: bulk, from: a, to: b, protocol: tcp, app: { kind: bulk } }
`;

/** The smallest valid scenario: two nodes, a link, a CBR flow (tests break it one field at a time). */
export const GOOD_SCENARIO = `name: ok
duration: 1s
nodes: [a, b]
links:
  - { from: a, to: b, bandwidth: 10Mbps, delay: 1ms }
flows:
  - { from: a, to: b, source: { kind: cbr, rate: 1Mbps } }
`;

