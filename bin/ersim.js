#!/usr/bin/env node
// Until a command takes the signals over (a run stops between batches of events and writes
// nothing), Ctrl-C and SIGTERM end ersim at once: 130 and 143, as a shell reports them.
const early = (signal) => {
  if (process.listenerCount(signal) === 1) process.exit(signal === 'SIGTERM' ? 143 : 130);
};
process.on('SIGINT', early);
process.on('SIGTERM', early);
const { loadCli } = await import('../dist/src/boot/load-cli.js');
const cli = await loadCli();
process.exitCode = await cli.main(process.argv);
cli.saveCodeCache();
