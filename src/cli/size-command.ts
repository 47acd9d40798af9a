import type { Command } from 'commander';
import { defaultWorkers } from '../parallel/default-workers.js';
import { UsageError } from './errors.js';
import { integerOption } from './run-command.js';
import { parseTime } from '../scenario/units.js';

interface SizeOptions {
  circuit?: string;
  out?: string;
  duration?: string;
  variant?: string;
  headroom: string;
  targets: string;
  direct?: boolean;
  replications?: string;
  workers?: string;
  threads?: string;
  cache: boolean;
  quiet?: boolean;
}

/** `ersim size`: the smallest circuit SKU that meets the targets with the headroom asked for. */
export function registerSize(program: Command, io: { out: (s: string) => void }): void {
  program
    .command('size')
    .description(
      'size every circuit and every site\'s Internet access of a design: the smallest standard size that meets the targets (Teams by default) ' +
        'with utilization under 1 - headroom, with everything up and in the worst single failure (a circuit with one connection down; ' +
        'a site with its circuits down); writes sizing.csv and sizing_evidence.csv. With --circuit, only that circuit, all variants, all up',
    )
    .argument('<scenario>', 'scenario file (YAML)')
    .option('--circuit <name>', 'size only this circuit (both connections up, every variant that has it)')
    .option('--variant <name>', "the design to size (default: the scenario's first variant)")
    .option('-o, --out <dir>', 'output folder (default: results/<scenario name>-sizing)')
    .option('--duration <time>', "simulated time of each run (default: the scenario's duration)")
    .option('--headroom <percent>', 'capacity to keep free on the circuit', '30%')
    .option('--targets <set>', "teams (every call direction meets the scenario's Teams targets, judged per 15 s window as compare judges them) or none", 'teams')
    .option('--direct', 'try ExpressRoute Direct sizes (1 to 100 Gbps)')
    .option('--replications <n>', 'replications per SKU')
    .option('--workers <n>', 'worker threads (default: the available cores)')
    .option('--threads <n>', 'threads for each replication that splits into partitions (default: the workers the replications leave idle)')
    .option('--no-cache', 'rerun every task')
    .option('-q, --quiet', 'no progress bar')
    .action(async (file: string, options: SizeOptions) => {
      const headroom = /^(\d+(\.\d+)?)%$/.exec(options.headroom.trim());
      if (headroom === null || Number(headroom[1]) >= 100) throw new UsageError(`--headroom: expected a percentage below 100%, like 30%; got "${options.headroom}"`);
      if (options.targets !== 'teams' && options.targets !== 'none') throw new UsageError(`--targets: expected teams or none, got "${options.targets}"`);
      const workers = options.workers === undefined ? defaultWorkers() : integerOption('--workers', options.workers, 1);
      const threads = options.threads === undefined ? undefined : integerOption('--threads', options.threads, 1);
      if (options.circuit === undefined) {
        const overrides: Record<string, unknown> = {};
        if (options.replications !== undefined) overrides.replications = integerOption('--replications', options.replications, 1);
        if (options.duration !== undefined) {
          if (parseTime(options.duration) === undefined) throw new UsageError(`--duration: expected a time like 10s, got "${options.duration}"`);
          overrides.duration = options.duration;
        }
        const { sizeNetworkAction } = await import('./size-network-action.js');
        await sizeNetworkAction(io, file, {
          overrides,
          out: options.out,
          quiet: options.quiet === true,
          eventList: undefined,
          availabilityOnly: false,
          workers,
          threads,
          cache: options.cache,
          report: false,
          headroom: Number(headroom[1]) / 100,
          teams: options.targets === 'teams',
          variant: options.variant,
        });
        return;
      }
      const { sizeAction } = await import('./size-action.js');
      await sizeAction(io, file, {
        circuit: options.circuit,
        headroom: Number(headroom[1]) / 100,
        teams: options.targets === 'teams',
        direct: options.direct === true,
        replications: options.replications === undefined ? undefined : integerOption('--replications', options.replications, 1),
        quiet: options.quiet === true,
        workers,
        threads,
        cache: options.cache,
      });
    });
}
