import { Command, CommanderError } from 'commander';
import { ScenarioError } from '../scenario/errors.js';
import { UsageError } from './errors.js';
import { registerRun } from './run-command.js';
import { registerCompare } from './compare-command.js';
import { registerReport } from './report-command.js';
import { registerWorker } from './worker-command.js';
import { registerSize } from './size-command.js';
import { registerSweep } from './sweep-command.js';
import { registerValidate } from './validate-command.js';
import { registerWhatif } from './whatif-command.js';

export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

const processIo: CliIo = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
};

/** Run the ersim command line; returns the exit code instead of exiting, so tests can call it. */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const program = new Command('ersim')
    .description('packet-level simulator of Internet and ExpressRoute paths to Microsoft\'s cloud')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });
  registerRun(program, io);
  registerCompare(program, io);
  registerReport(program, io);
  registerWorker(program, io);
  registerValidate(program, io);
  registerSweep(program, io);
  registerWhatif(program, io);
  registerSize(program, io);
  for (const command of program.commands) command.exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err });
  try {
    await program.parseAsync(argv as string[]);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof ScenarioError || error instanceof UsageError) {
      io.err(`ersim: ${error.message}\n`);
      return 2;
    }
    if (error instanceof Error && error.name === 'InterruptedError') {
      // 128 + the signal's number, as a shell reports a process the signal ended
      io.err(`ersim: ${error.message}\n`);
      return (error as Error & { signal: string }).signal === 'SIGTERM' ? 143 : 130;
    }
    if (error instanceof Error && error.name === 'TaskError') {
      io.err(`ersim: ${error.message}\n`);
      return 1;
    }
    io.err(`ersim: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}
