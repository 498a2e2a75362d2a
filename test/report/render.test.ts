/**
 * Rendering and the page: writeReport on a fixture folder writes every chart
 * as .vl.json, .svg and .png (the PNG decodes, is not blank, and its text is
 * drawn: fonts are loaded), the SVGs carry their axis titles, the page is
 * self-contained and deterministic, missing inputs become notes, and
 * `iesim report` turns user mistakes into UserError.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportCommand } from '../../src/cli/commands/report.js';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { UserError } from '../../src/cli/errors.js';
import { CHART_NAMES, writeReport } from '../../src/report/index.js';
import { svgToPng } from '../../src/report/render.js';
import { writeFixture } from './fixture.js';
import { decodePng, decodePngFile, pixelStats } from './helpers.js';

const root = mkdtempSync(join(tmpdir(), 'iesim-render-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(root, `run-${++n}`);

/** Axis titles each chart's SVG must show (text marks of the axes). */
const AXIS_TITLES: Record<string, string[]> = {
  timelines: ['date (UTC)', 'job (type)'],
  occupancy: ['date (UTC)', 'jobs', 'drives'],
  capacity: ['date (UTC)', 'drives', 'percent busy'],
  'time-in-state': ['days per visit', 'job state'],
  turnaround: ['turnaround (days, delivery to return shipment)', 'share of finished jobs (cumulative)'],
  'rule-firings': ['rule ID', 'total firings'],
  'rule-checks': ['rule ID', 'violations'],
  sweep: ['copyStations', 'mean (95% CI)'],
};

/** The page without its inlined scripts (so a failed expectation prints something readable). */
const pageText = (path: string) => readFileSync(path, 'utf8').replace(/<script>[\s\S]*?<\/script>/g, '<script>…</script>');

const hashDir = (dir: string) => {
  const out: Record<string, string> = {};
  const visit = (d: string, rel: string) => {
    for (const f of readdirSync(d).sort()) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) visit(p, `${rel}${f}/`);
      else out[`${rel}${f}`] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  visit(dir, '');
  return out;
};

describe('writeReport on a full run (replications and a sweep)', () => {
  let dir: string;
  let result: { charts: string[]; html: string };
  beforeAll(async () => {
    dir = fresh();
    writeFixture(dir, { replicated: true, sweep: true });
    result = await writeReport(dir, { quiet: true });
  });

  it('writes .vl.json, .svg and .png for all eight charts, and no temporary files', () => {
    expect(result.html).toBe(join(dir, 'report.html'));
    expect(result.charts.length).toBe(CHART_NAMES.length * 3);
    for (const name of CHART_NAMES) {
      for (const ext of ['vl.json', 'svg', 'png']) expect(existsSync(join(dir, 'charts', `${name}.${ext}`)), `${name}.${ext}`).toBe(true);
    }
    expect(readdirSync(join(dir, 'charts')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('every SVG shows its axis titles; every PNG decodes, is not blank and has text drawn', () => {
    for (const name of CHART_NAMES) {
      const svg = readFileSync(join(dir, 'charts', `${name}.svg`), 'utf8');
      expect(svg.startsWith('<svg'), name).toBe(true);
      // vega's default date format is in the local time zone: none may reach the files
      expect(svg.match(/[A-Z][a-z]{2} \d{2}, \d{4}/)?.[0], `${name}: a local-time date`).toBeUndefined();
      for (const t of AXIS_TITLES[name]) expect(svg, `${name}: axis title "${t}"`).toContain(`>${t.replace(/&/g, '&amp;')}</text>`);
      const img = decodePngFile(join(dir, 'charts', `${name}.png`));
      const stats = pixelStats(img);
      expect(img.width, name).toBeGreaterThan(300);
      expect(img.height, name).toBeGreaterThan(100);
      expect(stats.variance, `${name}: pixel variance`).toBeGreaterThan(100);
      expect(stats.darkShare, `${name}: dark (text) pixels`).toBeGreaterThan(0.002);
      expect(stats.distinct, `${name}: colours`).toBeGreaterThan(20);
    }
  });

  it('the .vl.json files are the specs, with data inlined', () => {
    const spec = JSON.parse(readFileSync(join(dir, 'charts', 'timelines.vl.json'), 'utf8'));
    expect(spec.$schema).toMatch(/vega-lite/);
    expect(spec.layer[0].data.values.length).toBeGreaterThan(30);
  });

  it('the page is self-contained: libraries inlined, no network resources, specs embedded', () => {
    const html = readFileSync(result.html, 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(/<script[^>]+src=/i.test(html), 'a <script src>').toBe(false);
    expect(/<link[^>]+href=/i.test(html), 'a <link href>').toBe(false);
    expect(html.includes('sourceMappingURL'), 'a source map reference').toBe(false);
    expect(html.includes('vegaEmbed(')).toBe(true);
    for (const lib of ['vega', 'vega-lite', 'vega-embed']) {
      const min = readFileSync(join('node_modules', lib, 'build', `${lib}.min.js`), 'utf8').slice(0, 200);
      expect(html.includes(min), `${lib}.min.js inlined`).toBe(true);
    }
    const specs = JSON.parse(html.match(/<script type="application\/json" id="iesim-specs">([\s\S]*?)<\/script>/)![1]);
    expect(Object.keys(specs)).toEqual([...CHART_NAMES]);
    for (const name of CHART_NAMES) expect(html).toContain(`id="chart-${name}"`);
    expect(statSync(result.html).size).toBeLessThan(1_500_000);
  });

  it('the page shows KPIs with confidence intervals, the rule checks, the scenario and the manifest', () => {
    const html = pageText(result.html);
    expect(html).toContain('<title>iesim report: fixture</title>');
    expect(html).toMatch(/10 replications/);
    expect(html).toMatch(/copy station utilization<\/th><td><span class="ci"[^>]*>62\.0 % <span class="hw">± 3\.1 %<\/span>/);
    expect(html).toMatch(/turnaround \(days\)<\/th>(<td>.*?<\/td>){9}<\/tr>/);
    expect(html).toContain('1 violation.');
    expect(html).toContain('J-000011-D01');
    expect(html).toContain('R-DRIVE-TRANSITIONS');
    expect(html).toContain('&quot;copyStations&quot;: 3');
    expect(html).toContain('sha256:0000fixture');
  });

  it('is deterministic: re-rendering gives byte-identical files', async () => {
    const before = hashDir(dir);
    await writeReport(dir, { quiet: true });
    expect(hashDir(dir)).toEqual(before);
  });
});

describe('missing and empty inputs', () => {
  it('no checks.json, no timeseries.csv, no sweep: those charts are notes, their stale files removed', async () => {
    const dir = fresh();
    writeFixture(dir, { checks: false, timeseries: false });
    mkdirSync(join(dir, 'charts'));
    writeFileSync(join(dir, 'charts', 'occupancy.png'), 'stale');
    const r = await writeReport(dir, { quiet: true });
    const names = new Set(r.charts.map((p) => p.split('/').pop()!.split('.')[0]));
    expect([...names].sort()).toEqual(['rule-firings', 'time-in-state', 'timelines', 'turnaround']);
    expect(existsSync(join(dir, 'charts', 'occupancy.png'))).toBe(false);
    const html = pageText(r.html);
    expect(html).toContain('<li id="fig-occupancy">State occupancy: this folder has no timeseries.csv.</li>');
    expect(html).toContain('<li id="fig-capacity">Capacity: this folder has no timeseries.csv.</li>');
    expect(html).toContain('Not available: this folder has no checks.json');
    expect(html).toContain('<li id="fig-sweep">Sweep: this folder is not a sweep (no sweep.csv).</li>');
    expect(html).not.toContain('id="chart-occupancy"');
    expect(html).toContain('One replication');
  });

  it('a run with no violations says so in the chart and on the page', async () => {
    const dir = fresh();
    writeFixture(dir, { violation: false });
    const r = await writeReport(dir, { quiet: true });
    expect(readFileSync(join(dir, 'charts', 'rule-checks.svg'), 'utf8')).toContain('No violations');
    expect(pageText(r.html)).toContain('No violations: every rule holds.');
  });

  it('a folder with empty CSVs and a bare summary still gives a page, with charts that say why they are empty', async () => {
    const dir = fresh();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'events.csv'), 'time,kind,entity,id,job,from,to,rule,package,detail\n');
    writeFileSync(join(dir, 'jobs.csv'), 'job,type,drives,turnaround_days\n');
    writeFileSync(join(dir, 'summary.json'), '{"scenario":"empty","kpis":{}}');
    const r = await writeReport(dir, { quiet: true });
    expect(r.charts.length).toBe(4 * 3);
    expect(readFileSync(join(dir, 'charts', 'timelines.svg'), 'utf8')).toContain('No jobs in this run');
    expect(readFileSync(join(dir, 'charts', 'turnaround.svg'), 'utf8')).toContain('No job finished');
    expect(pageText(r.html)).toContain('Not available: this folder has no manifest.json.');
  });

  it('a folder that is missing, a file, empty, or holds bad JSON is a UserError', async () => {
    await expect(writeReport(join(root, 'nope'), { quiet: true })).rejects.toThrow(UserError);
    const file = join(root, 'a-file');
    writeFileSync(file, 'x');
    await expect(writeReport(file, { quiet: true })).rejects.toThrow(/not a folder/);
    const empty = fresh();
    mkdirSync(empty);
    await expect(writeReport(empty, { quiet: true })).rejects.toThrow(/holds no run outputs/);
    const bad = fresh();
    mkdirSync(bad);
    writeFileSync(join(bad, 'summary.json'), '{oops');
    await expect(writeReport(bad, { quiet: true })).rejects.toThrow(/summary\.json is not valid JSON/);
    const cols = fresh();
    mkdirSync(cols);
    writeFileSync(join(cols, 'events.csv'), 'time,kind,entity,id,job\n2026-03-01T00:00:00.000Z,put,job,J-1,J-1\n');
    await expect(writeReport(cols, { quiet: true })).rejects.toThrow(/events\.csv: no column to, rule/);
  });
});

describe('iesim report DIR', () => {
  it('is registered', () => {
    expect(COMMANDS).toContain(reportCommand);
    expect(reportCommand.command).toBe('report <dir>');
  });

  it('re-renders a folder, and reports a missing folder or a bad --gantt-jobs as UserError', async () => {
    const dir = fresh();
    writeFixture(dir);
    unlinkSync(join(dir, 'manifest.json'));
    const out: string[] = [];
    const write = process.stdout.write;
    process.stdout.write = ((s: string) => { out.push(s); return true; }) as typeof process.stdout.write;
    try {
      expect(await reportCommand.handler({ dir, ganttJobs: 10, quiet: false })).toBe(0);
    } finally {
      process.stdout.write = write;
    }
    expect(out.join('')).toContain(join(dir, 'report.html'));
    const gantt = JSON.parse(readFileSync(join(dir, 'charts', 'timelines.vl.json'), 'utf8'));
    expect(gantt.layer[0].encoding.y.sort.length).toBe(10);
    await expect(reportCommand.handler({ dir: join(root, 'missing'), ganttJobs: 40, quiet: true })).rejects.toThrow(UserError);
    await expect(reportCommand.handler({ dir, ganttJobs: 0, quiet: true })).rejects.toThrow(/--gantt-jobs/);
  });
});

describe('PNG text', () => {
  it('resvg draws text with the DejaVu fonts (text alone is not blank)', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><text x="5" y="28" font-family="DejaVu Sans, sans-serif" font-size="20">Hello 14 days</text></svg>';
    const { png } = svgToPng(svg);
    const s = pixelStats(decodePng(png));
    expect(s.darkShare).toBeGreaterThan(0.02);
  });
});

describe('a sweep folder', () => {
  it('shows KPIs by variant from sweep.csv and the sweep chart; run charts are listed as not available', async () => {
    const src = fresh();
    writeFixture(src, { sweep: true });
    const dir = fresh();
    mkdirSync(dir);
    writeFileSync(join(dir, 'sweep.csv'), readFileSync(join(src, 'sweep.csv')));
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ iesim: '0.1.0', scenarioName: 'fixture-sweep', scenario: 'fixture-sweep', seed: 1, replications: 10, variants: 8 }));
    const r = await writeReport(dir, { quiet: true });
    expect(r.charts.map((p) => p.split('/').pop())).toEqual(['sweep.vl.json', 'sweep.svg', 'sweep.png']);
    const html = pageText(r.html);
    expect(html).toContain('<title>iesim report: fixture-sweep</title>');
    expect(html).toContain('KPIs by variant');
    expect(html).toMatch(/<th scope="row">cs2-r1<\/th><td><span class="ci"[^>]*>20 <span class="hw">± 0\.750<\/span>/);
    expect(html).toContain('<li id="fig-timelines">Job timelines: this folder has no events.csv.</li>');
  });
});

describe('a long, busy run', () => {
  it('keeps the page small: time series bucketed, a sampled Gantt on a days-since-Put axis', async () => {
    const dir = fresh();
    writeFixture(dir, { jobs: 4000, days: 900 });
    const r = await writeReport(dir, { quiet: true, ganttJobs: 30 });
    expect(statSync(r.html).size).toBeLessThan(1_400_000);
    const occupancy = JSON.parse(readFileSync(join(dir, 'charts', 'occupancy.vl.json'), 'utf8'));
    expect(JSON.stringify(occupancy.title)).toContain('per 2-day period');
    expect(occupancy.vconcat[0].data.values.length).toBeLessThanOrEqual(800);
    const gantt = JSON.parse(readFileSync(join(dir, 'charts', 'timelines.vl.json'), 'utf8'));
    expect(gantt.layer[0].encoding.y.sort.length).toBe(30);
    expect(gantt.layer[0].encoding.x.title).toBe('days since Put Job');
    expect(JSON.stringify(gantt.title)).toContain('every 134th by job ID');
  });
});
