import type { Command } from 'commander';
import { UsageError } from './errors.js';
import { runActionOptions, withRunOptions, type RunOptions } from './run-command.js';

interface SweepOptions extends RunOptions {
  param: string[];
  zip?: boolean;
}

/** `ersim sweep`: the grid (or zip) of parameter values, every point run like `ersim run` (and with its options). */
export function registerSweep(program: Command, io: { out: (s: string) => void }): void {
  withRunOptions(
    program
      .command('sweep')
      .description('run a scenario at every point of a parameter grid and write sweep.csv (headline metrics with 95% CIs per point) besides the files of run, each row with its point'),
    'results/<scenario name>-sweep',
  )
    .requiredOption('--param <path=v1,v2,...>', 'a field path and its values, e.g. circuits.hq.bandwidth=200Mbps,500Mbps (repeatable)', (v: string, all: string[]) => [...all, v], [])
    .option('--zip', 'pair the values of the parameters instead of taking every combination')
    .action(async (file: string, options: SweepOptions) => {
      const [{ parseParameter }, { overridePathProblem }] = await Promise.all([import('../parallel/sweep.js'), import('../scenario/load.js')]);
      const parameters = options.param.map((text) => {
        const p = parseParameter(text);
        if (p === undefined) throw new UsageError(`--param: expected PATH=V1,V2,... got "${text}"`);
        const problem = overridePathProblem(p.path);
        if (problem !== undefined) throw new UsageError(`--param ${p.path}: ${problem}`);
        return p;
      });
      const { sweepAction } = await import('./sweep-action.js');
      await sweepAction(io, file, { ...runActionOptions(options), parameters, zip: options.zip === true });
    });
}
