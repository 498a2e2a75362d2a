/**
 * Chart 6, rule firings: how often each rule fired per week of the run (a
 * heat map, one row per rule ID, log colour scale so rare escalations show
 * next to the thousands of routine R-FINISH firings), with each rule's total
 * beside it. A firing is a group of timeline rows citing the rule for one job
 * (or one drive of no job) at one instant: R-FINISH's ship, drive and job
 * rows count once. Timeouts, escalations, destructions and refusals each show
 * under their rule ID; tooltips give the rule's title and kind.
 * Reads: RuleFiringsData (events.csv `time`, `rule`, `job`/`id`; see assemble.ts).
 */
import { RULE_IDS } from '../../spec/index.js';
import type { RuleFiringsData } from '../types.js';
import { baseConfig, bucketPhrase, CHART_WIDTH, messageChart, ruleKind, ruleTitle, type TopLevelSpec } from './common.js';

const DAY = 86_400_000;

export function ruleFiringsChart(data: RuleFiringsData | null): TopLevelSpec {
  const title = 'Rule firings';
  const counts = (data?.counts ?? []).filter((c) => c.count > 0);
  if (!data || counts.length === 0) return messageChart(title, undefined, ['No timeline row cites a rule: no rule fired.']);
  const known = RULE_IDS as readonly string[];
  const rules = [...new Set(counts.map((c) => c.rule))].sort((a, b) => {
    const ia = known.indexOf(a), ib = known.indexOf(b);
    return (ia < 0 ? 1e9 : ia) - (ib < 0 ? 1e9 : ib) || (a < b ? -1 : a > b ? 1 : 0);
  });
  const span = data.bucketDays * DAY;
  // Cells stay small (rule, bucket start in epoch ms, count); the page derives the rest.
  const cells = counts.map((c) => ({ rule: c.rule, s: c.start, count: c.count }));
  const totalsMap = new Map<string, number>();
  for (const c of counts) totalsMap.set(c.rule, (totalsMap.get(c.rule) ?? 0) + c.count);
  const totals = rules.map((r) => ({ rule: r, ruleTitle: ruleTitle(r) || '(not in the rule registry)', kind: ruleKind(r) || '?', total: totalsMap.get(r) ?? 0 }));
  const y = { field: 'rule', type: 'nominal', sort: rules, title: 'rule ID', axis: { labelFontSize: 10, labelLimit: 200 } };
  const per = bucketPhrase(data.bucketDays);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: title, subtitle: [`Firings ${per} for each rule ID (colour, log scale), and in total.`, 'A firing: the rows citing the rule for one job (or drive of no job) at one instant.'] },
    config: baseConfig(),
    hconcat: [
      {
        width: CHART_WIDTH - 400,
        height: Math.max(60, rules.length * 18),
        data: { values: cells },
        transform: [
          { calculate: `datum.s + ${span}`, as: 'e' },
          { calculate: `utcFormat(datum.s, '%Y-%m-%d') + ' to ' + utcFormat(datum.e - ${DAY}, '%Y-%m-%d')`, as: 'period' },
          { lookup: 'rule', from: { data: { values: totals }, key: 'rule', fields: ['ruleTitle', 'kind'] } },
          { calculate: `datum.rule + ': ' + datum.count + ' firings, ' + datum.period + ' UTC'`, as: 'desc' },
        ],
        mark: { type: 'rect', stroke: 'white', strokeWidth: 0.3 },
        encoding: {
          y,
          x: { field: 's', type: 'temporal', scale: { type: 'utc' }, title: `${per.replace('per ', '')} (UTC)`, axis: { format: '%Y-%m-%d', labelOverlap: true, labelAngle: 0 } },
          x2: { field: 'e' },
          description: { field: 'desc' },
          color: {
            field: 'count', type: 'quantitative', title: ['firings', per], scale: { type: 'log', scheme: 'yelloworangered' },
            legend: { orient: 'right', gradientLength: 120 },
          },
          tooltip: [
            { field: 'rule', title: 'rule' },
            { field: 'ruleTitle', title: 'title' },
            { field: 'kind', title: 'kind' },
            { field: 'period', title: 'period (UTC)' },
            { field: 'count', title: 'firings', type: 'quantitative' },
          ],
        },
      },
      {
        width: 140,
        height: Math.max(60, rules.length * 18),
        data: { values: totals },
        layer: [
          {
            mark: { type: 'bar', color: '#9ecae1' },
            encoding: {
              y: { ...y, axis: null },
              x: { field: 'total', type: 'quantitative', title: 'total firings', scale: { type: 'symlog' }, axis: { tickCount: 3, labelOverlap: true } },
              tooltip: [
                { field: 'rule', title: 'rule' },
                { field: 'ruleTitle', title: 'title' },
                { field: 'kind', title: 'kind' },
                { field: 'total', title: 'total firings', type: 'quantitative' },
              ],
            },
          },
          {
            mark: { type: 'text', align: 'left', dx: 3, fontSize: 10, color: '#333' },
            encoding: {
              y: { ...y, axis: null },
              x: { field: 'total', type: 'quantitative', title: 'total firings', scale: { type: 'symlog' } },
              text: { field: 'total', type: 'quantitative' },
            },
          },
        ],
      },
    ],
    resolve: { scale: { y: 'shared', color: 'independent' } },
  } as unknown as TopLevelSpec;
}
