import { Bench } from 'tinybench';
import { writeFilesAtomically } from '../src/output/atomic-files.js';
import { toCsv } from '../src/output/csv.js';
import { textTable } from '../src/cli/table.js';
import type { Row } from '../src/stats/records.js';
import type { BenchCase } from './bench-case.js';
import { eventListCases } from './event-list.bench.js';
import { scenarioCase } from './scenario.bench.js';

/**
 * `npm run bench [-- filter]`: every case runs a fixed amount of work several times; we report
 * the mean wall time per run and the rates it implies, and write them to results/bench.csv.
 */
const filter = process.argv[2];
const cases: BenchCase[] = [
  ...eventListCases,
  scenarioCase('scenarios/dumbbell-udp.yaml'),
  scenarioCase('scenarios/dumbbell-udp.yaml', 'heap-js'),
  scenarioCase('scenarios/dumbbell-tcp.yaml'),
  scenarioCase('scenarios/mm1.yaml'),
].filter((c) => filter === undefined || c.name.includes(filter));

const bench = new Bench({ iterations: 5, time: 0, warmupIterations: 1, warmupTime: 0 });
const work = new Map<string, ReturnType<BenchCase['run']>>();
for (const c of cases) {
  bench.add(c.name, () => {
    work.set(c.name, c.run());
  }, { beforeEach: c.setup });
}
await bench.run();

const rows: Row[] = bench.tasks.map((task) => {
  const result = task.result;
  if (result.state !== 'completed') throw new Error(`${task.name}: ${result.state}`);
  const w = work.get(task.name)!;
  const seconds = result.latency.mean / 1000;
  return {
    case: task.name,
    runs: result.latency.samplesCount,
    wall_s_mean: seconds,
    wall_s_rme_percent: result.latency.rme,
    events: w.events,
    events_per_s: w.events / seconds,
    packet_hops: w.packetHops,
    packet_hops_per_s: w.packetHops / seconds,
    simulated_s: w.simulatedSeconds ?? NaN,
    node: process.version,
  };
});

const mega = (x: number) => (Number.isFinite(x) && x > 0 ? (x / 1e6).toFixed(2) : '-');
process.stdout.write(
  `${textTable(
    ['case', 'wall_s', '±%', 'M events/s', 'M packet-hops/s', 'wall s per sim s'],
    rows.map((r) => [
      r.case as string,
      (r.wall_s_mean as number).toFixed(3),
      (r.wall_s_rme_percent as number).toFixed(1),
      mega(r.events_per_s as number),
      mega(r.packet_hops_per_s as number),
      Number.isFinite(r.simulated_s) ? ((r.wall_s_mean as number) / (r.simulated_s as number)).toFixed(3) : '-',
    ]),
  )}\n`,
);
writeFilesAtomically('results', { 'bench.csv': await toCsv(rows) });
process.stdout.write('wrote results/bench.csv\n');
