import type { Command } from 'commander';

export function registerValidate(program: Command, io: { out: (s: string) => void }): void {
  program
    .command('validate')
    .description('check a scenario file without running it; exits non-zero naming each problem')
    .argument('<scenario>', 'scenario file (YAML)')
    .action(async (file: string) => {
      const [{ checkScenario }, { loadScenarioFile }] = await Promise.all([import('../compile/check.js'), import('../scenario/load.js')]);
      const loaded = loadScenarioFile(file);
      checkScenario(loaded);
      const s = loaded.scenario;
      io.out(`${file}: ok (${s.nodes.length} nodes, ${s.links.length} link directions, ${s.flows.length} flows)\n`);
    });
}
