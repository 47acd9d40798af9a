// Native cost per packet hop of two builds in the steady state of the generated enterprise,
// alternated (A, B, A, B, ...) in fresh processes so that the host's slow spells fall on both alike:
// each run builds the network, runs to WARM_S simulated seconds (warm-enterprise.mjs) and times
// WINDOW_S more. Needs a build in both folders (npm run build, or tsc -p tsconfig.build.json).
// Usage: node bench/cache/steady.mjs USERS WARM_S WINDOW_S PAIRS ROOT_A [ROOT_B]
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseWindow, warmEnterprise } from './warm-enterprise.mjs';

// a run of one build is this script again, with --child first
const child = process.argv[2] === '--child';
const [usersArg, warmArg, windowArg, pairsArg, rootA, rootB] = process.argv.slice(child ? 3 : 2);
const parsed = parseWindow(usersArg, warmArg, windowArg);
const pairs = Number(pairsArg);
if (usersArg === '--help' || parsed === null || !(Number.isInteger(pairs) && pairs > 0) || !rootA) {
  console.error('usage: node bench/cache/steady.mjs USERS WARM_S WINDOW_S PAIRS ROOT_A [ROOT_B] (WARM_S at least 1)');
  process.exit(usersArg === '--help' ? 0 : 2);
}

if (child) {
  const { users, warm, window } = parsed;
  const { run, hops } = await warmEnterprise(rootA, users, warm, window);
  const hops0 = hops();
  const start = process.hrtime.bigint();
  run.sim.runUntil((warm + window) * 1e9);
  process.stdout.write(String(Number(process.hrtime.bigint() - start) / (hops() - hops0)));
} else {
  const roots = rootB ? [rootA, rootB] : [rootA];
  const results = roots.map(() => []);
  for (let p = 0; p < pairs; p++) {
    const line = roots.map((root, i) => {
      const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', usersArg, warmArg, windowArg, '1', root], { encoding: 'utf8' });
      results[i].push(Number(out));
      return `${Number(out).toFixed(1)}`;
    });
    console.log(`pair ${p + 1}: ${line.join(' / ')} ns/hop`);
  }
  const median = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    return (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2;
  };
  roots.forEach((root, i) => console.log(`${root}: median ${median(results[i]).toFixed(1)} ns/hop`));
  if (rootB) console.log(`B faster in ${results[1].filter((b, k) => b < results[0][k]).length} of ${pairs} pairs`);
}
