import { createRequire } from 'node:module';
import type cliProgressModule from 'cli-progress';

/** Loaded when a bar is drawn (a run without one, quiet or not on a terminal, does not pay for it). */
const loadCliProgress = (): typeof cliProgressModule => createRequire(import.meta.url)('cli-progress') as typeof cliProgressModule;

export interface Progress {
  update(fraction: number, detail: string): void;
  /** A finished task: a line on stderr when there is no bar (stderr is not a terminal). */
  taskDone(line: string): void;
  stop(): void;
}

/**
 * A bar with ETA on stderr when it is a terminal; when it is not, one line per finished task;
 * nothing with --quiet. Results always go to files.
 */
export function createProgress(quiet: boolean, label: string): Progress {
  if (quiet) return { update: () => undefined, taskDone: () => undefined, stop: () => undefined };
  if (!process.stderr.isTTY) return { update: () => undefined, taskDone: (line) => process.stderr.write(`${line}\n`), stop: () => undefined };
  const cliProgress = loadCliProgress();
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `${label} [{bar}] {percentage}% | ETA {eta_formatted} | {detail}`,
      hideCursor: true,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(1000, 0, { detail: '' });
  return {
    update: (fraction, detail) => bar.update(Math.round(fraction * 1000), { detail }),
    taskDone: () => undefined,
    stop: () => bar.stop(),
  };
}
