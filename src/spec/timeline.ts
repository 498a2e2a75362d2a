/**
 * Timeline CSV format v1 (../shared/spec/lifecycle.md): the contract between
 * the simulator, which writes it, and the checker, which reads it. The eight
 * required columns come first, in this order; iesim adds two.
 */
export const REQUIRED_COLUMNS = ['time', 'kind', 'entity', 'id', 'job', 'from', 'to', 'rule'] as const;
/** Extra columns iesim writes: the package a ship/arrive row concerns, and key=value details. */
export const EXTRA_COLUMNS = ['package', 'detail'] as const;
export const TIMELINE_COLUMNS = [...REQUIRED_COLUMNS, ...EXTRA_COLUMNS] as const;

/** The spec's event kinds, then iesim's additions (`deliver`, `lost`). */
export const EVENT_KINDS = [
  'state', 'put', 'update', 'cancel', 'ship', 'arrive', 'alert', 'contact', 'reply', 'extend',
  'return', 'destroy', 'delete', 'refuse',
  'deliver', // a return package reached the customer (iesim)
  'lost', // a return package was lost or arrived damaged, R-RETURN-LOST (iesim)
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export type Entity = 'job' | 'drive';

export interface TimelineRow {
  /** ISO 8601 UTC with milliseconds. */
  time: string;
  kind: EventKind;
  entity: Entity;
  id: string;
  /** The owning job's ID; for a job row the same as id; empty for a drive of no job. */
  job: string;
  from: string;
  to: string;
  rule: string;
  package: string;
  /** `key=value` pairs joined by `;` (e.g. `missing=ReturnAddress`, `until=2026-…Z`). */
  detail: string;
}

/** Parses a detail field into a map. */
export function parseDetail(detail: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!detail) return out;
  for (const part of detail.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out.set(part.slice(0, eq), part.slice(eq + 1));
    else if (part) out.set(part, '');
  }
  return out;
}
