/** Options shared by the commands that run scenarios, and their parsing into model inputs. */
import type { Argv } from 'yargs';
import { parseTimelineMode, type TimelineMode } from '../model/sink.js';
import { UserError } from './errors.js';
import { ScenarioError } from '../scenarios/errors.js';
import { loadScenario, type LoadedScenario } from '../scenarios/read.js';

export function scenarioOptions<T>(y: Argv<T>) {
  return y
    .option('seed', { type: 'string', describe: 'master seed (overrides the scenario\'s)' })
    .option('set', { type: 'string', array: true, default: [] as string[], describe: 'override a field: path=value (repeatable), e.g. --set datacenter.copyStations=12' })
    .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'no progress or chatter on stderr' });
}

/** Loads a scenario, turning scenario problems into a user error (exit 2). */
export function loadForCli(file: string, sets: string[], seed?: string): LoadedScenario {
  try {
    const all = seed === undefined ? sets : [...sets, `seed=${JSON.stringify(/^-?\d+$/.test(seed) ? Number(seed) : seed)}`];
    return loadScenario(file, all);
  } catch (err) {
    if (err instanceof ScenarioError) throw new UserError(err.message);
    throw err;
  }
}

export function timelineOption(text: string): TimelineMode {
  const mode = parseTimelineMode(text);
  if (!mode) throw new UserError(`--timeline: expected full, off or sample:N (N jobs), got "${text}"`);
  return mode;
}
