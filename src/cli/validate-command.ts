import type { Command } from 'commander';
import { checkScenario } from '../compile/check.js';
import { loadScenarioFile } from '../scenario/load.js';

export function registerValidate(program: Command, io: { out: (s: string) => void }): void {
  program
    .command('validate')
    .description('check a scenario file without running it; exits non-zero naming each problem')
    .argument('<scenario>', 'scenario file (YAML)')
    .action((file: string) => {
      const loaded = loadScenarioFile(file);
      checkScenario(loaded);
      const s = loaded.scenario;
      io.out(`${file}: ok (${s.nodes.length} nodes, ${s.links.length} link directions, ${s.flows.length} flows)\n`);
    });
}
