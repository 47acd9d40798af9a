// Warms the command line's code cache (src/boot/load-cli.cts) with the commands that start most often,
// in one process, so that the cache holds every function they compile: a short run of each dumbbell
// (the plain network path) and a short comparison of a planner scenario (sites, circuits, calls,
// TCP apps, the comparison). Run by scripts/bundle-cli.mjs: node scripts/warm-cli-cache.mjs OUT_DIR
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCli } from '../dist/src/boot/load-cli.cjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = process.argv[2];
if (out === undefined) throw new Error('usage: node scripts/warm-cli-cache.mjs OUT_DIR');
const quick = ['--quiet', '--no-cache', '--workers', '1'];
const commands = [
  ['run', join(root, 'scenarios/dumbbell-udp.yaml'), ...quick, '--out', join(out, 'udp')],
  ['run', join(root, 'scenarios/dumbbell-tcp.yaml'), '--duration', '2s', ...quick, '--out', join(out, 'tcp')],
  ['compare', join(root, 'scenarios/internet-vs-expressroute.yaml'), '--duration', '6s', '--replications', '2', ...quick, '--out', join(out, 'compare')],
];
const cli = await loadCli();
for (const args of commands) {
  const status = await cli.main([process.execPath, 'ersim', ...args]);
  if (status !== 0) throw new Error(`warming the code cache: ersim ${args.join(' ')} exited with ${status}`);
}
cli.saveCodeCache();
