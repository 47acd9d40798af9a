// Two builds' steady state in the generated enterprise, in ONE process, timed slice by slice in turn
// (A, B, then B, A, ...): each slice pair ran under the same load from the host's other tenants, which
// fresh processes minutes apart (steady.mjs) do not share. A build loaded second runs a little faster
// or slower for reasons of its own (code and heap placement), so the process runs twice, the builds
// loaded in either order, and the ratio is the geometric mean of the two orders' (that bias cancels).
// Usage: node bench/cache/ab.mjs USERS SLICES ROOT_A ROOT_B  (each root with a build: npm run build)
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { warmEnterprise } from './warm-enterprise.mjs';

const child = process.argv[2] === '--child';
const [usersArg, slicesArg, rootA, rootB] = process.argv.slice(child ? 3 : 2);
const users = Number(usersArg);
const slices = Number(slicesArg);
if (usersArg === '--help' || !(Number.isInteger(users) && users > 0) || !(Number.isInteger(slices) && slices >= 3) || !rootA || !rootB) {
  console.error('usage: node bench/cache/ab.mjs USERS SLICES ROOT_A ROOT_B (SLICES at least 3)');
  process.exit(usersArg === '--help' ? 0 : 2);
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2;
};

if (child) {
  // a large network's slice is 50 ms simulated (about 0.15 s), a small one's 2 s; warm past the statistics' start
  const step = users > 10_000 ? 0.05 : 2;
  const warm = users > 10_000 ? 4 : 10;
  const runs = [await warmEnterprise(rootA, users, warm, step * slices + 1), await warmEnterprise(rootB, users, warm, step * slices + 1)];
  const until = [warm * 1e9, warm * 1e9];
  const ns = [[], []];
  for (let k = 0; k < slices; k++) {
    for (const i of k % 2 === 0 ? [0, 1] : [1, 0]) {
      const { run, hops } = runs[i];
      until[i] += step * 1e9;
      const hops0 = hops();
      const start = process.hrtime.bigint();
      run.sim.runUntil(Math.round(until[i]));
      ns[i].push(Number(process.hrtime.bigint() - start) / (hops() - hops0));
    }
  }
  process.stdout.write(JSON.stringify({ a: median(ns[0]), b: median(ns[1]), ratio: median(ns[1].map((b, k) => b / ns[0][k])) }));
} else {
  const self = fileURLToPath(import.meta.url);
  const once = (first, second) => JSON.parse(execFileSync(process.execPath, [self, '--child', usersArg, slicesArg, first, second], { encoding: 'utf8' }));
  const ab = once(rootA, rootB);
  const ba = once(rootB, rootA);
  console.log(`A loaded first: A ${ab.a.toFixed(1)}, B ${ab.b.toFixed(1)} ns/hop, B/A slice by slice ${ab.ratio.toFixed(3)}`);
  console.log(`B loaded first: B ${ba.a.toFixed(1)}, A ${ba.b.toFixed(1)} ns/hop, A/B slice by slice ${ba.ratio.toFixed(3)}`);
  console.log(`B/A, the order's bias cancelled: ${Math.sqrt(ab.ratio / ba.ratio).toFixed(3)} (A ${rootA}, B ${rootB})`);
}
