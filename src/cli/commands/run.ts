/** `iesim run [scenario]`: the command's flags; what it does is run-scenario.ts. */
import type { Command } from './command.js';
import { replicationOptions, scenarioOptions } from '../option-flags.js';

export const runCommand: Command = {
  command: 'run [scenario]',
  describe: 'Simulate a scenario and write its outputs (events.csv, jobs.csv, drives.csv, timeseries.csv, summary.json, manifest.json)',
  builder: (y) =>
    replicationOptions(scenarioOptions(y))
      .positional('scenario', { type: 'string', default: 'scenarios/default.yaml', describe: 'scenario file (YAML or JSON)' })
      .option('out', { type: 'string', describe: 'output folder (default: out/<scenario name>)' })
      .option('timeline', { type: 'string', default: 'full', describe: 'events.csv content: full, off, or sample:N (the first N jobs)' })
      .option('check', { type: 'boolean', default: false, describe: 'evaluate the scenario\'s expect: block; exit 1 if any expectation fails' })
      .option('report', { type: 'boolean', default: true, describe: 'write charts/ and report.html (--no-report to skip)' })
      .example('$0 run', 'run scenarios/default.yaml into out/default/')
      .example('$0 run scenarios/peak-season.yaml --seed 7 --out out/peak7', 'another scenario, seed and folder')
      .example('$0 run --replications 20 --warmup 30d', '20 replications: summary.json gives mean, sd and 95% CI of each KPI')
      .example('$0 run --target-ci 2% --max-replications 60', 'add replications until every headline KPI is within ±2%')
      .example('$0 run --set datacenter.copyStations=12 --timeline off', 'a variant, KPIs only')
      .example('$0 run scenarios/default.yaml --check', 'a regression test: exit 1 if an expectation fails'),
  // The run's modules (scenario schema, model, writers, pool) load when a run starts: see option-flags.ts.
  handler: async (args) => (await import('./run-scenario.js')).runScenario(args),
};
