import { replaceFolder, replaceProblem, type FileContent } from '../output/atomic-files.js';
import { InterruptedError } from '../parallel/run-tasks.js';
import { UsageError } from './errors.js';

/** The output folder must be a results folder (or not exist yet): checked before a run, not after it. */
export function checkOutputFolder(out: string): void {
  const problem = replaceProblem(out);
  if (problem !== undefined) throw new UsageError(`--out ${out}: ${problem}`);
}

/**
 * Replace the results folder by the run's files, as one step. A Ctrl-C or SIGTERM while the files
 * are written (a long time series streams for seconds) stops the writing: the new folder is
 * removed, the old one stays, and the process ends (130, 143). One arriving during the synchronous
 * swap is honoured once the folder holds the whole new run.
 */
export async function writeResults(out: string, files: Readonly<Record<string, FileContent>>): Promise<string[]> {
  let signal: NodeJS.Signals | undefined;
  const stop = new AbortController();
  const hold = (s: NodeJS.Signals): void => {
    signal ??= s;
    stop.abort(new InterruptedError(s));
  };
  process.on('SIGINT', hold);
  process.on('SIGTERM', hold);
  try {
    return await replaceFolder(out, files, stop.signal);
  } finally {
    // a signal that came during a synchronous write is read in the poll phase of a later turn of
    // the event loop: the second check phase from here comes after one, then the signal is honoured
    setImmediate(() =>
      setImmediate(() => {
        process.off('SIGINT', hold);
        process.off('SIGTERM', hold);
        if (signal !== undefined) process.exit(signal === 'SIGTERM' ? 143 : 130);
      }),
    );
  }
}

/** Files commands add to a run's own (a results folder's names a scenario's included file cannot take). */
const LATER_FILES = ['scenario.yaml', 'report.html', 'timeseries.csv', 'comparison.csv', 'cost.csv', 'failures.csv', 'sweep.csv', 'sizing.csv', 'sizing_evidence.csv'];

/** The scenario as run, for the record: its text as scenario.yaml and the files it includes beside it (so the folder's copy runs again). */
export function scenarioFiles(loaded: { text: string; attachments: Readonly<Record<string, string>> }, results: Readonly<Record<string, unknown>>): Record<string, string> {
  const files: Record<string, string> = { 'scenario.yaml': loaded.text };
  for (const [name, text] of Object.entries(loaded.attachments)) {
    if (Object.hasOwn(results, name) || LATER_FILES.includes(name)) throw new UsageError(`the scenario includes '${name}', a name of a results file: rename it`);
    files[name] = text;
  }
  return files;
}
