/**
 * The scenario schema: the one place that defines every parameter of a run,
 * with its default, unit and doc. `iesim schema` prints it as JSON Schema.
 * Durations are strings with a unit ("14d") and come out in ms; sizes may be
 * "2TB"; distributions are `{dist: …}` objects (see src/sim/distributions.ts).
 */
import { z } from 'zod';
import { JOB_STATES } from '../spec/states.js';
import { DEFAULT_POLICY } from '../spec/rules.js';
import { calendar, count, distribution, duration, positive, probability } from './fields.js';

const OFFICE = { days: [1, 2, 3, 4, 5], hours: [8, 17] as [number, number], holidays: [] };
const jobState = z.enum(JOB_STATES);
const DELETABLE_STATES = ['Creating', 'Completed', 'Closed'] as const;

const arrivals = z
  .object({
    ratePerDay: positive(30, 'mean new jobs per day (Poisson), before multipliers', 'jobs/day'),
    weekdayMultipliers: z.array(z.number().min(0)).length(7).default([0.2, 1, 1, 1, 1, 1, 0.3])
      .meta({ description: 'rate multiplier per weekday, Sunday first' }),
    monthMultipliers: z.array(z.number().min(0)).length(12).default([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1])
      .meta({ description: 'rate multiplier per calendar month, January first' }),
    peaks: z.array(z.object({
      from: z.string().meta({ description: 'first day of the peak (ISO date)' }),
      to: z.string().meta({ description: 'day after the peak (ISO date)' }),
      multiplier: z.number().min(0).meta({ description: 'extra rate multiplier inside the window' }),
    }).strict()).default([]).meta({ description: 'windows with a higher (or lower) arrival rate' }),
    trace: z.string().optional().meta({ description: 'CSV of real job creations (columns: time,type,drives[,bytes]); replaces the Poisson arrivals' }),
    exportFraction: probability(0.25, 'share of new jobs that are export jobs'),
    importDrives: distribution('number', { dist: 'discrete', values: [1, 2, 3, 4, 5, 6, 8, 10], weights: [30, 20, 15, 10, 8, 7, 6, 4] }, 'drives listed on an import job (at most 10)'),
    exportDrives: distribution('number', { dist: 'discrete', values: [1, 2, 3, 4], weights: [50, 25, 15, 10] }, 'drives an export job needs'),
    bytesPerDrive: distribution('bytes', { dist: 'lognormal', median: '1.5TB', p90: '6TB' }, 'data per drive (import: on the drive; export: to write)'),
    maxImportDrives: count(10, 'an import job lists at most this many drives', 1),
  })
  .strict();

const customer = z
  .object({
    neverShips: probability(0.04, 'never sets Shipping nor ships: R-CREATING-EXPIRE deletes the job'),
    updatesWhileCreating: distribution('number', { dist: 'discrete', values: [0, 1, 2, 3], weights: [70, 20, 7, 3] }, 'Update Job Properties calls while Creating (each restarts the expiry timer, R-CREATING-RESET)'),
    updateGap: distribution('duration', { dist: 'exponential', mean: '4d' }, 'time between Creating-state updates'),
    shipDelay: distribution('duration', { dist: 'lognormal', median: '2d', p90: '6d' }, 'Put Job → the customer asks for Shipping (after any updates)'),
    missingDeliveryPackage: probability(0.03, 'first Shipping request lacks DeliveryPackage (R-SHIP-REQUIRES refusal)'),
    missingReturnAddress: probability(0.03, 'first Shipping request lacks ReturnAddress (R-SHIP-REQUIRES refusal)'),
    fixesRefusal: probability(0.8, 'after a refusal, the customer sets the missing field and asks again'),
    fixDelay: distribution('duration', { dist: 'lognormal', median: '1d', p90: '5d' }, 'refusal → the fixing update'),
    shipsBeforeShippingState: probability(0.03, 'ships the package before setting Shipping (R-EARLY-ARRIVAL)'),
    packageToCarrier: distribution('duration', { dist: 'lognormal', median: '12h', p90: '2d' }, 'Shipping set → package handed to the carrier'),
    cancels: probability(0.04, 'asks to cancel at some point (R-CANCEL; refused in states not allowed)'),
    cancelDelay: distribution('duration', { dist: 'lognormal', median: '6d', p90: '20d' }, 'Put Job → cancel request'),
    deletesWhileCreating: probability(0.02, 'deletes the job while it is still Creating (R-DELETE)'),
    deleteDelay: distribution('duration', { dist: 'exponential', mean: '3d' }, 'Put Job → delete while Creating'),
    deletesAfterFinish: probability(0.2, 'deletes the job after it finished (allowed in Completed, refused in Closed)'),
    deleteAfterFinishDelay: distribution('duration', { dist: 'exponential', mean: '20d' }, 'finish → delete'),
    deleteAttemptWhileShipping: probability(0.01, 'tries to delete while Shipping (refused by R-DELETE)'),
    reachable: probability(0.9, 'answers when operations contact them'),
    replyDelay: distribution('duration', { dist: 'lognormal', median: '2d', p90: '9d' }, 'contact → answer (when reachable)'),
    cancelOnOverdue: probability(0.3, 'answering an overdue contact, the customer cancels (else operations extend the wait), R-SHIP-RESOLVE'),
    reexportAfterDamage: probability(0.5, 'after a damaged export return, creates a new export job (R-RETURN-LOST)'),
  })
  .strict();

const carrier = z
  .object({
    transit: distribution('duration', { dist: 'lognormal', median: '3d', p90: '6d' }, 'package handed over → delivered to the dock'),
    lostPackage: probability(0.01, 'an inbound package is never delivered'),
    delayedPackage: probability(0.01, 'an inbound package is delayed past the overdue alert'),
    delay: distribution('duration', { dist: 'uniform', min: '10d', max: '40d' }, 'extra transit of a delayed package'),
    missingDrive: probability(0.01, 'per listed drive: missing from its package (R-NEVER-RECEIVED)'),
    missingDriveFollows: probability(0.6, 'a missing drive arrives later in its own package (R-LATE-DRIVE)'),
    followDelay: distribution('duration', { dist: 'lognormal', median: '7d', p90: '20d' }, 'first delivery → a missing drive\'s later delivery'),
    extraDrive: probability(0.01, 'per package: holds a drive not on the job\'s list (R-EXTRA-DRIVE)'),
    orphanDrive: probability(0.004, 'per package: holds a drive of no job (R-ORPHAN-DRIVE)'),
    noJobPackagesPerDay: z.number().min(0).default(0.03).meta({ description: 'packages of no job at all per day (R-EARLY-ARRIVAL Undefined)', unit: 'packages/day' }),
    returnTransit: distribution('duration', { dist: 'lognormal', median: '3d', p90: '6d' }, 'return shipment → delivered to the customer'),
    returnLost: probability(0.01, 'export: return package lost (R-RETURN-LOST)'),
    returnDamaged: probability(0.01, 'export: return package arrives damaged (R-RETURN-LOST)'),
  })
  .strict();

const datacenter = z
  .object({
    dockCalendar: calendar(OFFICE, 'when the dock processes packages'),
    dockDelay: distribution('days', { dist: 'uniform', min: 1, max: 3 }, 'delivery → drives processed, in business days of the dock calendar'),
    copyStations: count(10, 'copy stations (capacity)', 1),
    copyCalendar: calendar({ days: [0, 1, 2, 3, 4, 5, 6], hours: [0, 24] }, 'when copy stations run'),
    copyThroughput: distribution('bytes', { dist: 'lognormal', median: '150MB', p90: '250MB' }, 'bytes per second of one copy', true, true),
    copyOverhead: distribution('duration', { dist: 'uniform', min: '15m', max: '1h' }, 'setup time per copy'),
    copyOutcome: z.object({
      info: probability(0.06, 'finished with informational messages (e.g. blobs overwritten)'),
      warnings: probability(0.05, 'finished with warnings'),
      errors: probability(0.03, 'finished with errors (an error for R-FINISH)'),
    }).strict().prefault({}).meta({ description: 'copy outcomes other than Completed (CompletedMoreInfo)' }),
    packagingDelay: distribution('days', { dist: 'uniform', min: 0.5, max: 2 }, 'Packaging → return shipment, in business days of the dock calendar'),
    badReturnAddress: probability(0.01, 'the return address is wrong or missing (R-BAD-RETURN-ADDRESS)'),
    incompleteBlobList: probability(0.05, 'export: some blobs did not fit (incompleteBlobListUri)'),
  })
  .strict();

const operations = z
  .object({
    operators: count(2, 'operators (capacity)', 1),
    calendar: calendar(OFFICE, 'when operators work'),
    contactEffort: distribution('duration', { dist: 'uniform', min: '10m', max: '40m' }, 'working time per customer contact'),
  })
  .strict();

const faults = z
  .object({
    drive: probability(0.01, 'per copy: the drive faults while Transferring (R-FAULT)'),
    job: probability(0.005, 'per job: the job faults when Received, before copying (R-FAULT)'),
    resolution: distribution('duration', { dist: 'lognormal', median: '2d', p90: '7d' }, 'Faulted → resolved'),
    unresolved: probability(0.2, 'a fault cannot be resolved (an error for R-FINISH)'),
  })
  .strict();

const rules = z
  .object({
    creatingExpiry: duration('14d', 'R-CREATING-EXPIRE: Creating with no Update this long → deleted'),
    shippingOverdue: duration('14d', 'R-SHIP-OVERDUE: Shipping this long without the drives → alert'),
    neverReceived: duration('14d', 'R-NEVER-RECEIVED: Shipping this long without the package → drives NeverReceived'),
    noResponseClose: duration('30d', 'R-SHIP-NORESPONSE: no answer this long after the contact → Closed'),
    earlyReturn: duration('14d', 'R-EARLY-RETURN: early drives\' customer not reached this long after arrival → return'),
    earlyDestroy: duration('90d', 'R-EARLY-DESTROY: early drives not returnable → destroyed this long after arrival'),
    badAddressDestroy: duration('90d', 'R-BAD-RETURN-ADDRESS: customer not reached → drives destroyed this long after the contact'),
    retention: duration('90d', 'R-RETENTION: Completed or Closed this long → record deleted'),
    overdueExtension: distribution('duration', { dist: 'uniform', min: '7d', max: '21d' }, 'R-SHIP-RESOLVE: how long operations extend the wait for a missing package (model decision)'),
    earlyReturnable: probability(0.7, 'R-EARLY-RETURN: an early drive can be returned (else R-EARLY-DESTROY)'),
    cancelAllowedIn: z.array(jobState).default([...DEFAULT_POLICY.cancelAllowedIn]).meta({ description: 'R-CANCEL: states that accept a cancel (later service versions: [Creating, Shipping], then [Creating])' }),
    // Not every state: the spec's table deletes a job only from Creating, Completed or Closed. A job deleted in
    // another state would have a copy, a package or its return still under way, which the model cannot end.
    deleteAllowedIn: z.array(z.enum(DELETABLE_STATES)).default([...DEFAULT_POLICY.deleteAllowedIn] as (typeof DELETABLE_STATES)[number][])
      .meta({ description: 'R-DELETE: states that accept a delete (of Creating, Completed, Closed: the spec deletes a job from no other state)' }),
  })
  .strict();

const getJob = z
  .object({
    diagnosticsPath: z.string().default('waimportexport').meta({ description: 'container of the drive logs' }),
    logLevel: z.enum(['Error', 'Verbose']).default('Error').meta({ description: 'Error: error logs only; Verbose: also verbose logs' }),
    storageAccount: z.string().default('https://account.blob.core.windows.net').meta({ description: 'blob endpoint used in log URIs' }),
  })
  .strict();

export const scenarioSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9._-]+$/, 'expected letters, digits, dot, dash or underscore').optional()
      .meta({ description: 'name of the run (output folder); defaults to the file name' }),
    description: z.string().default('').meta({ description: 'which question this scenario answers' }),
    extends: z.string().optional().meta({ description: 'a scenario file this one overrides (relative path)' }),
    seed: z.union([z.number().int(), z.string().min(1, 'expected a whole number or a non-empty text')]).default(1).meta({ description: 'master seed of the random streams' }),
    start: z.string({ error: 'expected an ISO 8601 date or instant such as 2026-01-01' }).default('2026-01-01T00:00:00Z').meta({ description: 'calendar start (ISO 8601)' }),
    horizon: z.string({ error: 'expected a duration such as 365d or an ISO date after start' }).default('365d').meta({ description: 'end of the run: a duration after start (365d) or an ISO date' }),
    warmup: duration('0d', 'statistics ignore jobs created before start + warmup', 0),
    arrivals: arrivals.prefault({}),
    customer: customer.prefault({}),
    carrier: carrier.prefault({}),
    datacenter: datacenter.prefault({}),
    operations: operations.prefault({}),
    faults: faults.prefault({}),
    rules: rules.prefault({}),
    getJob: getJob.prefault({}),
    expect: z.record(z.string(), z.unknown()).optional().meta({ description: 'expectations checked by iesim run --check: violations, headline KPIs or summary paths, each a number or {min, max}' }),
    sweep: z.record(z.string(), z.array(z.union([z.string(), z.number()])).min(1)).optional()
      .meta({ description: 'iesim sweep: field paths with the values to try, e.g. {datacenter.copyStations: [8, 10, 12]}' }),
  })
  .strict();

/** A scenario as written (before defaults). */
export type ScenarioInput = z.input<typeof scenarioSchema>;
/** A scenario with every default filled in and every unit converted (ms, bytes). */
export type Scenario = z.output<typeof scenarioSchema>;
