/**
 * What every chart builder shares: the look (fonts, sizes, white background),
 * the state palette and rule titles read from src/spec (never copied), time
 * formatting in UTC, and the "nothing to show" chart that says so in words.
 * Everything here is pure.
 */
import type { TopLevelSpec } from 'vega-lite';
import { DRIVE_STATES, JOB_STATES, STATE_COLORS, RULE_BY_ID, JOB_STATE_DOCS, DRIVE_STATE_DOCS } from '../../spec/index.js';
import type { RuleId } from '../../spec/index.js';

export type { TopLevelSpec };

/** Width of a plot area in pixels; the page is about 960 px wide. */
export const CHART_WIDTH = 760;

/**
 * Fonts: DejaVu Sans first, so the PNG (resvg, which is given exactly the
 * DejaVu files) and the page look alike; generic fallbacks for browsers on
 * machines without DejaVu.
 */
export const FONT = 'DejaVu Sans, Verdana, Arial, sans-serif';

/** The config every chart carries. */
export function baseConfig(): Record<string, unknown> {
  return {
    font: FONT,
    background: 'white',
    padding: 8,
    title: { fontSize: 15, anchor: 'start', subtitleFontSize: 11, subtitleColor: '#555', offset: 10 },
    axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'bold', labelColor: '#333', titleColor: '#222' },
    legend: { labelFontSize: 11, titleFontSize: 12, symbolSize: 90 },
    header: { labelFontSize: 12, titleFontSize: 12 },
    view: { stroke: '#ddd' },
  };
}

/** Job states then the drive-only states, each once: the order of every state legend. */
export const ALL_STATES: readonly string[] = [...JOB_STATES, ...DRIVE_STATES.filter((s) => !(JOB_STATES as readonly string[]).includes(s))];

/** Colour scale for a state field, from the shared palette, in lifecycle order. */
export function stateColorScale(states: readonly string[]): { domain: string[]; range: string[] } {
  const palette = STATE_COLORS as Record<string, string>;
  return { domain: [...states], range: states.map((s) => palette[s] ?? '#999999') };
}

/** What a state means (spec's words), for tooltips. */
export function stateDoc(state: string, entity: 'job' | 'drive' = 'job'): string {
  const docs = (entity === 'job' ? JOB_STATE_DOCS : DRIVE_STATE_DOCS) as Record<string, string>;
  return docs[state] ?? (JOB_STATE_DOCS as Record<string, string>)[state] ?? (DRIVE_STATE_DOCS as Record<string, string>)[state] ?? '';
}

/** A rule's short title from the registry ('' for an unknown ID). */
export function ruleTitle(rule: string): string {
  return RULE_BY_ID.get(rule as RuleId)?.title ?? '';
}

/** A rule's kind from the registry (timer, escalation, …), '' for an unknown ID. */
export function ruleKind(rule: string): string {
  return RULE_BY_ID.get(rule as RuleId)?.kind ?? '';
}

/** "R-SHIP-OVERDUE: package overdue", or the ID alone when the registry does not know it. */
export function ruleLabel(rule: string): string {
  const t = ruleTitle(rule);
  return t ? `${rule}: ${t}` : rule;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Epoch ms as a full ISO instant (UTC). */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Epoch ms as `YYYY-MM-DD HH:MM` (UTC), for tooltips: never the reader's time zone. */
export function isoMinute(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** Epoch ms as `YYYY-MM-DD` (UTC). */
export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** A number rounded for display (tooltips, labels): at most `digits` decimals, no trailing zeros. */
export function round(x: number, digits = 2): number {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/**
 * A chart with no data marks, only words: used for "no violations", "not a
 * sweep" and empty inputs, so a reader never has to wonder whether an empty
 * box is a bug.
 */
export function messageChart(title: string, subtitle: string | undefined, lines: readonly string[], height = 70): TopLevelSpec {
  const values = lines.map((text, i) => ({ text, line: i }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: subtitle ? { text: title, subtitle } : { text: title },
    config: baseConfig(),
    width: CHART_WIDTH,
    height: Math.max(height, 24 * lines.length + 20),
    data: { values },
    mark: { type: 'text', fontSize: 15, align: 'center', baseline: 'middle', color: '#333' },
    encoding: {
      y: { field: 'line', type: 'ordinal', axis: null },
      text: { field: 'text', type: 'nominal' },
    },
  } as unknown as TopLevelSpec;
}

/** Rounds a time series bucket size to whole days, shown in subtitles. */
export function bucketPhrase(bucketDays: number): string {
  if (bucketDays <= 1) return 'per day';
  if (bucketDays === 7) return 'per week';
  return `per ${bucketDays}-day period`;
}
