// Preloaded (node --require) into a child process: writes its peak resident memory (kB) to
// $ERSIM_MAX_RSS_FILE when it exits, so a test can bound the memory of a whole run.
const { writeFileSync } = require('node:fs');
process.on('exit', () => {
  if (process.env.ERSIM_MAX_RSS_FILE) writeFileSync(process.env.ERSIM_MAX_RSS_FILE, String(process.resourceUsage().maxRSS));
});
