/**
 * The headline KPIs: what planners compare across replications, variants and
 * sweeps, and what --target-ci drives to precision. Each reads one number
 * from a run's summary.
 */
import type { RunSummary } from '../model/summary.js';

export interface Kpi {
  key: string;
  label: string;
  unit: string;
  get: (s: RunSummary) => number;
}

export const HEADLINE_KPIS: readonly Kpi[] = [
  { key: 'turnaround.p50', label: 'turnaround p50', unit: 'days', get: (s) => s.kpis.turnaroundDays.p50 },
  { key: 'turnaround.p95', label: 'turnaround p95', unit: 'days', get: (s) => s.kpis.turnaroundDays.p95 },
  { key: 'turnaround.mean', label: 'turnaround mean', unit: 'days', get: (s) => s.kpis.turnaroundDays.mean },
  { key: 'throughputPerDay', label: 'throughput', unit: 'jobs/day', get: (s) => s.kpis.throughputPerDay },
  { key: 'copyUtilization', label: 'copy-station utilization', unit: 'fraction', get: (s) => s.kpis.copyUtilization },
  { key: 'copyWait.mean', label: 'copy wait mean', unit: 'days', get: (s) => s.kpis.copyWaitDays.mean },
  { key: 'opsUtilization', label: 'operator utilization', unit: 'fraction', get: (s) => s.kpis.opsUtilization },
  { key: 'drivesOnSite.mean', label: 'drives on site (mean)', unit: 'drives', get: (s) => s.kpis.drivesOnSiteMean },
  { key: 'closedShare', label: 'jobs Closed (share of finished)', unit: 'fraction', get: (s) => (s.jobs.finished > 0 ? s.jobs.closed / s.jobs.finished : NaN) },
];

export const KPI_BY_KEY: ReadonlyMap<string, Kpi> = new Map(HEADLINE_KPIS.map((k) => [k.key, k]));
