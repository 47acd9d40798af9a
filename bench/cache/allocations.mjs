// Garbage made in the steady state of the generated enterprise, by where it was allocated: V8's
// sampling heap profiler, collected objects included, over WINDOW simulated seconds after WARM.
// The packet path should allocate nothing; what it does allocate is mostly heap numbers, a time
// (any after 2^31 ns) passed to a call V8 did not inline (docs/performance.md, "Eleventh round").
// Frames are the functions V8 compiled: an allocation in code inlined into a caller is the caller's.
// Needs a build (npm run build). Usage: node bench/cache/allocations.mjs [ROOT] [USERS] [WARM_S] [WINDOW_S] [TOP]
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Session } from 'node:inspector/promises';

const args = process.argv.slice(2);
if (args[0] === '--help' || args[0] === '-h') {
  console.log('usage: node bench/cache/allocations.mjs [ROOT=.] [USERS=120000] [WARM_S=4] [WINDOW_S=1] [TOP=15]');
  process.exit(0);
}
const [rootArg = '.', usersArg = '120000', warmArg = '4', windowArg = '1', topArg = '15'] = args;
const users = Number(usersArg);
const warm = Number(warmArg);
const window = Number(windowArg);
const top = Number(topArg);
if (!Number.isInteger(users) || users <= 0 || !(warm >= 1) || !(window > 0) || !Number.isInteger(top) || top <= 0) {
  console.error('allocations.mjs: expected ROOT, USERS (a whole number), WARM_S (at least 1), WINDOW_S (seconds) and TOP (a whole number); see --help');
  process.exit(2);
}
const root = pathToFileURL(`${resolve(rootArg)}/`);
const { enterpriseScenario, packetHops } = await import(new URL('dist/bench/scenario.bench.js', root).href);
const { buildRun } = await import(new URL('dist/src/planner/build.js', root).href);
const generated = enterpriseScenario(12, users, `${Math.max(6, Math.ceil(warm + window + 1))}s`, 'regional-circuits');
const run = buildRun({ ...generated, warmup: (warm - 0.5) * 1e9 }, { seed: generated.seed, replication: 0 });
run.begin();
run.sim.runUntil(warm * 1e9);
const hops0 = packetHops(run);
const session = new Session();
session.connect();
await session.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
run.sim.runUntil((warm + window) * 1e9);
const { profile } = await session.post('HeapProfiler.stopSampling');
const hops = packetHops(run) - hops0;

const bytesBy = new Map();
let total = 0;
const frameName = (f) => `${f.functionName || '(anonymous)'} ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber + 1}`;
// iterative walk: a deep stack must not overflow ours
const stack = [{ node: profile.head, frames: [] }];
while (stack.length > 0) {
  const { node, frames } = stack.pop();
  const here = [...frames, frameName(node.callFrame)];
  if (node.selfSize > 0) {
    const key = here.slice(-3).join(' < ');
    bytesBy.set(key, (bytesBy.get(key) ?? 0) + node.selfSize);
    total += node.selfSize;
  }
  for (const child of node.children) stack.push({ node: child, frames: here });
}
console.log(`${users} users, ${window} simulated s after ${warm} s: ${hops} hops, ${(total / 1e6).toFixed(2)} MB allocated, ${(total / hops).toFixed(2)} bytes per hop`);
console.log('      MB  where (the allocating function last)');
for (const [key, bytes] of [...bytesBy].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${(bytes / 1e6).toFixed(2).padStart(8)}  ${key}`);
