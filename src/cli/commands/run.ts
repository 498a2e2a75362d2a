import { join } from 'node:path';
import type { Command } from './command.js';
import { loadForCli, scenarioOptions, timelineOption } from '../options.js';
import { progressBar } from '../progress.js';
import { runToFolder } from '../../output/run-to-folder.js';
import { DAY } from '../../sim/time.js';

export const runCommand: Command = {
  command: 'run [scenario]',
  describe: 'Simulate a scenario and write its outputs (events.csv, jobs.csv, drives.csv, timeseries.csv, summary.json, manifest.json)',
  builder: (y) =>
    scenarioOptions(y)
      .positional('scenario', { type: 'string', default: 'scenarios/default.yaml', describe: 'scenario file (YAML or JSON)' })
      .option('out', { type: 'string', describe: 'output folder (default: out/<scenario name>)' })
      .option('timeline', { type: 'string', default: 'full', describe: 'events.csv content: full, off, or sample:N (the first N jobs)' })
      .example('$0 run', 'run scenarios/default.yaml into out/default/')
      .example('$0 run scenarios/peak-season.yaml --seed 7 --out out/peak7', 'another scenario, seed and folder')
      .example('$0 run --set datacenter.copyStations=12 --timeline off', 'a variant, KPIs only'),
  handler: async (args) => {
    const loaded = loadForCli(args.scenario, args.set, args.seed);
    const timeline = timelineOption(args.timeline);
    const out = args.out ?? join('out', loaded.name);
    const bar = progressBar(`iesim ${loaded.name}`, args.quiet);
    const started = performance.now();
    let summary;
    try {
      summary = await runToFolder(loaded, { out, timeline, timelineText: args.timeline, onProgress: bar.update });
    } finally {
      bar.stop();
    }
    const seconds = (performance.now() - started) / 1000;
    const k = summary.kpis;
    const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '-');
    process.stdout.write(
      `${loaded.name}: ${summary.jobs.created} jobs, ${summary.events} events, ${summary.timelineRows} timeline rows in ${seconds.toFixed(2)} s\n` +
      `  turnaround p50 ${fmt(k.turnaroundDays.p50)} d, p95 ${fmt(k.turnaroundDays.p95)} d; copy utilization ${(k.copyUtilization * 100).toFixed(0)}%; ` +
      `throughput ${fmt(k.throughputPerDay)} jobs/day over ${fmt((Date.parse(summary.horizon) - Date.parse(summary.warmup)) / DAY)} d\n` +
      `  outputs in ${out}/\n`,
    );
    return 0;
  },
};
