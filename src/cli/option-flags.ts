/**
 * The flags shared by the commands that run scenarios (their parsing into
 * model inputs is options.ts). Apart so that defining the commands loads
 * nothing but yargs: `iesim --help` and the commands that run no scenario
 * do not pay for the scenario schema and the model (~0.3 s of start-up).
 */
import type { Argv } from 'yargs';
import { availableParallelism } from 'node:os';

export function scenarioOptions<T>(y: Argv<T>) {
  return y
    .option('seed', { type: 'string', describe: 'master seed (overrides the scenario\'s)' })
    .option('set', { type: 'string', array: true, default: [] as string[], describe: 'override a field: path=value (repeatable), e.g. --set datacenter.copyStations=12' })
    .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'no progress or chatter on stderr' });
}

export function replicationOptions<T>(y: Argv<T>) {
  return y
    .option('replications', { alias: 'r', type: 'number', default: 1, describe: 'independent replications (seeds derived per replication)' })
    .option('workers', { alias: 'w', type: 'number', default: availableParallelism(), describe: 'threads that may run replications, this one included; worker threads start once the work left is worth them (results do not depend on it)' })
    .option('warmup', { type: 'string', describe: 'discard statistics before start + this duration, e.g. 30d' })
    .option('target-ci', { type: 'string', describe: 'add replications until every headline KPI\'s 95% half-width is within this share of its mean, e.g. 5%' })
    .option('max-replications', { type: 'number', default: 100, describe: 'upper bound for --target-ci' });
}
