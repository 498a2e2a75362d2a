/** The parsing of the scenario commands' options into model inputs (the flags themselves: option-flags.ts). */
import { parseTimelineMode, type TimelineMode } from '../model/sink.js';
import { UserError } from './errors.js';
import { ScenarioError } from '../scenarios/errors.js';
import { loadScenario, type LoadedScenario } from '../scenarios/read.js';
import { readTrace } from '../scenarios/read-trace.js';
import { inRun, type TraceJob } from '../model/arrivals.js';
import { horizonMs } from '../model/world.js';
import { parseInstant } from '../sim/time.js';
import type { ReplicationPlan } from '../experiments/replicate.js';

/**
 * Loads a scenario, turning scenario problems into a user error (exit 2).
 * `seed` and `warmup` are the --seed and --warmup flags: they go in as
 * --set overrides, and a problem with them names the flag.
 */
export function loadForCli(file: string, sets: string[], seed?: string, warmup?: string): LoadedScenario {
  const all = [...sets];
  if (warmup !== undefined) all.push(`warmup=${warmup}`);
  if (seed !== undefined) all.push(`seed=${JSON.stringify(/^-?\d+$/.test(seed) ? Number(seed) : seed)}`);
  try {
    return loadScenario(file, all);
  } catch (err) {
    if (!(err instanceof ScenarioError)) throw err;
    let message = err.message;
    if (seed !== undefined) message = message.replaceAll(': --set seed: ', ': --seed: ');
    if (warmup !== undefined) message = message.replaceAll(': --set warmup: ', ': --warmup: ');
    throw new UserError(message);
  }
}

export function timelineOption(text: string): TimelineMode {
  const mode = parseTimelineMode(text);
  if (!mode) throw new UserError(`--timeline: expected full, off or sample:N (N jobs), got "${text}"`);
  return mode;
}

/** Reads the scenario's arrival trace, if it names one. */
export function traceForCli(loaded: LoadedScenario): TraceJob[] | undefined {
  const file = loaded.scenario.arrivals.trace;
  if (!file) return undefined;
  let trace: TraceJob[];
  try {
    trace = readTrace(loaded.file, file, loaded.scenario.start, loaded.scenario.arrivals.maxImportDrives);
  } catch (err) {
    if (err instanceof ScenarioError) throw new UserError(err.message);
    throw err;
  }
  const outside = traceOutsideRun(trace, loaded);
  if (outside) process.stderr.write(`iesim: warning: ${loaded.file}: arrivals.trace: ${outside}\n`);
  return trace;
}

/** What of a trace the run leaves out (rows before its start or from its end on), or null: a trace cut by the horizon is easy to miss. */
export function traceOutsideRun(trace: readonly TraceJob[], loaded: LoadedScenario): string | null {
  const startMs = parseInstant(loaded.scenario.start);
  const horizon = horizonMs(loaded.scenario.horizon, startMs);
  const outside = trace.filter((t) => !inRun(t, horizon));
  if (outside.length === 0) return null;
  const before = outside.filter((t) => t.time < 0).length;
  const after = outside.length - before;
  const iso = (ms: number) => new Date(startMs + ms).toISOString();
  const parts = [before > 0 ? `${before} before its start` : '', after > 0 ? `${after} at or after its end` : ''].filter(Boolean).join(' and ');
  return `${outside.length} of ${trace.length} ${trace.length === 1 ? 'job is' : 'jobs are'} outside the run (${iso(0)} to ${iso(horizon)}), ${parts}, and not simulated`;
}

export function replicationPlan(args: { replications: number; workers: number; targetCi?: string; maxReplications: number }): ReplicationPlan {
  if (!(Number.isInteger(args.replications) && args.replications >= 1)) throw new UserError(`--replications: expected a whole number >= 1, got ${args.replications}`);
  if (!(Number.isInteger(args.workers) && args.workers >= 1)) throw new UserError(`--workers: expected a whole number >= 1, got ${args.workers}`);
  if (!(Number.isInteger(args.maxReplications) && args.maxReplications >= 2)) throw new UserError(`--max-replications: expected a whole number >= 2, got ${args.maxReplications}`);
  let targetCi: number | undefined;
  if (args.targetCi !== undefined) {
    const m = /^(\d+(?:\.\d+)?)%$/.exec(args.targetCi);
    targetCi = m ? Number(m[1]) / 100 : NaN;
    if (!(targetCi > 0 && targetCi < 1)) throw new UserError(`--target-ci: expected a percentage such as 5%, got "${args.targetCi}"`);
  }
  const replications = targetCi !== undefined ? Math.max(args.replications, 3) : args.replications;
  return { replications, workers: args.workers, targetCi, maxReplications: Math.max(args.maxReplications, replications) };
}
