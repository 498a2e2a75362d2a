/**
 * A real browser opens report.html from disk: headless Chromium from
 * Debian's `chromium` package (.ci/run installs it when missing; no test tool
 * ever downloads a browser). With every network lookup made to fail, every
 * chart must render (its container holds a non-empty SVG), and the page must
 * log no console error or warning and throw nothing.
 *
 * How: `chromium --dump-dom` after `--virtual-time-budget` prints the DOM once
 * the page has settled. The page itself marks each chart container
 * `data-rendered="ok"|"error"`, the body `data-charts="done"`, and copies
 * every console.error/console.warn and uncaught error into `#page-log`
 * (see src/report/html.ts); `--enable-logging=stderr` adds Chromium's own
 * record of console messages, which is scanned as well.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHART_NAMES, writeReport } from '../../src/report/index.js';
import { writeFixture } from './fixture.js';

const CHROMIUM = '/usr/bin/chromium';
const root = mkdtempSync(join(tmpdir(), 'iesim-browser-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function runChromium(url: string): Promise<{ dom: string; stderr: string }> {
  const profile = mkdtempSync(join(root, 'profile-'));
  const args = [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', `--user-data-dir=${profile}`,
    // offline: any host name lookup fails, so a CDN reference could not load
    '--host-resolver-rules=MAP * ~NOTFOUND',
    '--enable-logging=stderr', '--v=0',
    '--virtual-time-budget=10000',
    '--dump-dom', url,
  ];
  return new Promise((resolve, reject) => {
    execFile(CHROMIUM, args, { timeout: 60_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`chromium failed: ${err.message}\n${stderr.slice(-2000)}`));
      else resolve({ dom: stdout, stderr });
    });
  });
}

/** The HTML of a chart's container: from its opening tag to the figure's end. */
function chartBlock(dom: string, name: string): string {
  const start = dom.search(new RegExp(`<div[^>]*id="chart-${name}"`));
  if (start < 0) return '';
  const end = dom.indexOf('</figure>', start);
  return dom.slice(start, end < 0 ? undefined : end);
}

describe('report.html in headless Chromium', () => {
  let dom = '';
  let stderr = '';
  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (apt-get install -y chromium), as .ci/run does`);
    }
    const dir = join(root, 'run');
    writeFixture(dir, { replicated: true, sweep: true });
    const { html } = await writeReport(dir, { quiet: true });
    ({ dom, stderr } = await runChromium(pathToFileURL(html).href));
  });

  it('draws all charts: every container holds a non-empty SVG', () => {
    expect(dom).toMatch(/<body[^>]*data-charts="done"/);
    for (const name of CHART_NAMES) {
      const block = chartBlock(dom, name);
      expect(block, `chart ${name} container`).not.toBe('');
      expect(block, `chart ${name} rendered`).toMatch(/^<div[^>]*data-rendered="ok"/);
      const svg = block.match(/<svg[\s\S]*?<\/svg>/)?.[0] ?? '';
      expect(svg.length, `chart ${name} SVG`).toBeGreaterThan(2000);
      expect((svg.match(/role="graphics-symbol"/g) ?? []).length, `chart ${name} marks`).toBeGreaterThan(0);
      expect(svg, `chart ${name} title`).toMatch(/<text[^>]*>[^<]{4,}<\/text>/);
    }
  });

  it('logs no console error or warning and throws nothing', () => {
    const log = dom.match(/<pre id="page-log"([^>]*)>([\s\S]*?)<\/pre>/);
    expect(log, 'the page-log element').not.toBeNull();
    expect(log![2], 'console errors and warnings recorded by the page').toBe('');
    expect(log![1]).toContain('hidden');
    const consoleLines = stderr.split('\n').filter((l) => /CONSOLE/.test(l));
    expect(consoleLines, 'console messages in Chromium\'s log').toEqual([]);
    expect(stderr).not.toMatch(/Uncaught/);
  });
});
