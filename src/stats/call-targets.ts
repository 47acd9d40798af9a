import type { Row } from './records.js';

/**
 * The call directions of a run that were judged (apps.csv rows of calls with a verdict: a direction
 * with no call in the measured time has none) and those that met every Teams target, by variant,
 * replication, site, application and direction.
 */
export function callsMeetingTargets(apps: readonly Row[]): { calls: number; met: Set<string> } {
  const calls = apps.filter((a) => a.kind === 'call' && Number.isFinite(a.targets_met as number));
  const met = new Set<string>();
  for (const a of calls) if (a.targets_met === 1) met.add(`${a.variant}|${a.replication}|${a.site}|${a.application}|${a.direction}`);
  return { calls: calls.length, met };
}

/**
 * Whether a size keeps the calls that capacity can keep: every call direction that met the targets
 * at the largest size meets them at this one. A call that misses them at the largest size too (the
 * delay of a long path, an impaired Internet) is no matter of this size, and does not count against it.
 */
export const keepsCalls = (atLargest: ReadonlySet<string>, met: ReadonlySet<string>): boolean => {
  for (const key of atLargest) if (!met.has(key)) return false;
  return true;
};
