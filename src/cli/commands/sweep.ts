/** `iesim sweep [scenario]`: the command's flags; what it does is run-sweep.ts. */
import type { Command } from './command.js';
import { scenarioOptions } from '../option-flags.js';
import { availableParallelism } from 'node:os';

export const sweepCommand: Command = {
  command: 'sweep [scenario]',
  describe: 'Run a grid of variants × replications with common random numbers; write sweep.csv with paired differences',
  builder: (y) =>
    scenarioOptions(y)
      .positional('scenario', { type: 'string', default: 'scenarios/copy-capacity-sweep.yaml', describe: 'scenario file (its sweep: block, and/or --set a=1,2,3)' })
      .option('replications', { alias: 'r', type: 'number', default: 5, describe: 'replications per variant (the same indexes in every variant)' })
      .option('workers', { alias: 'w', type: 'number', default: availableParallelism(), describe: 'threads that may run replications, this one included; worker threads start once the work left is worth them' })
      .option('shard', { type: 'string', describe: 'K/N: run only every N-th variant-replication pair, starting at K (for batch array jobs; combine with iesim merge)' })
      .option('out', { type: 'string', describe: 'output folder (default: out/<name>-sweep, or …-shard-K-of-N)' })
      .example('$0 sweep scenarios/copy-capacity-sweep.yaml', 'the sweep: block of the file')
      .example('$0 sweep scenarios/default.yaml --set datacenter.copyStations=8,10,12,14 -r 10', 'a grid from the command line')
      .example('$0 sweep S.yaml --shard 2/4 --out shards/2', 'one of four array-job tasks'),
  // The sweep's modules (scenario schema, model, pool) load when it starts: see option-flags.ts.
  handler: async (args) => (await import('./run-sweep.js')).runSweep(args),
};
