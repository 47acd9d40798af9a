import type { Command } from 'commander';
import { defaultWorkers } from '../parallel/default-workers.js';
import { UsageError } from './errors.js';
import { integerOption } from './run-command.js';

interface SizeOptions {
  circuit: string;
  headroom: string;
  targets: string;
  direct?: boolean;
  replications?: string;
  workers?: string;
  cache: boolean;
  quiet?: boolean;
}

/** `ersim size`: the smallest circuit SKU that meets the targets with the headroom asked for. */
export function registerSize(program: Command, io: { out: (s: string) => void }): void {
  program
    .command('size')
    .description('find the smallest SKU of a circuit whose results meet the targets (Teams by default) with utilization under 1 - headroom')
    .argument('<scenario>', 'scenario file (YAML)')
    .requiredOption('--circuit <name>', 'the circuit to size')
    .option('--headroom <percent>', 'capacity to keep free on the circuit', '30%')
    .option('--targets <set>', "teams (every call direction meets the scenario's Teams targets, judged per 15 s window as compare judges them) or none", 'teams')
    .option('--direct', 'try ExpressRoute Direct sizes (1 to 100 Gbps)')
    .option('--replications <n>', 'replications per SKU')
    .option('--workers <n>', 'worker threads (default: the available cores)')
    .option('--no-cache', 'rerun every task')
    .option('-q, --quiet', 'no progress bar')
    .action(async (file: string, options: SizeOptions) => {
      const headroom = /^(\d+(\.\d+)?)%$/.exec(options.headroom.trim());
      if (headroom === null || Number(headroom[1]) >= 100) throw new UsageError(`--headroom: expected a percentage below 100%, like 30%; got "${options.headroom}"`);
      if (options.targets !== 'teams' && options.targets !== 'none') throw new UsageError(`--targets: expected teams or none, got "${options.targets}"`);
      const { sizeAction } = await import('./size-action.js');
      await sizeAction(io, file, {
        circuit: options.circuit,
        headroom: Number(headroom[1]) / 100,
        teams: options.targets === 'teams',
        direct: options.direct === true,
        replications: options.replications === undefined ? undefined : integerOption('--replications', options.replications, 1),
        quiet: options.quiet === true,
        workers: options.workers === undefined ? defaultWorkers() : integerOption('--workers', options.workers, 1),
        cache: options.cache,
      });
    });
}
