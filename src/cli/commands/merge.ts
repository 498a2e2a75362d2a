import { existsSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from './command.js';
import { UserError } from '../errors.js';
import { AtomicDir } from '../../output/atomic-dir.js';
import { hashFiles, packageVersion } from '../../output/manifest.js';
import { readPlan, readRuns, writePlan, writeRuns, writeSweepCsv } from '../../experiments/sweep-files.js';
import type { RunRecord } from '../../experiments/aggregate.js';
import { plural } from '../../plural.js';

export const mergeCommand: Command = {
  command: 'merge <shards..>',
  describe: 'Combine the output folders of sweep shards into the result of one sweep',
  builder: (y) =>
    y.positional('shards', { type: 'string', array: true, describe: 'shard output folders' })
      .option('out', { type: 'string', demandOption: true, describe: 'output folder of the merged sweep' })
      .example('$0 merge shards/1 shards/2 shards/3 shards/4 --out out/sweep', 'after an array job of four tasks'),
  handler: async (args) => {
    const dirs = args.shards as string[];
    for (const d of dirs) if (!existsSync(d)) throw new UserError(`${d}: no such folder`);
    // The output replaces its folder: a shard given as --out would be gone, and the merge not repeatable.
    const out = realOrResolved(args.out as string);
    const input = dirs.find((d) => realOrResolved(d) === out);
    if (input !== undefined) throw new UserError(`--out: ${args.out} is one of the shards being merged (${input}); merge into another folder`);
    // A folder that is no sweep output (no variants.json or runs.csv) is the user's mistake, not a bug.
    const read = <T>(d: string, f: (d: string) => T): T => {
      try {
        return f(d);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new UserError(`${d}: no runs.csv (is it a sweep output folder?)`);
        if (err instanceof SyntaxError) throw new UserError(`${d}: variants.json is not valid JSON (${err.message})`);
        if (err instanceof Error && / no variants\.json /.test(err.message)) throw new UserError(err.message);
        throw err;
      }
    };
    const plan = read(dirs[0], readPlan);
    const key = JSON.stringify(plan);
    const seen = new Map<string, string>();
    const records: RunRecord[] = [];
    for (const d of dirs) {
      if (JSON.stringify(read(d, readPlan)) !== key) throw new UserError(`${d}: a shard of another sweep (its variants.json differs from ${dirs[0]}'s)`);
      for (const r of read(d, readRuns)) {
        const id = `${r.variant}/${r.replication}`;
        if (seen.has(id)) throw new UserError(`${d}: variant ${r.variant} replication ${r.replication} is also in ${seen.get(id)}`);
        seen.set(id, d);
        records.push(r);
      }
    }
    const expected = plan.variants.length * plan.replications;
    if (records.length !== expected) {
      const missing: string[] = [];
      for (let v = 0; v < plan.variants.length; v++) for (let r = 0; r < plan.replications; r++) if (!seen.has(`${v}/${r}`)) missing.push(`${v}/${r}`);
      throw new UserError(`shards incomplete: ${records.length} of ${expected} runs; missing variant/replication ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''}`);
    }
    const dir = new AtomicDir(args.out);
    writePlan(dir.tmp, plan);
    writeRuns(dir.tmp, records);
    writeSweepCsv(dir.tmp, plan, records);
    dir.writeJson('manifest.json', { iesim: packageVersion(), merged: dirs.length, scenarioName: plan.scenario, seed: plan.seed, replications: plan.replications, variants: plan.variants.length, files: await hashFiles(dir.tmp) });
    dir.commit();
    const { variants: { length: V }, replications: R } = plan;
    process.stdout.write(`merged ${plural(dirs.length, 'shard')}: ${plural(V, 'variant')} × ${plural(R, 'replication')} into ${args.out}/\n`);
    return 0;
  },
};

/** A folder's real path (symbolic links followed) if it exists, else its absolute path. */
function realOrResolved(path: string): string {
  return existsSync(path) ? realpathSync(path) : resolve(path);
}
