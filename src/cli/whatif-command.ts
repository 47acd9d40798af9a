import type { Command } from 'commander';
import { runActionOptions, withRunOptions, type RunOptions } from './run-command.js';

/** `ersim whatif`: every single failure of a design, ranked by impact. */
export function registerWhatif(program: Command, io: { out: (s: string) => void }): void {
  withRunOptions(
    program
      .command('whatif')
      .description(
        'run a design (a variant) intact and with each single failure of it (each circuit connection, each circuit, each ' +
          "site's Internet access, each peering location with several circuits) for the whole run, with the same seeds; " +
          'write failures.csv (the failures ranked by availability lost, calls pushed below the Teams targets and ' +
          'transactions slowed) and comparison.csv besides the files of run',
      )
      .option('--variant <name>', "the design whose failures are tried (default: the scenario's first variant)"),
    'results/<scenario name>-whatif',
  ).action(async (file: string, options: RunOptions & { variant?: string }) => {
    const checked = runActionOptions(options);
    const { whatifAction } = await import('./whatif-action.js');
    await whatifAction(io, file, { ...checked, variant: options.variant });
  });
}
