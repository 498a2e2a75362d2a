/**
 * `iesim check TIMELINE.csv [--json] [--until ISO]`: checks a timeline against
 * every lifecycle rule. Exit 0 clean, 1 any violation, 2 unreadable input.
 * The file and terminal work happens here; the checking is src/checker's.
 */
import { basename } from 'node:path';
import type { Command } from './command.js';
import { megabytes, progressBar } from '../progress.js';
import { UserError } from '../errors.js';
import { checkTimelineFile, TimelineFormatError, type CheckOptions, type CheckResult, type Violation } from '../../checker/index.js';
import type { RuleDurations, RulePolicy } from '../../spec/rules.js';
import { parseInstant } from '../../sim/time.js';
import { plural } from '../../plural.js';

/** Where a command writes: the terminal by default, a buffer in tests. */
export interface CommandOutput {
  out(text: string): void;
  err(text: string): void;
}

export const processOutput: CommandOutput = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};

export interface CheckArgs {
  timeline: string;
  json?: boolean;
  until?: string;
  /** No progress bar (it shows only when stdout and stderr are terminals anyway). */
  quiet?: boolean;
  /** 1 or 2 threads; by default (undefined) two for a large file on a machine with two cores or more. */
  threads?: 1 | 2;
}

/**
 * The checker's options from a scenario's rule durations (ms) and policies.
 * `--scenario S` (to be wired) loads the scenario and passes its parts here,
 * so the check uses the same durations as the run that wrote the timeline.
 */
export function checkOptionsFromDurations(durations?: Partial<RuleDurations>, policy?: Partial<RulePolicy>, until?: string): CheckOptions {
  return {
    ...(durations ? { durations: { ...durations } } : {}),
    ...(policy ? { policy: { ...policy } } : {}),
    ...(until !== undefined ? { until } : {}),
  };
}

/** Turns a failure to read the timeline into the user's error (exit 2); anything else is a bug and passes through. */
export function readError(path: string, err: unknown): unknown {
  if (err instanceof TimelineFormatError) return new UserError(`${path}: ${err.message}`);
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return new UserError(`${path}: no such file`);
  if (code === 'EISDIR') return new UserError(`${path}: is a folder, not a timeline file`);
  if (code === 'EACCES' || code === 'EPERM') return new UserError(`${path}: permission denied`);
  if (typeof code === 'string') return new UserError(`${path}: cannot be read (${code})`);
  return err;
}

export function formatViolation(v: Violation): string {
  return `${v.rule} ${v.entity} ${v.id} at ${v.time}: ${v.message}${v.line !== undefined ? ` [line ${v.line}]` : ''}`;
}

/** `checked 1,234 rows: 3 violations (R-FINISH 2, R-RETENTION 1)`, or `…: no violations`. */
export function summaryLine(path: string, r: CheckResult): string {
  const counts = Object.entries(r.byRule).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const total = counts.reduce((s, [, n]) => s + n, 0);
  const rows = `${path}: ${plural(r.rows, 'row', true)}`;
  if (total === 0) return `${rows}, no violations`;
  const shown = total > r.violations.length ? ` (the first ${r.violations.length.toLocaleString('en-US')} listed)` : '';
  return `${rows}, ${plural(total, 'violation', true)}${shown}: ${counts.map(([k, n]) => `${k} ${n}`).join(', ')}`;
}

export async function runCheck(args: CheckArgs, io: CommandOutput = processOutput, base: CheckOptions = {}): Promise<number> {
  if (args.until !== undefined) {
    try {
      parseInstant(args.until);
    } catch (err) {
      throw new UserError(`--until: ${(err as Error).message}`);
    }
  }
  let result: CheckResult;
  const bar = progressBar(`iesim check ${basename(args.timeline)}`, args.quiet ?? false, 'MB');
  try {
    result = await checkTimelineFile(args.timeline, { ...base, ...(args.until !== undefined ? { until: args.until } : {}) },
      (read, size) => bar.update(read / Math.max(1, size), megabytes(read)), args.threads);
  } catch (err) {
    throw readError(args.timeline, err);
  } finally {
    bar.stop();
  }
  const total = Object.values(result.byRule).reduce((s, n) => s + n, 0);
  if (args.json) {
    // One object per line inside the array: valid JSON that still greps and diffs well.
    const items = result.violations.map((v) => JSON.stringify({ rule: v.rule, entity: v.entity, id: v.id, job: v.job, time: v.time, message: v.message, ...(v.line !== undefined ? { line: v.line } : {}) }));
    io.out(items.length ? `[\n${items.join(',\n')}\n]\n` : '[]\n');
    io.err(`${summaryLine(args.timeline, result)}\n`);
  } else {
    let text = '';
    for (const v of result.violations) text += `${formatViolation(v)}\n`;
    io.out(`${text}${summaryLine(args.timeline, result)}\n`);
  }
  return total > 0 ? 1 : 0;
}

export const checkCommand: Command = {
  command: 'check <timeline>',
  describe: 'Check a timeline (events.csv, format v1) against every lifecycle rule; exit 1 if any is violated',
  builder: (y) =>
    y.positional('timeline', { type: 'string', describe: 'timeline CSV file' })
      .option('json', { type: 'boolean', default: false, describe: 'print the violations as a JSON array (sorted by time, then id)' })
      .option('until', { type: 'string', describe: 'ISO instant where the timeline ends (default: its last row); timers due by then must have fired' })
      .option('scenario', { type: 'string', describe: 'take rule durations and policies from this scenario file (default: the spec\'s)' })
      .option('set', { type: 'string', array: true, default: [] as string[], describe: 'overrides for --scenario (path=value)' })
      .option('quiet', { type: 'boolean', default: false, alias: 'q', describe: 'no progress bar on stderr' })
      .option('threads', { type: 'string', choices: ['auto', '1', '2'], default: 'auto', describe: 'threads checking the file: auto is two for files of 64 MB or more when the machine has two cores or more (the same result either way; two cost more CPU and win only when a core is free)' })
      .example('$0 check out/default/events.csv', 'one line per violation, then a summary')
      .example('$0 check events.csv --json > violations.json', 'machine-readable')
      .example('$0 check out/fast/events.csv --scenario scenarios/fast.yaml', 'with the durations that run used'),
  handler: async (args) => {
    let base: CheckOptions = {};
    if (args.scenario !== undefined) {
      // The scenario schema loads only for --scenario (option-flags.ts says why).
      const [{ loadForCli }, { ruleDurations, rulePolicy }] = await Promise.all([import('../options.js'), import('../../scenarios/rule-settings.js')]);
      const { scenario } = loadForCli(args.scenario as string, args.set as string[]);
      base = checkOptionsFromDurations(ruleDurations(scenario), rulePolicy(scenario));
    }
    return runCheck({ timeline: args.timeline as string, json: args.json as boolean, until: args.until as string | undefined, quiet: args.quiet as boolean, threads: threadsOption(args.threads as string) }, processOutput, base);
  },
};

/** --threads: `auto` leaves the choice to checkTimelineFile. */
function threadsOption(value: string): 1 | 2 | undefined {
  return value === '1' ? 1 : value === '2' ? 2 : undefined;
}
