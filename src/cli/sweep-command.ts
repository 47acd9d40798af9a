import type { Command } from 'commander';
import { defaultWorkers } from '../parallel/default-workers.js';
import { UsageError } from './errors.js';
import { integerOption, queueOption } from './run-command.js';

interface SweepOptions {
  param: string[];
  zip?: boolean;
  out?: string;
  seed?: string;
  replications?: string;
  workers?: string;
  cache: boolean;
  quiet?: boolean;
  report?: boolean;
  queue?: string;
}

/** `ersim sweep`: the grid (or zip) of parameter values, every point run like `ersim run`. */
export function registerSweep(program: Command, io: { out: (s: string) => void }): void {
  program
    .command('sweep')
    .description('run a scenario at every point of a parameter grid and write sweep.csv (headline metrics with 95% CIs per point)')
    .argument('<scenario>', 'scenario file (YAML)')
    .requiredOption('--param <path=v1,v2,...>', 'a field path and its values, e.g. circuits.hq.bandwidth=200Mbps,500Mbps (repeatable)', (v: string, all: string[]) => [...all, v], [])
    .option('--zip', 'pair the values of the parameters instead of taking every combination')
    .option('-o, --out <dir>', 'output folder (default: results/<scenario name>-sweep)')
    .option('--seed <n>', 'seed of every random stream')
    .option('--replications <n>', 'replications per point')
    .option('--workers <n>', 'worker threads (default: the available cores)')
    .option('--no-cache', 'rerun every task')
    .option('--report', 'also write report.html with each headline metric against the swept parameter')
    .option('--queue <url>', 'run the tasks on `ersim worker` processes through this Redis (redis://host:port[/db])')
    .option('-q, --quiet', 'no progress bar and no table')
    .action(async (file: string, options: SweepOptions) => {
      const [{ parseParameter }, { overridePathProblem }] = await Promise.all([import('../parallel/sweep.js'), import('../scenario/load.js')]);
      const parameters = options.param.map((text) => {
        const p = parseParameter(text);
        if (p === undefined) throw new UsageError(`--param: expected PATH=V1,V2,... got "${text}"`);
        const problem = overridePathProblem(p.path);
        if (problem !== undefined) throw new UsageError(`--param ${p.path}: ${problem}`);
        return p;
      });
      const overrides: Record<string, unknown> = {};
      if (options.seed !== undefined) overrides.seed = integerOption('--seed', options.seed, 0);
      if (options.replications !== undefined) overrides.replications = integerOption('--replications', options.replications, 1);
      const { sweepAction } = await import('./sweep-action.js');
      await sweepAction(io, file, {
        parameters,
        zip: options.zip === true,
        overrides,
        out: options.out,
        quiet: options.quiet === true,
        workers: options.workers === undefined ? defaultWorkers() : integerOption('--workers', options.workers, 1),
        cache: options.cache,
        report: options.report === true,
        queue: queueOption(options.queue),
      });
    });
}
