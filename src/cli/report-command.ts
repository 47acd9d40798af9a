import type { Command } from 'commander';

/** `ersim report DIR`: the report of a results folder written by run, compare or sweep. */
export function registerReport(program: Command, io: { out: (s: string) => void }): void {
  program
    .command('report')
    .description('write DIR/report.html from the CSV files of a results folder (run, compare or sweep): one self-contained page of tables and charts')
    .argument('<dir>', 'results folder')
    .action(async (dir: string) => {
      const { reportAction } = await import('./report-action.js');
      await reportAction(io, dir);
    });
}
