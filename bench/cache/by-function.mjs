// Self cost per simulated event of each function in a callgrind output (--dump-instr=yes), JIT code
// named from V8's perf map (node --perf-basic-prof): instructions, L1 data misses, last-level misses.
// Usage: node bench/cache/by-function.mjs CALLGRIND_OUT PERF_MAP EVENTS [ROWS]
import fs from 'node:fs';

const [outFile, mapFile, eventsArg, rowsArg] = process.argv.slice(2);
const events = Number(eventsArg);
const rowCount = rowsArg === undefined ? 25 : Number(rowsArg);
if (!outFile || !mapFile || !(events > 0) || !(rowCount > 0)) {
  console.error('usage: node bench/cache/by-function.mjs CALLGRIND_OUT PERF_MAP EVENTS [ROWS]');
  process.exit(2);
}

const ranges = fs.readFileSync(mapFile, 'utf8').trim().split('\n').map((line) => {
  const [start, size, ...name] = line.split(' ');
  return { start: parseInt(start, 16), end: parseInt(start, 16) + parseInt(size, 16), name: name.join(' ') };
}).sort((a, b) => a.start - b.start);

function jitName(address) {
  let lo = 0;
  let hi = ranges.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[mid].start <= address) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return found >= 0 && address < ranges[found].end ? ranges[found].name : null;
}

// callgrind's compressed positions: absolute, +n / -n relative to the last one, or * for the same
function position(token, previous) {
  if (token === '*') return previous;
  if (token[0] === '+') return previous + Number(token.slice(1));
  if (token[0] === '-') return previous - Number(token.slice(1));
  return Number(token);
}

// events: Ir Dr Dw I1mr D1mr D1mw ILmr DLmr DLmw
const IR = 0, D1MR = 4, D1MW = 5, DLMR = 7, DLMW = 8;
const totals = new Map();
const fnNames = new Map();
let fn = '(unknown)';
let address = 0;
let callCost = false;
for (const line of fs.readFileSync(outFile, 'utf8').split('\n')) {
  if (line.startsWith('fn=')) {
    const m = /^fn=\((\d+)\)(?: (.*))?$/.exec(line);
    if (m !== null) {
      if (m[2] !== undefined) fnNames.set(m[1], m[2]);
      fn = fnNames.get(m[1]) ?? '(unknown)';
    }
    continue;
  }
  if (line.startsWith('calls=')) { callCost = true; continue; }
  const c = line.charCodeAt(0);
  if (!(c === 43 || c === 45 || c === 42 || (c >= 48 && c <= 57))) continue;
  const tokens = line.split(' ');
  address = position(tokens[0], address);
  if (callCost) { callCost = false; continue; } // a call's inclusive cost, not this function's own
  const name = jitName(address) ?? fn;
  let row = totals.get(name);
  if (row === undefined) totals.set(name, (row = new Float64Array(9)));
  for (let i = 2; i < tokens.length && i - 2 < 9; i++) row[i - 2] += Number(tokens[i]);
}

const all = new Float64Array(9);
for (const row of totals.values()) for (let i = 0; i < 9; i++) all[i] += row[i];
const per = (x) => x / events;
console.log(`per event: ${per(all[IR]).toFixed(0)} instructions, ${per(all[D1MR] + all[D1MW]).toFixed(2)} L1 data misses, ${per(all[DLMR] + all[DLMW]).toFixed(3)} last-level data misses`);
console.log('  LL miss   L1 miss  instr  function (self cost per event)');
const rows = [...totals].sort((a, b) => b[1][DLMR] + b[1][DLMW] - (a[1][DLMR] + a[1][DLMW])).slice(0, rowCount);
for (const [name, row] of rows) {
  console.log(`${per(row[DLMR] + row[DLMW]).toFixed(3).padStart(9)} ${per(row[D1MR] + row[D1MW]).toFixed(2).padStart(9)} ${per(row[IR]).toFixed(0).padStart(6)}  ${name.replace(/file:\/\/\S*?\/dist\/src\//, '')}`);
}
