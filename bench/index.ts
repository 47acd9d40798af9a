import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, renameSync, writeFileSync, mkdirSync } from 'node:fs';
import { Bench } from 'tinybench';
import { textTable } from '../src/cli/table.js';
import { toCsv } from '../src/output/csv.js';
import { keepSpecial, reviveSpecial } from '../src/parallel/result-codec.js';
import type { Row } from '../src/stats/records.js';
import type { BenchCase, BenchEntry, BenchWork } from './bench-case.js';
import { bimodalCases, eventListCases, networkMixCases } from './event-list.bench.js';
import { availabilityCase, enterpriseCase, manyFlowsCase, parallelCase, scenarioCase, splitCase } from './scenario.bench.js';

/**
 * `npm run bench [-- FILTER...] [--rounds N] [--compare] [--save-baseline]`
 *
 * Every case runs in its own Node process (so that its peak resident memory is its own), timed by
 * tinybench over a fixed number of runs after a warm-up run. Results are appended to
 * results/bench.csv with the commit and date; --compare prints the change against
 * bench/baseline.json, --save-baseline replaces it. Slow cases run only when a filter names them.
 * `--rounds N` runs the selected cases N times in turn (A, B, A, B, ...), so that the host's slow
 * spells fall on all of them alike: the table shows each figure's median over the rounds, and each
 * case's ns/hop against the first case's, round by round (the ratios the bench pairs are for).
 * `--interleave` times the selected cases in one process instead, in slices taken in turn (A, B,
 * then B, A, ...: a fraction of a second each), so that each ratio compares slices the host ran under
 * the same load: the median of the slices' ratios, round by round (docs/performance.md).
 */
const entry = (name: string, build: () => BenchCase, slow = false): BenchEntry => ({ name, build, slow });
const cases = (): BenchEntry[] => [
  ...eventListCases.map((c) => entry(c.name, () => c)),
  ...bimodalCases.map((c) => entry(c.name, () => c)),
  ...networkMixCases.map((c) => entry(c.name, () => c)),
  entry('single link: mm1 (quaternary)', () => scenarioCase('scenarios/mm1.yaml')),
  entry('dumbbell-udp (quaternary)', () => scenarioCase('scenarios/dumbbell-udp.yaml')),
  entry('dumbbell-udp (heap-js)', () => scenarioCase('scenarios/dumbbell-udp.yaml', 'heap-js')),
  entry('dumbbell-tcp (quaternary)', () => scenarioCase('scenarios/dumbbell-tcp.yaml')),
  entry('internet-vs-expressroute, expressroute variant', () => scenarioCase('scenarios/internet-vs-expressroute.yaml', 'quaternary', 3, 'expressroute')),
  entry('poisson flows sharing a link: 10', () => manyFlowsCase(10)),
  entry('poisson flows sharing a link: 10000', () => manyFlowsCase(10_000)),
  entry('parallel: 8 replications of dumbbell-udp, 1 worker', () => parallelCase('scenarios/dumbbell-udp.yaml', 8, 1)),
  entry('parallel: 8 replications of dumbbell-udp, 2 workers', () => parallelCase('scenarios/dumbbell-udp.yaml', 8, 2)),
  entry('parallel: 8 replications of dumbbell-udp, warm pool of 1', () => parallelCase('scenarios/dumbbell-udp.yaml', 8, 1, true)),
  entry('parallel: 8 replications of dumbbell-udp, warm pool of 2', () => parallelCase('scenarios/dumbbell-udp.yaml', 8, 2, true)),
  entry('circuit-10g-tcp (quaternary)', () => scenarioCase('scenarios/circuit-10g-tcp.yaml', 'quaternary', 1), true),
  entry('availability: 12 offices for a year', () => availabilityCase(12)),
  entry('enterprise: 12 offices, 1500 users', () => enterpriseCase(12, 1500, 40)),
  entry('enterprise: 12 offices, 120000 users', () => enterpriseCase(12, 120_000, 1), true),
  entry('availability: 100 offices for a year', () => availabilityCase(100), true),
  entry('split: 12 offices, 1500 users, 1 thread(s)', () => splitCase(12, 1500, 10, 1)),
  entry('split: 12 offices, 1500 users, 2 thread(s)', () => splitCase(12, 1500, 10, 2)),
  entry('split: 12 offices, 120000 users, 1 thread(s)', () => splitCase(12, 120_000, 5, 1, 1), true),
  entry('split: 12 offices, 120000 users, 2 thread(s)', () => splitCase(12, 120_000, 5, 2, 1), true),
];

interface Measurement {
  case: string;
  runs: number;
  wall_s_mean: number;
  wall_s_rme_percent: number;
  /** Robust to the odd run that collects the garbage of the runs before it. */
  wall_s_median: number;
  events: number;
  events_per_s: number;
  packet_hops: number;
  packet_hops_per_s: number;
  ns_per_packet_hop: number;
  ns_per_packet_hop_median: number;
  simulated_s_per_wall_s: number;
  peak_rss_mb: number;
}

/** The suite's case of that name, built. */
function buildCase(name: string): BenchCase {
  const found = cases().find((x) => x.name === name);
  if (found === undefined) throw new Error(`no bench case '${name}'`);
  return found.build();
}

async function runChild(name: string): Promise<void> {
  const c = buildCase(name);
  let work: BenchWork | undefined;
  const bench = new Bench({ iterations: c.iterations, time: 0, warmupIterations: 1, warmupTime: 0 });
  bench.add(c.name, async () => {
    work = await c.run();
  }, { beforeEach: c.setup });
  await bench.run();
  await c.teardown?.();
  const result = bench.tasks[0]!.result;
  if (result.state !== 'completed') throw new Error(`${name}: ${result.state}`);
  const seconds = result.latency.mean / 1000;
  const m: Measurement = {
    case: name,
    runs: result.latency.samplesCount,
    wall_s_mean: seconds,
    wall_s_rme_percent: result.latency.rme,
    wall_s_median: result.latency.p50 / 1000,
    events: work!.events,
    events_per_s: work!.events / seconds,
    packet_hops: work!.packetHops,
    packet_hops_per_s: work!.packetHops / seconds,
    ns_per_packet_hop: work!.packetHops > 0 ? (seconds * 1e9) / work!.packetHops : NaN,
    ns_per_packet_hop_median: work!.packetHops > 0 ? (result.latency.p50 * 1e6) / work!.packetHops : NaN,
    simulated_s_per_wall_s: work!.simulatedSeconds ? work!.simulatedSeconds / seconds : NaN,
    peak_rss_mb: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(`${JSON.stringify(m, keepSpecial)}\n`);
}

/**
 * The cases named, built and set up in this one process, then timed slice by slice in turn (the
 * order reversed every other slice, so that no case always follows the same one). The first
 * slice of each is left out: the caches and compiled code the other cases' slices left behind.
 */
function runInterleavedChild(names: readonly string[], slices: number): void {
  const built = names.map((name) => {
    const c = buildCase(name);
    if (c.slice === undefined) throw new Error(`bench case '${name}' cannot be interleaved (it is not timed in a steady state)`);
    return c;
  });
  for (const c of built) c.setup?.();
  const timed: SliceTiming[][] = built.map(() => []);
  for (let k = 0; k < slices; k++) {
    for (let j = 0; j < built.length; j++) {
      const i = k % 2 === 0 ? j : built.length - 1 - j;
      const start = process.hrtime.bigint();
      const work = built[i]!.slice!(k, slices);
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      if (k > 0) timed[i]!.push({ seconds, ...work });
    }
  }
  const measurements = names.map((name, i) => sliceMeasurement(`${name} (interleaved)`, timed[i]!));
  process.stdout.write(`${JSON.stringify({ measurements, nsPerHop: timed.map((t) => t.map((x) => (x.seconds * 1e9) / x.packetHops)) }, keepSpecial)}\n`);
}

interface SliceTiming extends BenchWork {
  seconds: number;
}

/** A case's figures over its slices, as a run of its own would give them (`runs`: the slices). */
function sliceMeasurement(name: string, slices: readonly SliceTiming[]): Measurement {
  const sum = (f: (t: SliceTiming) => number) => slices.reduce((total, t) => total + f(t), 0);
  const seconds = sum((t) => t.seconds);
  const events = sum((t) => t.events);
  const packetHops = sum((t) => t.packetHops);
  const mean = seconds / slices.length;
  const sd = Math.sqrt(sum((t) => (t.seconds - mean) ** 2) / Math.max(1, slices.length - 1));
  return {
    case: name,
    runs: slices.length,
    wall_s_mean: mean,
    // a normal approximation of tinybench's margin (slices are many)
    wall_s_rme_percent: ((1.96 * sd) / Math.sqrt(slices.length) / mean) * 100,
    wall_s_median: median(slices.map((t) => t.seconds)),
    events: events / slices.length,
    events_per_s: events / seconds,
    packet_hops: packetHops / slices.length,
    packet_hops_per_s: packetHops / seconds,
    ns_per_packet_hop: packetHops > 0 ? (seconds * 1e9) / packetHops : NaN,
    ns_per_packet_hop_median: median(slices.map((t) => (t.packetHops > 0 ? (t.seconds * 1e9) / t.packetHops : NaN))),
    simulated_s_per_wall_s: sum((t) => t.simulatedSeconds ?? 0) / seconds,
    peak_rss_mb: process.resourceUsage().maxRSS / 1024,
  };
}

const MAX_ROUNDS = 50;
/** Slices a case's timed work is cut into by --interleave: the first untimed, 20 ratios a round. */
const DEFAULT_SLICES = 21;
const MIN_SLICES = 3;
const MAX_SLICES = 1000;

interface Options {
  filters: string[];
  rounds: number;
  compare: boolean;
  saveBaseline: boolean;
  /** Slices a case's timed work is cut into (`--interleave`), or 0: every case in a process of its own. */
  slices: number;
}

/** A whole number from `min` to `max` after option `name`, or an error that says so. */
function wholeNumber(name: string, value: string | undefined, min: number, max: number): number {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n) || n < min || n > max) throw new Error(`bench: ${name} takes a whole number from ${min} to ${max} (got ${value ?? 'nothing'})`);
  return n;
}

/** The case filters and options of the command line; an unknown option or a bad count is an error. */
function parseArgs(args: string[]): Options {
  const options: Options = { filters: [], rounds: 1, compare: false, saveBaseline: false, slices: 0 };
  let slices: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--rounds') options.rounds = wholeNumber(a, args[++i], 1, MAX_ROUNDS);
    else if (a === '--interleave') options.slices = DEFAULT_SLICES;
    else if (a === '--slices') slices = wholeNumber(a, args[++i], MIN_SLICES, MAX_SLICES);
    else if (a === '--compare') options.compare = true;
    else if (a === '--save-baseline') options.saveBaseline = true;
    else if (a.startsWith('--')) throw new Error(`bench: unknown option ${a} (options: --rounds N, --interleave, --slices N, --compare, --save-baseline)`);
    else options.filters.push(a);
  }
  if (slices !== undefined) {
    if (options.slices === 0) throw new Error('bench: --slices goes with --interleave');
    options.slices = slices;
  }
  if (options.slices > 0 && options.saveBaseline) throw new Error('bench: --save-baseline takes figures from cases run alone, not --interleave');
  return options;
}

function measure(name: string): Measurement {
  const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, '--child', name], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (child.status !== 0) throw new Error(`bench case '${name}' failed:\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!, reviveSpecial) as Measurement;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return (s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2;
}

/** One row per case: each figure's median over the rounds. */
function mediansOf(rounds: readonly Measurement[]): Measurement {
  const m = { ...rounds[0]! };
  for (const key of Object.keys(m) as (keyof Measurement)[]) {
    if (typeof m[key] === 'number') (m as Record<string, unknown>)[key] = median(rounds.map((r) => r[key] as number));
  }
  return m;
}

/** One round of `--interleave`: each case's figures and its ns/hop slice by slice. */
interface InterleavedRound {
  measurements: Measurement[];
  nsPerHop: number[][];
}

function measureInterleaved(names: readonly string[], slices: number): InterleavedRound {
  const args = [...process.execArgv, process.argv[1]!, '--child-interleaved', String(slices), ...names];
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (child.status !== 0) throw new Error(`bench cases interleaved failed:\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!, reviveSpecial) as InterleavedRound;
}

async function runAll({ filters, rounds, compare, saveBaseline, slices }: Options): Promise<void> {
  const selected = cases().filter((c) => (filters.length === 0 ? !c.slow : filters.some((f) => c.name.includes(f))));
  if (slices > 0 && selected.length < 2) throw new Error(`bench: --interleave needs at least two cases (the first in the suite's order is the one the others are compared with); the filters select ${selected.length}`);
  const byRound: Measurement[][] = [];
  const interleaved: InterleavedRound[] = [];
  for (let r = 0; r < rounds; r++) {
    const round = rounds > 1 ? ` (round ${r + 1} of ${rounds})` : '';
    if (slices > 0) {
      process.stderr.write(`bench: ${selected.map((c) => c.name).join(' | ')}, interleaved in ${slices} slices${round} ...\n`);
      const result = measureInterleaved(
        selected.map((c) => c.name),
        slices,
      );
      interleaved.push(result);
      byRound.push(result.measurements);
      continue;
    }
    byRound.push(
      selected.map((c) => {
        process.stderr.write(`bench: ${c.name}${round} ...\n`);
        return measure(c.name);
      }),
    );
  }
  const measurements = selected.map((_, k) => mediansOf(byRound.map((round) => round[k]!)));
  const baseline = readBaseline();
  const fmt = (x: number, digits = 2) => (Number.isFinite(x) ? x.toFixed(digits) : '-');
  process.stdout.write(
    `${textTable(
      ['case', 'wall_s', '±%', 'M events/s', 'M hops/s', 'ns/hop', 'ns/hop p50', 'sim s/wall s', 'RSS MB', ...(compare ? ['vs baseline'] : [])],
      measurements.map((m) => [
        m.case,
        fmt(m.wall_s_mean, 3),
        fmt(m.wall_s_rme_percent, 1),
        fmt(m.events_per_s / 1e6),
        fmt(m.packet_hops_per_s / 1e6),
        fmt(m.ns_per_packet_hop, 0),
        fmt(m.ns_per_packet_hop_median, 0),
        fmt(m.simulated_s_per_wall_s, 2),
        fmt(m.peak_rss_mb, 0),
        ...(compare ? [change(m, baseline[m.case])] : []),
      ]),
    )}\n`,
  );
  if (slices > 0) process.stdout.write(`${rounds > 1 ? `${rounds} rounds: medians. ` : ''}${slices - 1} timed slices a case.\n${sliceRatios(selected.map((c) => c.name), interleaved)}`);
  else if (rounds > 1) process.stdout.write(`${rounds} rounds: medians.\n${ratios(selected.map((c) => c.name), byRound)}`);
  const commit = gitCommit();
  const date = new Date().toISOString();
  // every round's rows: the medians can be taken again from the file
  const rows: Row[] = byRound.flat().map((m) => ({ commit, date, node: process.version, ...m }));
  mkdirSync('results', { recursive: true });
  const csv = toCsv(rows);
  const header = csv.slice(0, csv.indexOf('\n'));
  const file = 'results/bench.csv';
  // rows with other columns (an older bench) are kept aside rather than misaligned
  if (existsSync(file) && readFileSync(file, 'utf8').split('\n', 1)[0] !== header) renameSync(file, `results/bench-until-${commit}.csv`);
  if (existsSync(file)) appendFileSync(file, csv.slice(header.length + 1));
  else writeFileSync(file, csv);
  process.stdout.write('appended to results/bench.csv\n');
  if (saveBaseline) {
    const next = { ...baseline, ...Object.fromEntries(measurements.map((m) => [m.case, { commit, wall_s_mean: m.wall_s_mean, events_per_s: m.events_per_s }])) };
    writeFileSync('bench/baseline.json', `${JSON.stringify(next, null, 2)}\n`);
    process.stdout.write('wrote bench/baseline.json\n');
  }
}

/** Each case's ns/hop over the first case's, round by round, and their median. */
function ratios(names: readonly string[], byRound: readonly Measurement[][]): string {
  let text = '';
  for (let k = 1; k < names.length; k++) {
    const each = byRound.map((round) => round[k]!.ns_per_packet_hop / round[0]!.ns_per_packet_hop);
    if (!each.every(Number.isFinite)) continue;
    text += `ns/hop, ${names[k]} / ${names[0]}: ${each.map((x) => x.toFixed(2)).join(', ')}; median ${median(each).toFixed(2)}\n`;
  }
  return text;
}

/**
 * Each case's ns/hop over the first case's in the same slice: the median of each round, and of
 * every slice of every round.
 */
function sliceRatios(names: readonly string[], rounds: readonly InterleavedRound[]): string {
  let text = '';
  for (let k = 1; k < names.length; k++) {
    const each = rounds.map((round) => round.nsPerHop[k]!.map((ns, j) => ns / round.nsPerHop[0]![j]!).filter(Number.isFinite));
    if (each.some((r) => r.length === 0)) continue;
    const all = each.flat();
    const sorted = [...all].sort((a, b) => a - b);
    const quartile = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
    text +=
      `ns/hop slice by slice, ${names[k]} / ${names[0]}: ${rounds.length > 1 ? `medians by round ${each.map((r) => median(r).toFixed(2)).join(', ')}; ` : ''}` +
      `median of all ${all.length} slices ${median(all).toFixed(2)} (quartiles ${quartile(0.25).toFixed(2)}-${quartile(0.75).toFixed(2)})\n`;
  }
  return text;
}

type Baseline = Record<string, { commit: string; wall_s_mean: number; events_per_s: number }>;

function readBaseline(): Baseline {
  return existsSync('bench/baseline.json') ? (JSON.parse(readFileSync('bench/baseline.json', 'utf8')) as Baseline) : {};
}

/** Wall time change against the baseline: negative is faster. */
function change(m: Measurement, base: Baseline[string] | undefined): string {
  if (base === undefined) return 'new';
  const pct = ((m.wall_s_mean - base.wall_s_mean) / base.wall_s_mean) * 100;
  return `${pct >= 0 ? '+' : ''}${pct.toFixed(1)}% time (${base.commit.slice(0, 7)})`;
}

function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

const USAGE = `usage: npm run bench [-- FILTER...] [--rounds N] [--interleave [--slices N]] [--compare] [--save-baseline]
  FILTER           run the cases whose names contain it (slow cases run only when named)
  --rounds N       run the selected cases N times in turn; medians, and ns/hop against the first case
  --interleave     time the selected cases (at least two, run in a steady state) in one process,
                   slice by slice in turn; ns/hop against the first case's in the same slice
  --slices N       with --interleave: slices a case's timed work is cut into (default ${DEFAULT_SLICES}, the first untimed)
  --compare        the change in wall time against bench/baseline.json
  --save-baseline  write these figures to bench/baseline.json
`;

const args = process.argv.slice(2);
if (args[0] === '--child') await runChild(args[1]!);
else if (args[0] === '--child-interleaved') {
  try {
    runInterleavedChild(args.slice(2), Number(args[1]));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
else if (args.includes('--help') || args.includes('-h')) process.stdout.write(USAGE);
else {
  let options: ReturnType<typeof parseArgs> | undefined;
  try {
    options = parseArgs(args);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 2;
  }
  if (options !== undefined) {
    await runAll(options).catch((error: Error) => {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 2;
    });
  }
}
