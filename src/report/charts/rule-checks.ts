/**
 * Chart 7, rule checks: the rule checker's violations per rule ID (bars),
 * tooltips with the rule's title and the first violation's message. With no
 * violation the chart says so in words: never an empty box.
 * Reads: ChecksData (checks.json `rows`, `byRule`, `violations`).
 */
import { RULE_IDS } from '../../spec/index.js';
import type { ChecksData } from '../types.js';
import { baseConfig, CHART_WIDTH, messageChart, ruleTitle, type TopLevelSpec } from './common.js';
import { plural } from '../../plural.js';

export function ruleChecksChart(data: ChecksData | null): TopLevelSpec {
  const title = 'Rule checks: violations by rule';
  if (!data) return messageChart(title, undefined, ['Not available: this folder has no checks.json.']);
  const entries = Object.entries(data.byRule).filter(([, n]) => n > 0);
  if (entries.length === 0) {
    const rows = data.rows != null ? `${data.rows} timeline rows checked` : 'the timeline was checked';
    return messageChart(title, undefined, [`No violations: ${rows} and every rule holds.`], 60);
  }
  const known = RULE_IDS as readonly string[];
  entries.sort(([a, na], [b, nb]) => nb - na || (known.indexOf(a) - known.indexOf(b)) || (a < b ? -1 : 1));
  const firstMessage = new Map<string, string>();
  for (const v of data.violations) if (!firstMessage.has(v.rule)) firstMessage.set(v.rule, `${v.id}${v.time ? ` at ${v.time}` : ''}: ${v.message}`);
  const values = entries.map(([rule, count]) => ({
    rule,
    ruleTitle: ruleTitle(rule) || '(not in the rule registry)',
    count,
    example: firstMessage.get(rule) ?? '(not in the listed violations)',
  }));
  const y = { field: 'rule', type: 'nominal', sort: entries.map(([r]) => r), title: 'rule ID', axis: { labelLimit: 220 } };
  const x = { field: 'count', type: 'quantitative', title: 'violations', axis: { tickMinStep: 1, format: 'd' } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: title,
      subtitle: `${plural(data.total, 'violation')}${data.rows != null ? ` in ${data.rows} timeline rows` : ''}; hover a bar for the rule and an example.`,
    },
    config: baseConfig(),
    width: CHART_WIDTH - 260,
    height: Math.max(40, entries.length * 24),
    data: { values },
    layer: [
      {
        mark: { type: 'bar', color: '#de2d26' },
        encoding: {
          y, x,
          tooltip: [
            { field: 'rule', title: 'rule' },
            { field: 'ruleTitle', title: 'title' },
            { field: 'count', title: 'violations', type: 'quantitative' },
            { field: 'example', title: 'first violation' },
          ],
        },
      },
      {
        mark: { type: 'text', align: 'left', dx: 4, fontSize: 11 },
        encoding: { y, x, text: { field: 'count', type: 'quantitative' } },
      },
    ],
  } as unknown as TopLevelSpec;
}
