/**
 * `iesim report DIR`: re-renders the charts (charts/*.vl.json, .svg, .png)
 * and report.html from the outputs already in DIR (a run or a sweep).
 */
import { stat } from 'node:fs/promises';
import type { Argv } from 'yargs';
import { DEFAULT_GANTT_JOBS, MAX_GANTT_JOBS } from '../../report/limits.js';
import { UserError } from '../errors.js';
import type { Command } from './command.js';
import { megabytes, progressBar } from '../progress.js';

export const reportCommand: Command = {
  command: 'report <dir>',
  describe: 'Re-render the charts and report.html from an existing output folder',
  builder: (y: Argv) =>
    y
      .positional('dir', { type: 'string', describe: 'output folder of a run or sweep, e.g. out/default', demandOption: true })
      .option('gantt-jobs', {
        type: 'number',
        default: DEFAULT_GANTT_JOBS,
        describe: `jobs on the timeline (Gantt) chart, every k-th by ID (1 to ${MAX_GANTT_JOBS})`,
      })
      .option('quiet', { type: 'boolean', default: false, alias: 'q', describe: 'print nothing but errors' })
      .example('$0 report out/default', 'redraw out/default/charts/ and out/default/report.html'),
  handler: async (args: { dir: string; ganttJobs: number; quiet: boolean }) => {
    const dir = String(args.dir);
    const n = args.ganttJobs;
    if (!Number.isInteger(n) || n < 1 || n > MAX_GANTT_JOBS) {
      throw new UserError(`--gantt-jobs must be a whole number from 1 to ${MAX_GANTT_JOBS}, got ${args.ganttJobs}`);
    }
    const s = await stat(dir).catch(() => null);
    if (!s) throw new UserError(`no such folder: ${dir}`);
    if (!s.isDirectory()) throw new UserError(`not a folder: ${dir} (give the output folder of a run, e.g. out/default)`);
    // Loaded on use: vega and its friends cost ~0.2 s of start-up that other commands should not pay.
    const { writeReport } = await import('../../report/index.js');
    const bar = progressBar('iesim report: reading events.csv', args.quiet, 'MB');
    let result;
    try {
      result = await writeReport(dir, { ganttJobs: n, quiet: true, onRead: (read, size) => bar.update(read / Math.max(1, size), megabytes(read)) });
    } finally {
      bar.stop();
    }
    for (const w of result.warnings) process.stderr.write(`iesim: warning: ${w}\n`);
    if (!args.quiet) {
      process.stdout.write(`${result.charts.length / 3} charts written to ${dir}/charts\n${result.html}\n`);
    }
    return 0;
  },
};
