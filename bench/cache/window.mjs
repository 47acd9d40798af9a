// Runs the generated enterprise (12 offices, regional-circuits) to WARM simulated seconds, then
// switches callgrind's instrumentation on for WINDOW seconds only (callgrind_control), so that the
// cache simulation counts the steady state and nothing of the build or the warm-up. The warm-up of
// the statistics ends half a second before the window, so that the code paths it opens are
// compiled before the counting starts. Run by bench/cache/profile.sh, under valgrind.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [rootArg, usersArg, warmArg, windowArg] = process.argv.slice(2);
const users = Number(usersArg);
const warm = Number(warmArg);
const window = Number(windowArg);
if (!rootArg || !Number.isInteger(users) || users <= 0 || !(warm >= 1) || !(window > 0)) {
  console.error('usage: node bench/cache/window.mjs ROOT USERS WARM_S WINDOW_S (WARM_S at least 1)');
  process.exit(2);
}
const root = pathToFileURL(`${resolve(rootArg)}/`);
const { enterpriseScenario, packetHops } = await import(new URL('dist/bench/scenario.bench.js', root).href);
const { buildRun } = await import(new URL('dist/src/planner/build.js', root).href);
const generated = enterpriseScenario(12, users, `${Math.max(6, Math.ceil(warm + window + 1))}s`, 'regional-circuits');
const scenario = { ...generated, warmup: (warm - 0.5) * 1e9 };
const run = buildRun(scenario, { seed: scenario.seed, replication: 0 });
run.begin();
run.sim.runUntil(warm * 1e9);
const hops = () => packetHops(run);
const events0 = run.sim.eventsProcessed;
const hops0 = hops();
// a full collection first, so that the window never falls on one V8 started during the warm-up
// (its marking barrier's slow path then dominates, and when that happens varies from run to run)
globalThis.gc?.();
const underCallgrind = process.env.ERSIM_CALLGRIND === '1';
if (underCallgrind) execFileSync('callgrind_control', ['-i', 'on', String(process.pid)], { stdio: 'ignore' });
run.sim.runUntil((warm + window) * 1e9);
if (underCallgrind) execFileSync('callgrind_control', ['-i', 'off', String(process.pid)], { stdio: 'ignore' });
console.error(`window events ${run.sim.eventsProcessed - events0} hops ${hops() - hops0}`);
