// Garbage made in the steady state of the generated enterprise, by where it was allocated: V8's
// sampling heap profiler, collected objects included, over WINDOW simulated seconds after WARM.
// The packet path should allocate nothing; what it does allocate is mostly heap numbers, a time
// (any after 2^31 ns) passed to a call V8 did not inline (docs/performance.md, "Eleventh round").
// Frames are the functions V8 compiled: an allocation in code inlined into a caller is the caller's.
// Needs a build (npm run build). Usage: node bench/cache/allocations.mjs [ROOT] [USERS] [WARM_S] [WINDOW_S] [TOP]
import { Session } from 'node:inspector/promises';
import { parseWindow, warmEnterprise } from './warm-enterprise.mjs';

const args = process.argv.slice(2);
if (args[0] === '--help' || args[0] === '-h') {
  console.log('usage: node bench/cache/allocations.mjs [ROOT=.] [USERS=120000] [WARM_S=4] [WINDOW_S=1] [TOP=15]');
  process.exit(0);
}
const [rootArg = '.', usersArg = '120000', warmArg = '4', windowArg = '1', topArg = '15'] = args;
const parsed = parseWindow(usersArg, warmArg, windowArg);
const top = Number(topArg);
if (parsed === null || !Number.isInteger(top) || top <= 0) {
  console.error('allocations.mjs: expected ROOT, USERS (a whole number), WARM_S (at least 1), WINDOW_S (seconds) and TOP (a whole number); see --help');
  process.exit(2);
}
const { users, warm, window } = parsed;
const { run, hops: packetHops } = await warmEnterprise(rootArg, users, warm, window);
const hops0 = packetHops();
const session = new Session();
session.connect();
await session.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
run.sim.runUntil((warm + window) * 1e9);
const { profile } = await session.post('HeapProfiler.stopSampling');
const hops = packetHops() - hops0;

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
