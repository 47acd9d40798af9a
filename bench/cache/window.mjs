// Runs the generated enterprise to WARM simulated seconds (warm-enterprise.mjs), then switches
// callgrind's instrumentation on for WINDOW seconds only (callgrind_control), so that the cache
// simulation counts the steady state and nothing of the build or the warm-up. Run by
// bench/cache/profile.sh, under valgrind.
import { execFileSync } from 'node:child_process';
import { parseWindow, warmEnterprise } from './warm-enterprise.mjs';

const [rootArg, usersArg, warmArg, windowArg] = process.argv.slice(2);
const parsed = parseWindow(usersArg, warmArg, windowArg);
if (!rootArg || parsed === null) {
  console.error('usage: node bench/cache/window.mjs ROOT USERS WARM_S WINDOW_S (WARM_S at least 1)');
  process.exit(2);
}
const { users, warm, window } = parsed;
const { run, hops } = await warmEnterprise(rootArg, users, warm, window);
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
