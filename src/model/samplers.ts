/**
 * The scenario's distributions as samplers, found once per run: a handler
 * draws with `w.samplers.copyThroughput.sample(rng)`.
 *
 * Why not a lookup per draw (World.draw(spec, rng) before): finding the
 * sampler of a spec object in a WeakMap cost ~130 instructions an event,
 * about 2% of the model's work with its jobs in the caches (cachegrind,
 * docs/performance.md), and the one call site inside draw() called every
 * sampler, so V8 could not inline any. Here each handler's call site
 * calls one sampler.
 *
 * Samplers are still compiled once per spec object for the whole thread
 * (`compiled`): a sampler keeps nothing between draws (the stream is passed
 * in), so the runs of one scenario share them. Per run, each replication
 * made new sampler functions, and the handlers compiled for the last run's
 * were thrown away at their first draw (docs/performance.md, "Replications").
 * Compiling every distribution at the start draws nothing, so the streams
 * and every output are those of compiling at the first draw.
 */
import { makeDistribution, type Distribution, type DistributionSpec } from '../sim/distributions.js';
import type { Scenario } from '../scenarios/schema.js';

const compiled = new WeakMap<object, Distribution>();

function sampler(spec: DistributionSpec): Distribution {
  let d = compiled.get(spec);
  if (!d) {
    d = makeDistribution(spec);
    compiled.set(spec, d);
  }
  return d;
}

/** One field per distribution of the scenario, named as in the scenario file. */
export class Samplers {
  // arrivals
  readonly importDrives: Distribution; readonly exportDrives: Distribution; readonly bytesPerDrive: Distribution;
  // customer
  readonly updatesWhileCreating: Distribution; readonly updateGap: Distribution; readonly shipDelay: Distribution;
  readonly fixDelay: Distribution; readonly packageToCarrier: Distribution; readonly cancelDelay: Distribution;
  readonly deleteDelay: Distribution; readonly deleteAfterFinishDelay: Distribution; readonly replyDelay: Distribution;
  // carrier
  readonly transit: Distribution; readonly delay: Distribution; readonly followDelay: Distribution; readonly returnTransit: Distribution;
  // datacenter
  readonly dockDelay: Distribution; readonly copyThroughput: Distribution; readonly copyOverhead: Distribution;
  readonly packagingDelay: Distribution;
  // operations, faults, rules
  readonly contactEffort: Distribution; readonly faultResolution: Distribution; readonly overdueExtension: Distribution;

  constructor(s: Scenario) {
    const a = s.arrivals, c = s.customer, ca = s.carrier, dc = s.datacenter;
    this.importDrives = sampler(a.importDrives);
    this.exportDrives = sampler(a.exportDrives);
    this.bytesPerDrive = sampler(a.bytesPerDrive);
    this.updatesWhileCreating = sampler(c.updatesWhileCreating);
    this.updateGap = sampler(c.updateGap);
    this.shipDelay = sampler(c.shipDelay);
    this.fixDelay = sampler(c.fixDelay);
    this.packageToCarrier = sampler(c.packageToCarrier);
    this.cancelDelay = sampler(c.cancelDelay);
    this.deleteDelay = sampler(c.deleteDelay);
    this.deleteAfterFinishDelay = sampler(c.deleteAfterFinishDelay);
    this.replyDelay = sampler(c.replyDelay);
    this.transit = sampler(ca.transit);
    this.delay = sampler(ca.delay);
    this.followDelay = sampler(ca.followDelay);
    this.returnTransit = sampler(ca.returnTransit);
    this.dockDelay = sampler(dc.dockDelay);
    this.copyThroughput = sampler(dc.copyThroughput);
    this.copyOverhead = sampler(dc.copyOverhead);
    this.packagingDelay = sampler(dc.packagingDelay);
    this.contactEffort = sampler(s.operations.contactEffort);
    this.faultResolution = sampler(s.faults.resolution);
    this.overdueExtension = sampler(s.rules.overdueExtension);
  }
}
