// The generated enterprise (12 offices, regional-circuits) of a build, run to its steady state: the
// statistics' warm-up ends half a second before WARM simulated seconds (so that the code paths it
// opens are compiled by then), and the run stops at WARM. Shared by window.mjs and allocations.mjs.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Command-line numbers checked: USERS (whole), WARM_S (at least 1), WINDOW_S (positive); null if wrong. */
export function parseWindow(usersArg, warmArg, windowArg) {
  const users = Number(usersArg);
  const warm = Number(warmArg);
  const window = Number(windowArg);
  return Number.isInteger(users) && users > 0 && warm >= 1 && window > 0 ? { users, warm, window } : null;
}

/** The run of the build in `rootArg` at `warm` s, long enough for `window` s more, and its packet-hop count. */
export async function warmEnterprise(rootArg, users, warm, window) {
  const root = pathToFileURL(`${resolve(rootArg)}/`);
  const { enterpriseScenario, packetHops } = await import(new URL('dist/bench/scenario.bench.js', root).href);
  const { buildRun } = await import(new URL('dist/src/planner/build.js', root).href);
  const generated = enterpriseScenario(12, users, `${Math.max(6, Math.ceil(warm + window + 1))}s`, 'regional-circuits');
  const run = buildRun({ ...generated, warmup: (warm - 0.5) * 1e9 }, { seed: generated.seed, replication: 0 });
  run.begin();
  run.sim.runUntil(warm * 1e9);
  return { run, hops: () => packetHops(run) };
}
