import { replaceFolder, replaceProblem } from '../output/atomic-files.js';
import { UsageError } from './errors.js';

/** The output folder must be a results folder (or not exist yet): checked before a run, not after it. */
export function checkOutputFolder(out: string): void {
  const problem = replaceProblem(out);
  if (problem !== undefined) throw new UsageError(`--out ${out}: ${problem}`);
}

/**
 * Replace the results folder by the run's files, as one step: a Ctrl-C or SIGTERM arriving while
 * they are written waits until the folder holds the whole new run, then ends the process (130, 143).
 */
export function writeResults(out: string, files: Readonly<Record<string, string>>): string[] {
  let signal: NodeJS.Signals | undefined;
  const hold = (s: NodeJS.Signals): void => {
    signal ??= s;
  };
  process.on('SIGINT', hold);
  process.on('SIGTERM', hold);
  try {
    return replaceFolder(out, files);
  } finally {
    // a signal that came during this synchronous write is delivered on a later turn of the event
    // loop: keep the loop alive a moment for it (the handles of signals do not), then honour it
    setTimeout(() => {
      process.off('SIGINT', hold);
      process.off('SIGTERM', hold);
      if (signal !== undefined) process.exit(signal === 'SIGTERM' ? 143 : 130);
    }, 50);
  }
}

