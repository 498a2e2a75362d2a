/**
 * What `iesim run` does (its flags: run.ts): loads the scenario, runs it (and
 * its replications) into the output folder, checks the timeline, writes the
 * report, and prints the summary line. Loaded only when a run starts.
 */
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';

import { loadForCli, timelineOption, traceForCli, replicationPlan } from '../options.js';
import { megabytes, progressBar } from '../progress.js';
import type { ReadProgress } from '../../checker/byte-records.js';
import { UserError } from '../errors.js';
import { runToFolder } from '../../output/run-to-folder.js';
import { jsonSafe } from '../../output/atomic-dir.js';
import { startReplications } from '../../experiments/replicate.js';
import { aggregateSummaries, kpiValues } from '../../experiments/aggregate.js';
import { HEADLINE_KPIS } from '../../experiments/headline.js';
import { evaluateExpectations, type ExpectationResult } from '../../experiments/expectations.js';
import type { RunSummary } from '../../model/summary.js';
import type { Scenario } from '../../scenarios/schema.js';
import { ruleDurations, rulePolicy } from '../../scenarios/rule-settings.js';
import { checkTimelineFile } from '../../checker/index.js';
import { plural } from '../../plural.js';

/** Runs `iesim run` with its parsed flags; returns the exit code. */
export async function runScenario(args: any): Promise<number> {
  const loaded = loadForCli(args.scenario, args.set, args.seed, args.warmup || undefined);
  const timeline = timelineOption(args.timeline);
  const plan = replicationPlan(args);
  const trace = traceForCli(loaded);
  // Bad usage is refused before anything runs or is written.
  if (args.check && Object.keys(loaded.scenario.expect ?? {}).length === 0) throw new UserError(`${loaded.file}: --check needs an expect: block in the scenario`);
  const out = args.out ?? join('out', loaded.name);
  const many = plan.replications > 1 || plan.targetCi !== undefined;
  const bar = progressBar(many ? `iesim ${loaded.name}: replication 0` : `iesim ${loaded.name}`, args.quiet);
  const started = performance.now();
  let summary: RunSummary;
  let note = '';
  let aggregated: Record<string, unknown> | null = null;
  let targetMissed = false;
  let violations: number | null = null;
  let written: number | null = null;
  // The bar follows the simulation, then each later phase (checking, the other replications, the report).
  // Replications finish in the background meanwhile: their count shows while the bar is theirs.
  let repsDone = 1;
  let repsShown = false;
  // With --target-ci the total is not known in advance: the bar then never claims to be done.
  const showReps = () => bar.update(plan.targetCi === undefined ? repsDone / plan.replications : Math.min(0.99, repsDone / Math.max(plan.replications, repsDone + 1)), repsDone);
  const others = many ? startReplications(loaded.scenario, loaded.name, trace, plan, (n) => { repsDone = n; if (repsShown) showReps(); }) : null;
  const reading = (read: number, size: number) => bar.update(read / Math.max(1, size), megabytes(read));
  try {
    summary = await runToFolder(loaded, {
      out, timeline, timelineText: args.timeline, trace,
      onProgress: (f, jobs) => bar.update(f, jobs),
      finishing: async (dir, first) => {
        // The timeline checks itself: checks.json, and the count for `expect: violations`.
        if (timeline.kind !== 'off') {
          bar.phase(`iesim ${loaded.name}: checking events.csv`, 'MB');
          ({ violations, rows: written } = await writeChecks(dir, loaded.scenario, first.horizon, reading));
        }
        if (!others) return;
        bar.phase(`iesim ${loaded.name}: replications`, 'done');
        repsShown = true;
        showReps();
        const outcome = await others(first);
        note = outcome.note;
        targetMissed = outcome.targetMet === false;
        aggregated = aggregateSummaries(outcome.summaries);
        writeFileSync(join(dir, 'summary.json'), `${JSON.stringify({ ...aggregated, replicationNote: note }, jsonSafe, 2)}\n`);
        const header = ['replication', ...HEADLINE_KPIS.map((k) => k.key)];
        const lines = outcome.summaries.map((s, i) => [i, ...Object.values(kpiValues(s)).map((v) => (Number.isFinite(v) ? +v.toFixed(6) : ''))].join(','));
        writeFileSync(join(dir, 'replications.csv'), `${header.join(',')}\n${lines.join('\n')}\n`);
        return { replications: outcome.summaries.length };
      },
      reporting: args.report ? async (dir) => {
        // Loaded on use: the chart libraries cost start-up time that KPI-only runs should not pay.
        const { writeReport } = await import('../../report/index.js');
        bar.phase(`iesim ${loaded.name}: report`, 'MB');
        // (A run's own timeline is always read whole; a warning here would be a bug worth seeing.)
        for (const w of (await writeReport(dir, { quiet: true, onRead: reading })).warnings) process.stderr.write(`iesim: warning: ${w}\n`);
      } : undefined,
    });
  } finally {
    bar.stop();
  }
  const seconds = (performance.now() - started) / 1000;
  report(loaded.name, summary, aggregated, note, seconds, out, timelineRows(summary, args.timeline, written));
  let failed: ExpectationResult[] = [];
  if (args.check) {
    const results = evaluateExpectations(loaded.scenario.expect!, summary, aggregated, violations);
    for (const r of results) process.stdout.write(`  ${r.message}\n`);
    failed = results.filter((r) => !r.ok);
  }
  if (targetMissed) process.stderr.write(`iesim: ${note}\n`);
  return failed.length > 0 ? 1 : 0;
}

/** Checks the run's own timeline against the rules (with the scenario's durations) into checks.json; returns the violation count and the rows checked. */
async function writeChecks(dir: string, scenario: Scenario, horizon: string, onRead: ReadProgress): Promise<{ violations: number; rows: number }> {
  const result = await checkTimelineFile(join(dir, 'events.csv'), { durations: ruleDurations(scenario), policy: rulePolicy(scenario), until: horizon }, onRead);
  const total = Object.values(result.byRule).reduce((a, b) => a + b, 0);
  writeFileSync(join(dir, 'checks.json'), `${JSON.stringify({ rows: result.rows, total, byRule: result.byRule, violations: result.violations }, null, 2)}\n`);
  if (total > 0) process.stderr.write(`iesim: the rule checker found ${plural(total, 'violation')} in ${join(dir, 'events.csv')} (see checks.json)\n`);
  return { violations: total, rows: result.rows };
}

/**
 * The timeline part of the summary line: the model's rows (summary.json's
 * timelineRows, the same whatever --timeline says) and, when not every row
 * goes to events.csv, how many did.
 */
function timelineRows(s: RunSummary, mode: string, written: number | null): string {
  if (mode === 'off') return `${s.timelineRows} timeline rows (timeline off: none written)`;
  if (mode !== 'full' && written !== null) return `${s.timelineRows} timeline rows (${mode}: ${written} written)`;
  return `${s.timelineRows} timeline rows`;
}

function report(name: string, s: RunSummary, aggregated: Record<string, unknown> | null, note: string, seconds: number, out: string, rows: string): void {
  const k = s.kpis;
  const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '-');
  let text = `${name}: ${plural(s.jobs.created, 'job')}, ${plural(s.events, 'event')}, ${rows} in ${seconds.toFixed(2)} s\n`;
  if (aggregated) {
    const h = (aggregated as { headline: Record<string, { mean: number; halfWidth: number }> }).headline;
    const ci = (key: string) => `${fmt(h[key].mean)} ± ${fmt(h[key].halfWidth)}`;
    text += `  ${note}: turnaround p95 ${ci('turnaround.p95')} d; throughput ${ci('throughputPerDay')} jobs/day (95% CI)\n`;
  } else {
    text += `  turnaround p50 ${fmt(k.turnaroundDays.p50)} d, p95 ${fmt(k.turnaroundDays.p95)} d; copy utilization ${(k.copyUtilization * 100).toFixed(0)}%; throughput ${fmt(k.throughputPerDay)} jobs/day\n`;
  }
  process.stdout.write(`${text}  outputs in ${out}/\n`);
}
