#!/usr/bin/env node
// CommonJS (bin/package.json): Node starts a CommonJS entry without its ES module loader, 10 ms
// sooner (docs/performance.md). Until a command takes the signals over (a run stops between batches
// of events and writes nothing), Ctrl-C and SIGTERM end ersim at once: 130 and 143, as a shell reports them.
'use strict';
const early = (signal) => {
  if (process.listenerCount(signal) === 1) process.exit(signal === 'SIGTERM' ? 143 : 130);
};
process.on('SIGINT', early);
process.on('SIGTERM', early);
const { loadCli } = require('../dist/src/boot/load-cli.cjs');
loadCli().then(async (cli) => {
  process.exitCode = await cli.main(process.argv);
  cli.saveCodeCache();
});
