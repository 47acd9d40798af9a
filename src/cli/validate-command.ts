import type { Command } from 'commander';

export function registerValidate(program: Command, io: { out: (s: string) => void }): void {
  program
    .command('validate')
    .description('check a scenario file without running it; exits non-zero naming each problem')
    .argument('<scenario>', 'scenario file (YAML)')
    .action(async (file: string) => {
      const [{ checkScenario, scenarioWarnings }, { loadScenarioFile }] = await Promise.all([import('../planner/check.js'), import('../planner/load.js')]);
      const loaded = loadScenarioFile(file);
      checkScenario(loaded);
      for (const warning of scenarioWarnings(loaded)) io.out(`warning: ${warning}\n`);
      const s = loaded.scenario;
      const p = s.planner;
      const parts = [
        [loaded.variants.length > 1 ? loaded.variants.length : 0, 'variants'],
        [s.nodes.length, 'nodes'],
        [s.links.length, 'link directions'],
        [p.sites.length, 'sites and remote groups'],
        [p.regions.length, 'regions'],
        [p.services.length, 'services'],
        [p.circuits.length, 'circuits'],
        [s.flows.length + p.traffic.length, 'flows'],
      ].filter(([n]) => (n as number) > 0);
      io.out(`${file}: ok (${parts.map(([n, what]) => `${n} ${what}`).join(', ')})\n`);
    });
}
