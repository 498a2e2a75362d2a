/**
 * `npm run bench:compare -- <other build> <pairs> <case> [args…]`: one bench
 * case (case.ts) run on this build and on another one, alternately, `pairs`
 * times, and whether the difference is more than the host's noise.
 *
 * Why: this host's speed changes by up to 2× between consecutive runs of the
 * same case, so two runs, or two tables an hour apart, cannot tell a change
 * of 5% from the weather. Alternated pairs see the same weather: each pair
 * runs both builds back to back, in turn first (ABBA, so a drift within the
 * pair does not favour one), and a sign test says how likely the split of
 * wins is if neither build were faster. Both builds read the same scenario
 * files (this folder's), and the script checks that they did the same work
 * (jobs, events, rows, violations and result hashes agree).
 *
 * The other build: a folder with a built copy of the project, e.g.
 *   git worktree add --detach ../base <commit> && (cd ../base && npm ci)
 * (`npm ci` builds it: prepare).
 */
import { existsSync } from 'node:fs';
import { resolve, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatTable, runCase, type CaseResult } from './measure.js';
import { median, signTest } from './stats.js';

type Result = CaseResult;

/** Fields that say what work a case did: they must agree between the builds. */
const WORK = ['jobs', 'events', 'rows', 'violations', 'replications', 'resultsSha256', 'charts'];

const USAGE = 'usage: npm run bench:compare -- <folder of the other build> <pairs> <case> [args…]  (cases: see bench/case.ts)';

function fail(message: string): never {
  process.stderr.write(`bench:compare: ${message}\n${USAGE}\n`);
  process.exit(1);
}

function run(root: string, args: string[]): Result {
  const r = runCase(args, root);
  if ('error' in r) fail(`${join(root, 'dist', 'bench', 'case.js')} ${args.join(' ')} failed: ${r.error}`);
  return r;
}

/** The process's CPU seconds, all threads and its start included ('' from a build whose case.ts does not say). */
function cpu(r: Result): number | string {
  return r.cpuSeconds === undefined ? '' : Number(r.cpuSeconds);
}

function main(): void {
  const [otherArg, pairsArg, ...caseArgs] = process.argv.slice(2);
  if (otherArg === undefined || pairsArg === undefined || caseArgs.length === 0) fail('missing arguments');
  const here = fileURLToPath(new URL('../..', import.meta.url));
  const other = resolve(otherArg);
  if (!existsSync(join(other, 'dist', 'bench', 'case.js'))) fail(`${other} holds no built bench (expected dist/bench/case.js there: run npm ci in it)`);
  const pairs = Number(pairsArg);
  if (!(Number.isInteger(pairs) && pairs >= 1)) fail(`<pairs> must be a whole number >= 1, got ${pairsArg}`);

  const rows: (string | number)[][] = [];
  const thisRuns: Result[] = [], otherRuns: Result[] = [];
  for (let i = 0; i < pairs; i++) {
    // ABBA: this build first in even pairs, the other first in odd ones.
    const order = i % 2 === 0 ? [here, other] : [other, here];
    const got = new Map<string, Result>();
    for (const root of order) {
      process.stderr.write(`  pair ${i + 1} of ${pairs}: ${root === here ? 'this build' : 'the other build'} …\n`);
      got.set(root, run(root, caseArgs));
    }
    const a = got.get(here)!, b = got.get(other)!;
    for (const k of WORK) {
      if (k in a && k in b && a[k] !== b[k]) fail(`the builds did different work: ${k} ${a[k]} here, ${b[k]} in ${other}`);
    }
    thisRuns.push(a);
    otherRuns.push(b);
    rows.push([String(i + 1), Number(a.seconds), Number(b.seconds), (Number(a.seconds) / Number(b.seconds)).toFixed(3), cpu(a), cpu(b)]);
  }
  console.log(`${caseArgs.join(' ')}: this build (${here}) against ${other}, ${pairs} alternated pairs\n`);
  console.log(formatTable(['pair', 'this s', 'other s', 'this / other', 'this CPU s', 'other CPU s'], rows));

  const secs = (rs: Result[], key = 'seconds') => rs.filter((r) => r[key] !== undefined).map((r) => Number(r[key]));
  const orBlank = (x: number) => (Number.isFinite(x) ? x : '');
  const ratios = thisRuns.map((r, i) => Number(r.seconds) / Number(otherRuns[i].seconds));
  const wins = ratios.filter((x) => x < 1).length, losses = ratios.filter((x) => x > 1).length;
  const summary: (string | number)[][] = [
    ['median seconds', median(secs(thisRuns)), median(secs(otherRuns))],
    ['fastest seconds', Math.min(...secs(thisRuns)), Math.min(...secs(otherRuns))],
    ['median CPU seconds (all threads, start included)', orBlank(median(secs(thisRuns, 'cpuSeconds'))), orBlank(median(secs(otherRuns, 'cpuSeconds')))],
  ];
  console.log(`\n${formatTable(['', 'this build', 'other build'], summary)}`);
  const p = signTest(wins, wins + losses);
  console.log(`\nmedian of the pairs' ratios (this / other): ${median(ratios).toFixed(3)}; this build faster in ${wins} of ${wins + losses} pairs (sign test p = ${p.toFixed(3)}${p < 0.05 ? ': unlikely to be chance' : ': could be chance'})`);
}

main();
