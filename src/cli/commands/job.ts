import type { Command } from './command.js';
import { scenarioOptions } from '../option-flags.js';
import { UserError } from '../errors.js';
import { parseInstant } from '../../sim/time.js';

export const jobCommand: Command = {
  command: 'job [scenario]',
  describe: 'Print Get Job for one job at a simulated instant, as JSON',
  builder: (y) =>
    scenarioOptions(y)
      .positional('scenario', { type: 'string', default: 'scenarios/default.yaml', describe: 'scenario file' })
      .option('id', { type: 'string', demandOption: true, describe: 'job ID, e.g. J-000042' })
      .option('at', { type: 'string', demandOption: true, describe: 'ISO 8601 instant, e.g. 2026-02-01T00:00Z' })
      .example('$0 job scenarios/default.yaml --id J-000042 --at 2026-02-01T00:00Z', 'J-000042 as Get Job shows it on 1 February'),
  handler: async (args) => {
    // The scenario schema and the model load on use (option-flags.ts says why).
    const [{ loadForCli, traceForCli }, { Model }, { getJobById }] = await Promise.all([
      import('../options.js'), import('../../model/model.js'), import('../../model/get-job.js'),
    ]);
    const loaded = loadForCli(args.scenario, args.set, args.seed);
    let at: number;
    try {
      at = parseInstant(args.at);
    } catch (err) {
      throw new UserError(`--at: ${(err as Error).message}`);
    }
    let deleted = '';
    const model = new Model(loaded.scenario, {
      job: (r) => { if (r.job.id === args.id) deleted = `was deleted at ${model.world.sim.isoTime(r.job.deleted)} (${r.job.deleteRule})`; },
    }, { timeline: { kind: 'off' }, name: loaded.name, trace: traceForCli(loaded) });
    const t = at - model.world.sim.startMs;
    if (t < 0) throw new UserError(`--at: ${args.at} is before the scenario's start (${loaded.scenario.start})`);
    if (t > model.horizon) throw new UserError(`--at: ${args.at} is after the scenario's horizon (${model.world.sim.isoTime(model.horizon)})`);
    model.advance(t);
    const status = getJobById(model.world, args.id);
    if (!status) {
      const why = deleted || (model.world.nextJob - 1 < Number(args.id.replace(/\D/g, '')) ? 'does not exist yet' : 'does not exist');
      // A drive's ID, or a job ID in another form, is a likely slip: say what job IDs look like.
      const hint = /^J-\d{6,}$/.test(args.id) ? '' : ' (job IDs look like J-000042)';
      process.stderr.write(`iesim: job ${args.id} ${why} at ${args.at}: Get Job answers "not found"${hint}\n`);
      return 1;
    }
    process.stdout.write(`${JSON.stringify({ at: model.world.sim.isoTime(), ...status }, null, 2)}\n`);
    return 0;
  },
};
