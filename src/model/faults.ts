/** R-FAULT on a job: it faults when Received, before its copies start, and returns to Received once resolved. */
import type { Job } from './entities.js';
import type { World } from './world.js';
import { requestContact } from './operations.js';
import { startCopies } from './copy.js';

/** Draws whether the job faults now; true when it did (its copies then wait for the resolution). */
export function maybeFaultJob(w: World, job: Job): boolean {
  const f = w.scenario.faults;
  if (!w.chance(f.job, w.streams.faults)) return false;
  w.setJobState(job, 'Faulted', 'R-FAULT');
  job.faults++;
  requestContact(w, w.kpis.counts(job), () => {
    w.emitJob(job, 'contact', '', '', 'R-FAULT');
    job.escalations++;
    const resolution = w.samplers.faultResolution.sample(w.streams.faults);
    const unresolved = w.chance(f.unresolved, w.streams.faults);
    w.sim.after(resolution, () => {
      if (unresolved) job.errors = true;
      w.setJobState(job, 'Received', 'R-FAULT', unresolved ? 'fault=unresolved' : '');
      startCopies(w, job);
    });
  });
  return true;
}
