/**
 * Runs one scenario into an output folder: the model in slices of a simulated
 * day, paused early when the CSV writers are full and drained between slices
 * (backpressure), then summary.json and manifest.json; the folder appears
 * only when complete.
 */
import { Model } from '../model/model.js';
import type { TimelineMode } from '../model/sink.js';
import type { RunSummary } from '../model/summary.js';
import type { TraceJob } from '../model/arrivals.js';
import type { LoadedScenario } from '../scenarios/read.js';
import { DAY, parseInstant } from '../sim/time.js';
import { AtomicDir } from './atomic-dir.js';
import { RunFiles } from './run-files.js';
import { canonicalHash, hashFiles, packageVersion, type Manifest } from './manifest.js';

export interface RunToFolderOptions {
  out: string;
  timeline: TimelineMode;
  timelineText: string;
  trace?: TraceJob[];
  /** Called after each simulated slice with the fraction done (0..1). */
  onProgress?: (fraction: number, jobs: number) => void;
  /**
   * Adds files before the folder is committed (other replications, checks,
   * report); may say how many replications summary.json now covers.
   */
  finishing?: (dir: string, summary: RunSummary) => Promise<{ replications?: number } | void>;
  /** Runs after manifest.json is written (the report shows the manifest), before the folder is committed. */
  reporting?: (dir: string) => Promise<void>;
}

export async function runToFolder(loaded: LoadedScenario, o: RunToFolderOptions): Promise<RunSummary> {
  const dir = new AtomicDir(o.out);
  let files: RunFiles | undefined;
  try {
    files = new RunFiles(dir.tmp, parseInstant(loaded.scenario.start), { timeline: o.timeline.kind !== 'off' });
    const model = new Model(loaded.scenario, files, { timeline: o.timeline, trace: o.trace, name: loaded.name });
    // Pause as soon as the writers are full, not at the end of the simulated day: a day of a large run is
    // dozens of batches (csv-pipeline.ts), and memory follows the batches in flight.
    files.onFull = () => model.pause();
    while (!model.done) {
      model.advance(model.now + DAY);
      if (files.needsDrain) await files.drain();
      o.onProgress?.(model.now / model.horizon, model.world.nextJob - 1);
    }
    // The records of the jobs still open go out in steps too, with a drain whenever the writers are full.
    const steps = model.finishing();
    let step = steps.next();
    for (; !step.done; step = steps.next()) await files.drain();
    const summary = step.value;
    const written = await files.close();
    dir.writeJson('summary.json', summary);
    const extra = o.finishing ? await o.finishing(dir.tmp, summary) : undefined;
    const manifest: Manifest = {
      iesim: packageVersion(),
      node: process.version,
      scenarioName: loaded.name,
      scenarioFile: loaded.file,
      scenarioHash: canonicalHash(loaded.scenario),
      seed: loaded.scenario.seed,
      replications: extra?.replications ?? 1,
      timeline: o.timelineText,
      scenario: loaded.scenario,
      files: await hashFiles(dir.tmp, [], written),
    };
    dir.writeJson('manifest.json', manifest);
    if (o.reporting) await o.reporting(dir.tmp);
    dir.commit();
    return summary;
  } catch (err) {
    await files?.abort();
    dir.abandon();
    throw err;
  }
}
