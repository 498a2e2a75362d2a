/**
 * The report page, as a string, without I/O: one self-contained HTML file
 * (vega, vega-lite and vega-embed inlined, no network) with the KPIs and
 * their confidence intervals, the rule-check table, every chart (interactive,
 * tooltips), the scenario and the manifest. Deterministic: the same inputs
 * give the same bytes (no clock, no random IDs).
 *
 * The page records console errors, warnings and uncaught errors in
 * `#page-log` (shown when not empty), and marks each chart's container with
 * `data-rendered="ok"` or `"error"` and the body with `data-charts="done"`
 * when all are drawn: readers see what went wrong, and the browser test reads
 * the same marks.
 */
import { RULE_BY_ID, type RuleId } from '../spec/index.js';
import type { ChartEntry } from './charts/index.js';
import { MAX_VIOLATIONS_LISTED } from './limits.js';
import type { ReportData, SweepRow } from './types.js';
import { plural } from '../plural.js';

export interface Libraries {
  vega: string;
  vegaLite: string;
  vegaEmbed: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Makes a script's text safe inside <script>…</script>. */
export function scriptSafe(js: string): string {
  return js
    .replace(/<\/(script)/gi, '<\\/$1')
    .replace(/<!--/g, '<\\!--')
    .replace(/^\/\/# sourceMappingURL=.*$/gm, '');
}

/** JSON for a <script type="application/json"> block. */
function jsonSafe(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

// ---------------------------------------------------------------- numbers

interface CI { mean: number | null; sd?: number | null; halfWidth?: number | null; n?: number | null }

function isCI(x: unknown): x is CI {
  return !!x && typeof x === 'object' && 'mean' in x && 'halfWidth' in x && !('count' in x);
}

function isTally(x: unknown): x is Record<string, unknown> {
  return !!x && typeof x === 'object' && 'count' in x && 'mean' in x && ('p50' in x || 'p95' in x);
}

/** A number for display: integers as they are, others with 1 to 3 decimals by size. */
export function fmtNum(x: unknown, percent = false): string {
  if (typeof x !== 'number' || !Number.isFinite(x)) return '–';
  if (percent) return `${(x * 100).toFixed(1)} %`;
  if (Number.isInteger(x)) return String(x);
  const a = Math.abs(x);
  if (a >= 100) return x.toFixed(1);
  if (a >= 1) return x.toFixed(2);
  if (a >= 0.001) return x.toFixed(3);
  return x.toExponential(2);
}

/** A KPI value: a number, or a replicated {mean, sd, halfWidth, n} shown as mean ± half-width. */
function fmtValue(v: unknown, percent = false): string {
  if (isCI(v)) {
    const hw = typeof v.halfWidth === 'number' && Number.isFinite(v.halfWidth) ? v.halfWidth : null;
    const n = typeof v.n === 'number' ? v.n : null;
    const tip = `95% confidence interval of the mean over ${n ?? '?'} replications${typeof v.sd === 'number' ? `; sd ${fmtNum(v.sd, percent)}` : ''}`;
    const main = fmtNum(v.mean, percent);
    return hw !== null
      ? `<span class="ci" title="${esc(tip)}">${esc(main)} <span class="hw">± ${esc(fmtNum(hw, percent))}</span></span>`
      : `<span class="ci" title="${esc(tip)}">${esc(main)}${n !== null ? ` <span class="hw">(n=${n})</span>` : ''}</span>`;
  }
  if (typeof v === 'number') return esc(fmtNum(v, percent));
  if (v === null || v === undefined) return '–';
  if (typeof v === 'string' || typeof v === 'boolean') return esc(String(v));
  return `<code>${esc(JSON.stringify(v))}</code>`;
}

const KPI_LABELS: Record<string, string> = {
  throughputPerDay: 'throughput (jobs finished per day)',
  turnaroundDays: 'turnaround (days)',
  turnaroundImportDays: 'turnaround, import jobs (days)',
  turnaroundExportDays: 'turnaround, export jobs (days)',
  timeInStateDays: 'time in state (days)',
  copyWaitDays: 'wait for a copy station (days)',
  opsWaitDays: 'wait for an operator (days)',
  copyUtilization: 'copy station utilization',
  opsUtilization: 'operator utilization',
  copyQueueMean: 'copy queue (mean drives waiting)',
  opsQueueMean: 'operations queue (mean tasks waiting)',
  drivesOnSiteMean: 'drives on site (mean)',
  drivesOnSitePeak: 'drives on site (peak)',
  backlogAtHorizon: 'backlog at the horizon (open jobs)',
};

const isPercentKpi = (name: string) => /utilization/i.test(name);

const TALLY_COLUMNS = ['count', 'mean', 'sd', 'min', 'p50', 'p90', 'p95', 'p99', 'max'];

function kpiTables(kpis: Record<string, unknown>): string {
  const scalars: string[] = [];
  const tallies: string[] = [];
  const visit = (name: string, label: string, v: unknown) => {
    if (isTally(v)) {
      tallies.push(`<tr><th scope="row">${esc(label)}</th>${TALLY_COLUMNS.map((c) => `<td>${fmtValue(v[c])}</td>`).join('')}</tr>`);
    } else if (v && typeof v === 'object' && !isCI(v)) {
      for (const [k, sub] of Object.entries(v as Record<string, unknown>)) visit(`${name}.${k}`, `${label}: ${k}`, sub);
    } else {
      scalars.push(`<tr><th scope="row">${esc(label)}</th><td>${fmtValue(v, isPercentKpi(name))}</td><td class="key"><code>${esc(name)}</code></td></tr>`);
    }
  };
  for (const [k, v] of Object.entries(kpis)) visit(k, KPI_LABELS[k] ?? k, v);
  let html = '';
  if (scalars.length) {
    html += `<table class="kpis"><thead><tr><th>KPI</th><th>value</th><th>key in summary.json</th></tr></thead><tbody>${scalars.join('')}</tbody></table>`;
  }
  if (tallies.length) {
    html += `<h3>Distributions</h3><div class="scroll"><table class="kpis tally"><thead><tr><th>quantity</th>${TALLY_COLUMNS.map((c) => `<th>${c}</th>`).join('')}</tr></thead><tbody>${tallies.join('')}</tbody></table></div>`;
  }
  return html || '<p class="note">summary.json has no KPIs.</p>';
}

function countTable(title: string, obj: unknown): string {
  if (!obj || typeof obj !== 'object') return '';
  const rows = Object.entries(obj as Record<string, unknown>).map(([k, v]) => `<tr><th scope="row">${esc(k)}</th><td>${fmtValue(v)}</td></tr>`);
  return rows.length ? `<table class="counts"><caption>${esc(title)}</caption><tbody>${rows.join('')}</tbody></table>` : '';
}

function ruleCountTable(rules: unknown): string {
  if (!rules || typeof rules !== 'object') return '';
  const rows = Object.entries(rules as Record<string, unknown>).map(([id, v]) => {
    const def = RULE_BY_ID.get(id as RuleId);
    return `<tr><th scope="row"><code>${esc(id)}</code></th><td>${esc(def?.title ?? '')}</td><td>${fmtValue(v)}</td></tr>`;
  });
  if (!rows.length) return '';
  return `<h3>Rule counts (summary.json)</h3><table class="rules"><thead><tr><th>rule</th><th>title</th><th>count</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** A sweep's KPIs: one row per variant, one column per KPI, mean ± half-width (sweep.csv). */
function sweepKpiSection(rows: SweepRow[]): string {
  const kpis = [...new Set(rows.map((r) => r.kpi))];
  const variants = [...new Set(rows.map((r) => r.variant))];
  const cell = new Map(rows.map((r) => [`${r.variant}\u0000${r.kpi}`, r]));
  const body = variants.map((v) => `<tr><th scope="row">${esc(v)}</th>${kpis.map((k) => {
    const r = cell.get(`${v}\u0000${k}`);
    return `<td>${r ? fmtValue({ mean: r.mean, halfWidth: Number.isFinite(r.halfWidth) ? r.halfWidth : null, n: r.n }, isPercentKpi(k)) : '–'}</td>`;
  }).join('')}</tr>`).join('');
  return `<section id="kpis"><h2>KPIs by variant</h2><p class="note">From sweep.csv: the mean of each KPI over replications ± the half-width of its 95% confidence interval.</p>
<div class="scroll"><table class="kpis tally"><thead><tr><th>variant</th>${kpis.map((k) => `<th>${esc(k)}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table></div></section>`;
}

function summarySection(data: ReportData): string {
  const s = data.summary;
  if (!s) {
    if (data.sweep && data.sweep.length) return sweepKpiSection(data.sweep);
    return '<section id="kpis"><h2>KPIs</h2><p class="note">Not available: this folder has no summary.json.</p></section>';
  }
  const kpis = s.kpis && typeof s.kpis === 'object' ? (s.kpis as Record<string, unknown>) : {};
  const repsField = s.replications ?? data.manifest?.replications;
  const reps = typeof repsField === 'number' ? repsField : null;
  const ciNote = reps && reps > 1
    ? `<p class="note">${reps} replications: each value is the mean ± the half-width of its 95% confidence interval (Student t); hover a value for n and sd.</p>`
    : '<p class="note">One replication: values without confidence intervals.</p>';
  return `<section id="kpis"><h2>KPIs</h2>${ciNote}${kpiTables(kpis)}
<div class="side-by-side">${countTable('jobs', s.jobs)}${countTable('drives', s.drives)}</div>
${ruleCountTable(s.rules)}</section>`;
}

function checksSection(data: ReportData): string {
  const c = data.checks;
  if (!c) return '<section id="checks"><h2>Rule checks</h2><p class="note">Not available: this folder has no checks.json (the rule checker did not run).</p></section>';
  const rowsText = c.rows != null ? `${c.rows} timeline rows checked. ` : '';
  const all = Object.entries(c.byRule);
  const entries = all.filter(([, n]) => n > 0).sort(([a, na], [b, nb]) => nb - na || (a < b ? -1 : 1));
  const clean = all.filter(([, n]) => n === 0).map(([id]) => id);
  const verdict = c.total === 0
    ? `<p class="verdict ok">${esc(rowsText)}No violations: every rule holds.</p>`
    : `<p class="verdict bad">${esc(rowsText)}${plural(c.total, 'violation')}.</p>`;
  const byRule = entries.length
    ? `<table class="rules"><thead><tr><th>rule</th><th>title</th><th>violations</th></tr></thead><tbody>${entries
        .map(([id, n]) => `<tr class="${n > 0 ? 'bad' : ''}"><th scope="row"><code>${esc(id)}</code></th><td>${esc(RULE_BY_ID.get(id as RuleId)?.title ?? '')}</td><td>${n}</td></tr>`)
        .join('')}</tbody></table>`
    : '';
  const held = clean.length
    ? `<p class="note">${entries.length ? 'Rules without violations' : 'Rules checked'}: ${clean.map((id) => `<code title="${esc(RULE_BY_ID.get(id as RuleId)?.title ?? '')}">${esc(id)}</code>`).join(', ')}.</p>`
    : '';
  const list = c.violations.length
    ? `<h3>Violations${c.total > c.violations.length ? ` (the first ${c.violations.length} of ${c.total})` : ''}</h3>
<div class="scroll"><table class="violations"><thead><tr><th>rule</th><th>entity</th><th>id</th><th>job</th><th>time (UTC)</th><th>message</th></tr></thead><tbody>${c.violations
        .slice(0, MAX_VIOLATIONS_LISTED)
        .map((v) => `<tr><td><code title="${esc(RULE_BY_ID.get(v.rule as RuleId)?.title ?? '')}">${esc(v.rule)}</code></td><td>${esc(v.entity)}</td><td>${esc(v.id)}</td><td>${esc(v.job)}</td><td>${esc(v.time)}</td><td>${esc(v.message)}</td></tr>`)
        .join('')}</tbody></table></div>`
    : '';
  return `<section id="checks"><h2>Rule checks</h2>${verdict}${byRule}${held}${list}</section>`;
}

function chartSection(charts: ChartEntry[]): string {
  const missing = charts.filter((c) => !c.spec);
  const figs = charts.filter((c) => c.spec).map((c) => {
    const links = ['svg', 'png', 'vl.json'].map((ext) => `<a href="charts/${esc(c.name)}.${ext}">${ext === 'vl.json' ? 'vega-lite spec' : ext.toUpperCase()}</a>`).join(' · ');
    return `<figure class="chart-figure" id="fig-${esc(c.name)}"><h3>${esc(c.title)}</h3><p class="caption">${esc(c.caption)}</p><div class="chart" id="chart-${esc(c.name)}" data-chart="${esc(c.name)}"></div><figcaption>${links}</figcaption></figure>`;
  });
  const notes = missing.length
    ? `<div class="unavailable" id="charts-unavailable"><p><strong>Not available for this folder:</strong></p><ul>${missing
        .map((c) => `<li id="fig-${esc(c.name)}">${esc(c.title)}: ${esc(c.note.replace(/^Not available: /, ''))}</li>`).join('')}</ul></div>`
    : '';
  const intro = figs.length
    ? '<p class="note">Hover marks for details (rule IDs, values). Static copies of each chart are in <code>charts/</code>.</p>'
    : '';
  return `<section id="charts"><h2>Charts</h2>${intro}${figs.join('\n')}${notes}</section>`;
}

function jsonBlock(value: unknown): string {
  return `<pre class="json">${esc(JSON.stringify(value, null, 2))}</pre>`;
}

function scenarioSection(data: ReportData): string {
  const sc = data.manifest?.scenario;
  const body = sc === undefined || typeof sc === 'string'
    ? '<p class="note">Not available: manifest.json is missing or has no <code>scenario</code>.</p>'
    : jsonBlock(sc);
  return `<section id="scenario"><h2>Scenario</h2>${body}</section>`;
}

function manifestSection(data: ReportData): string {
  if (!data.manifest) return '<section id="manifest"><h2>Manifest</h2><p class="note">Not available: this folder has no manifest.json.</p></section>';
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data.manifest)) if (k !== 'scenario') rest[k] = v;
  return `<section id="manifest"><h2>Manifest</h2><p class="note">Version, seed, scenario hash and the hashes of the output files (the scenario itself is shown above).</p><details open><summary>manifest.json</summary>${jsonBlock(rest)}</details></section>`;
}

function scenarioName(data: ReportData): string {
  const fromSummary = data.summary?.scenario;
  if (typeof fromSummary === 'string' && fromSummary) return fromSummary;
  const m = data.manifest ?? {};
  if (typeof m.scenarioName === 'string' && m.scenarioName) return m.scenarioName;
  if (typeof m.scenario === 'string' && m.scenario) return m.scenario;
  const sc = m.scenario as Record<string, unknown> | undefined;
  if (sc && typeof sc === 'object' && typeof sc.name === 'string') return sc.name;
  return '';
}

function runFacts(data: ReportData): string {
  const s = data.summary ?? {};
  const m = data.manifest ?? {};
  const facts: [string, unknown][] = [
    ['scenario', scenarioName(data) || undefined],
    ['seed', s.seed ?? m.seed],
    ['replications', s.replications ?? m.replications],
    ['start', s.start],
    ['horizon', s.horizon],
    ['warm-up', s.warmup],
    ['timeline rows', data.eventRows ?? s.timelineRows],
    ['variants', Array.isArray(m.variants) ? m.variants.length : m.variants],
    ['iesim version', m.iesim ?? m.version],
  ];
  const items = facts.filter(([, v]) => v !== undefined && v !== null && v !== '').map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${esc(typeof v === 'object' ? JSON.stringify(v) : String(v))}</dd></div>`);
  return items.length ? `<dl class="facts">${items.join('')}</dl>` : '';
}

const CSS = `
:root{--fg:#222;--muted:#666;--line:#ddd;--bad:#b30000;--ok:#1b7a2e}
*{box-sizing:border-box}
body{font-family:"DejaVu Sans",Verdana,Arial,sans-serif;color:var(--fg);margin:0;background:#fafafa;line-height:1.45;font-size:14px}
main{max-width:1000px;margin:0 auto;padding:16px 24px 48px;background:#fff;min-height:100vh}
h1{font-size:24px;margin:8px 0 4px}h2{font-size:19px;border-bottom:2px solid var(--line);padding-bottom:4px;margin-top:36px}h3{font-size:15px;margin:20px 0 6px}
nav{font-size:13px;margin:8px 0 0}nav a{margin-right:12px}
.facts{display:flex;flex-wrap:wrap;gap:4px 24px;margin:8px 0;font-size:13px}.facts div{display:flex;gap:6px}.facts dt{color:var(--muted)}.facts dd{margin:0;font-weight:bold}
table{border-collapse:collapse;margin:8px 0;font-size:13px}th,td{border-bottom:1px solid var(--line);padding:3px 10px;text-align:left;vertical-align:top}
thead th{background:#f0f0f0}td{font-variant-numeric:tabular-nums}table.tally td{text-align:right;white-space:nowrap}table.tally{font-size:12px}
.scroll{overflow-x:auto}td code,th code{white-space:nowrap}
td.key code{color:var(--muted);font-size:12px}caption{text-align:left;font-weight:bold;padding:4px 0}
.side-by-side{display:flex;gap:32px;flex-wrap:wrap;align-items:flex-start}
.hw{color:var(--muted)}.note{color:var(--muted);font-size:13px}
.verdict{font-weight:bold;font-size:15px}.verdict.ok{color:var(--ok)}.verdict.bad{color:var(--bad)}tr.bad td{color:var(--bad)}
table.violations{font-size:12px;width:100%}
.chart-figure{margin:24px 0 32px;padding:0}.caption{margin:0 0 8px;color:var(--muted)}.chart{overflow-x:auto;min-height:40px}
figcaption{font-size:12px;color:var(--muted)}.unavailable{border:1px dashed var(--line);padding:4px 16px;background:#fcfcfc;color:var(--muted);font-size:13px}
pre.json{background:#f6f6f6;border:1px solid var(--line);padding:10px;font-size:12px;overflow:auto;max-height:480px}
#page-log{color:var(--bad);white-space:pre-wrap;border:1px solid var(--bad);padding:8px}
#vg-tooltip-element{font-family:"DejaVu Sans",Verdana,Arial,sans-serif;font-size:12px}
`;

/** Records console errors and warnings and uncaught errors into #page-log. Runs before the libraries. */
const LOG_SCRIPT = `(function(){
var log=[];window.__iesimLog=log;
function show(){var el=document.getElementById('page-log');if(el&&log.length){el.textContent=log.join('\\n');el.hidden=false;}}
function rec(level,args){try{log.push(level+': '+Array.prototype.map.call(args,function(a){return a&&a.message?a.message:String(a);}).join(' '));show();}catch(e){}}
var oe=console.error,ow=console.warn;
console.error=function(){rec('error',arguments);return oe.apply(console,arguments);};
console.warn=function(){rec('warning',arguments);return ow.apply(console,arguments);};
window.addEventListener('error',function(e){rec('uncaught error',[e.message+(e.filename?' ('+e.filename+':'+e.lineno+')':'')]);});
window.addEventListener('unhandledrejection',function(e){rec('unhandled rejection',[e.reason]);});
document.addEventListener('DOMContentLoaded',show);
})();`;

/** Draws every chart with vega-embed (SVG renderer, tooltips on). */
const EMBED_SCRIPT = `(function(){
var specs=JSON.parse(document.getElementById('iesim-specs').textContent);
var names=Object.keys(specs);
Promise.all(names.map(function(name){
var el=document.getElementById('chart-'+name);
return vegaEmbed(el,specs[name],{renderer:'svg',actions:{export:true,source:false,compiled:false,editor:false},downloadFileName:name})
.then(function(){el.setAttribute('data-rendered','ok');})
.catch(function(err){el.setAttribute('data-rendered','error');el.textContent='This chart could not be drawn: '+(err&&err.message?err.message:err);console.error('chart '+name+': '+(err&&err.message?err.message:err));});
})).then(function(){document.body.setAttribute('data-charts','done');});
})();`;

export function buildPage(data: ReportData, charts: ChartEntry[], libs: Libraries): string {
  const name = scenarioName(data);
  const title = `iesim report${name ? `: ${name}` : ''}`;
  const specs: Record<string, unknown> = {};
  for (const c of charts) if (c.spec) specs[c.name] = c.spec;
  const nav = [['kpis', 'KPIs'], ['checks', 'Rule checks'], ...charts.filter((c) => c.spec).map((c) => [`fig-${c.name}`, c.title]), ['scenario', 'Scenario'], ['manifest', 'Manifest']]
    .map(([id, label]) => `<a href="#${esc(id)}">${esc(label)}</a>`).join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${CSS}</style>
<script>${LOG_SCRIPT}</script>
<script>${scriptSafe(libs.vega)}</script>
<script>${scriptSafe(libs.vegaLite)}</script>
<script>${scriptSafe(libs.vegaEmbed)}</script>
</head>
<body>
<main>
<header><h1>${esc(title)}</h1>${runFacts(data)}<nav>${nav}</nav></header>
<pre id="page-log" hidden></pre>
${summarySection(data)}
${checksSection(data)}
${chartSection(charts)}
${scenarioSection(data)}
${manifestSection(data)}
</main>
<script type="application/json" id="iesim-specs">${jsonSafe(specs)}</script>
<script>${EMBED_SCRIPT}</script>
</body>
</html>
`;
}
