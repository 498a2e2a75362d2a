/**
 * What `iesim sweep` does (its flags: sweep.ts): expands the grid of
 * variants, runs every variant × replication on the pool with common random
 * numbers, and writes the sweep's files. Loaded only when a sweep starts.
 */
import { join } from 'node:path';
import { loadForCli, traceForCli } from '../options.js';
import { progressBar } from '../progress.js';
import { UserError } from '../errors.js';
import { AtomicDir } from '../../output/atomic-dir.js';
import { canonicalHash, hashFiles, packageVersion } from '../../output/manifest.js';
import { expandGrid, parseSweepSet } from '../../experiments/grid.js';
import { runReplications, type ReplicationTask } from '../../experiments/pool.js';
import { kpiValues, type RunRecord } from '../../experiments/aggregate.js';
import { writePlan, writeRuns, writeSweepCsv, type SweepPlan } from '../../experiments/sweep-files.js';
import { plural } from '../../plural.js';

/** Runs `iesim sweep` with its parsed flags; returns the exit code. */
export async function runSweep(args: any): Promise<number> {
  const dims: { path: string; values: string[] }[] = [];
  const plain: string[] = [];
  for (const set of args.set as string[]) {
    const d = parseSweepSet(set);
    if (d && d.values.length > 1) dims.push(d);
    else plain.push(set);
  }
  const base = loadForCli(args.scenario, plain, args.seed);
  for (const [path, values] of Object.entries(base.scenario.sweep ?? {})) {
    if (!dims.some((d) => d.path === path)) dims.push({ path, values: values.map(String) });
  }
  if (dims.length === 0) throw new UserError(`${args.scenario}: nothing to sweep: add a sweep: block or --set path=v1,v2,…`);
  const R = args.replications;
  if (!(Number.isInteger(R) && R >= 1)) throw new UserError(`--replications: expected a whole number >= 1, got ${R}`);
  const shard = parseShard(args.shard);
  const variants = expandGrid(dims);
  // Validate every variant before anything runs or is written.
  const loaded = variants.map((v) => loadForCli(args.scenario, [...plain, ...v.sets], args.seed));
  const trace = traceForCli(base);
  const tasks: (ReplicationTask & { variant: number })[] = [];
  variants.forEach((_, vi) => {
    for (let r = 0; r < R; r++) {
      const i = vi * R + r;
      if (shard && i % shard.n !== shard.k - 1) continue;
      tasks.push({ scenario: loaded[vi].scenario, replication: r, name: base.name, trace, variant: vi });
    }
  });
  const name = `${base.name}-sweep${shard ? `-shard-${shard.k}-of-${shard.n}` : ''}`;
  const out = args.out ?? join('out', name);
  const dir = new AtomicDir(out);
  const bar = progressBar(`iesim sweep ${base.name}`, args.quiet);
  try {
    const summaries = await runReplications(tasks, args.workers, (d) => bar.update(d / tasks.length, 0));
    bar.stop();
    const records: RunRecord[] = tasks.map((t, i) => ({ variant: t.variant, replication: t.replication, values: kpiValues(summaries[i]) }));
    const plan: SweepPlan = { scenario: base.name, seed: base.scenario.seed, replications: R, variants };
    writePlan(dir.tmp, plan);
    writeRuns(dir.tmp, records);
    if (!shard) writeSweepCsv(dir.tmp, plan, records);
    dir.writeJson('manifest.json', {
      iesim: packageVersion(), node: process.version, scenarioName: base.name, scenarioFile: base.file,
      scenarioHash: canonicalHash(base.scenario), seed: base.scenario.seed, replications: R,
      shard: shard ? `${shard.k}/${shard.n}` : null, variants: variants.length, files: await hashFiles(dir.tmp),
    });
    dir.commit();
  } catch (err) {
    bar.stop();
    dir.abandon();
    throw err;
  }
  process.stdout.write(`${base.name}: ${plural(variants.length, 'variant')} × ${plural(R, 'replication')}${shard ? ` (shard ${shard.k}/${shard.n}: ${tasks.length} runs)` : ''}\n  outputs in ${out}/${shard ? ' (combine the shards with iesim merge)' : ''}\n`);
  return 0;
}

function parseShard(text: string | undefined): { k: number; n: number } | undefined {
  if (text === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const k = m ? Number(m[1]) : NaN, n = m ? Number(m[2]) : NaN;
  if (!(n >= 1 && k >= 1 && k <= n)) throw new UserError(`--shard: expected K/N with 1 <= K <= N, e.g. 2/4, got "${text}"`);
  return { k, n };
}
