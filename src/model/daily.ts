/** The daily sample behind timeseries.csv: state counts at 00:00 and the day's mean resource use. */
import { DAY } from '../sim/time.js';
import type { World } from './world.js';

export function startDailySamples(w: World): void {
  if (!w.sink.day) return;
  const last = { copyBusy: 0, copyQueue: 0, opsBusy: 0, opsQueue: 0 };
  const sample = () => {
    const now = w.sim.now;
    const read = {
      copyBusy: w.copy.busyStats.integral(now), copyQueue: w.copy.queueStats.integral(now),
      opsBusy: w.ops.busyStats.integral(now), opsQueue: w.ops.queueStats.integral(now),
    };
    const span = now === 0 ? 1 : DAY;
    w.sink.day!({
      time: now, jobs: w.jobsInState.slice(), drives: w.drivesInState.slice(), drivesOnSite: w.drivesOnSite,
      copyBusy: (read.copyBusy - last.copyBusy) / span, copyQueue: (read.copyQueue - last.copyQueue) / span,
      opsBusy: (read.opsBusy - last.opsBusy) / span, opsQueue: (read.opsQueue - last.opsQueue) / span,
      copyStations: w.copy.capacity, operators: w.ops.capacity,
    });
    Object.assign(last, read);
    // Runs after every other event of the instant (highest priority number), so counts are end-of-instant.
    if (now + DAY <= w.horizon) w.sim.at(now + DAY, sample, undefined, 1000);
  };
  w.sim.at(0, sample, undefined, 1000);
}
