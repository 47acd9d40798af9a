import cliProgress from 'cli-progress';

export interface Progress {
  update(fraction: number, detail: string): void;
  stop(): void;
}

/** A bar with ETA on stderr when it is a terminal; nothing otherwise (results go to files). */
export function createProgress(quiet: boolean, label: string): Progress {
  if (quiet || !process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
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
    stop: () => bar.stop(),
  };
}
