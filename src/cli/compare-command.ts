import type { Command } from 'commander';
import { SHORT_HEADLINE_ROWS } from '../compare/comparison.js';
import { runActionOptions, withRunOptions, type RunOptions } from './run-command.js';

/** `ersim compare`: every variant with the same seeds, side by side. */
export function registerCompare(program: Command, io: { out: (s: string) => void }): void {
  withRunOptions(
    program
      .command('compare')
      .description(
        'run every variant of a scenario with the same seeds (common random numbers) and write comparison.csv ' +
          '(per site, application and metric: each variant\'s mean and 95% CI, the difference to the first variant and ' +
          'whether it is significant) besides the files of run',
      ),
  )
    .option('--detail', `print every headline row (per site, application, direction and metric), not only the answer per site, when there are more than ${SHORT_HEADLINE_ROWS}`)
    .action(async (file: string, options: RunOptions & { detail?: boolean }) => {
      const checked = runActionOptions(options);
      const { compareAction } = await import('./compare-action.js');
      await compareAction(io, file, { ...checked, detail: options.detail === true });
    });
}
