/**
 * Rendering: vega-lite → vega → SVG headless in Node (no browser), SVG → PNG
 * with resvg (DejaVu fonts loaded explicitly, else text silently vanishes),
 * and the report page with the libraries inlined. Every file is written to a
 * temporary name and renamed when complete.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Resvg, renderAsync, type ResvgRenderOptions } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile } from 'vega-lite';
import type { ChartEntry } from './charts/index.js';
import type { TopLevelSpec } from './charts/common.js';
import { loadFontMetrics } from './font-metrics.js';
import { buildPage, type Libraries } from './html.js';
import type { ReportData } from './types.js';

/** The fonts the PNGs are drawn with (Debian fonts-dejavu-core). */
export const FONT_FILES = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
];

/** PNG scale factor (2: sharp on high-density screens and in documents). */
export const PNG_ZOOM = 2;

export interface Compiled {
  spec: vega.Spec;
  /** Warnings and errors vega-lite logged while compiling. */
  warnings: string[];
}

/** Compiles a vega-lite spec, capturing the logger instead of printing to the console. */
export function compileVegaLite(spec: TopLevelSpec): Compiled {
  const warnings: string[] = [];
  const text = (args: unknown[]) => args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
  const logger = {
    _level: 0,
    level(this: any, l?: number): any {
      if (l === undefined) return this._level;
      this._level = l;
      return this;
    },
    error(this: any, ...a: unknown[]) { warnings.push(`error: ${text(a)}`); return this; },
    warn(this: any, ...a: unknown[]) { warnings.push(`warning: ${text(a)}`); return this; },
    info(this: any) { return this; },
    debug(this: any) { return this; },
  };
  const out = compile(spec, { logger: logger as any });
  return { spec: out.spec as vega.Spec, warnings };
}

let textMetricsInstalled = false;

/**
 * Makes vega measure text with DejaVu Sans's real advance widths (see
 * font-metrics.ts) instead of its 0.8 em estimate. vega documents replacing
 * `textMetrics.width` for canvas-less rendering; the widths are clamped at
 * an item's `limit` so vega's own label truncation keeps working. Without
 * the font files the estimate stays.
 */
export function installTextMetrics(): void {
  if (textMetricsInstalled) return;
  textMetricsInstalled = true;
  const fonts = loadFontMetrics(FONT_FILES[0], FONT_FILES[1]);
  const tm = (vega as unknown as { textMetrics?: { width: unknown } }).textMetrics;
  if (!fonts || !tm) return;
  tm.width = (item: { fontSize?: number | string; fontWeight?: number | string; limit?: number }, text: unknown): number => {
    const size = item.fontSize != null ? +item.fontSize || 0 : 11;
    const str = text == null ? '' : String(text).trim();
    if (size <= 0 || !str) return 0;
    const w = item.fontWeight;
    const bold = w === 'bold' || w === 'bolder' || (typeof w === 'number' && w >= 600) || (typeof w === 'string' && Number(w) >= 600);
    const width = (bold ? fonts.bold : fonts.regular).width(str, size);
    const limit = Number(item.limit);
    return limit > 0 ? Math.min(width, limit) : width;
  };
}

/**
 * Renumbers the IDs vega gives gradients, clip paths and patterns from
 * process-wide counters (a legend gradient is `gradient_7` if six were drawn
 * before it), in order of appearance, so the same chart gives the same bytes.
 */
export function normalizeSvgIds(svg: string): string {
  const map = new Map<string, string>();
  const next = new Map<string, number>();
  return svg.replace(/(id="|url\(#|href="#)(gradient_|clip|pattern_)(\d+)/g, (_m, lead: string, prefix: string, num: string) => {
    const key = prefix + num;
    let id = map.get(key);
    if (id === undefined) {
      const k = next.get(prefix) ?? 0;
      next.set(prefix, k + 1);
      id = `${prefix}${k}`;
      map.set(key, id);
    }
    return lead + id;
  });
}

/** Renders a compiled vega spec to SVG, headless. */
export async function renderSvg(spec: vega.Spec): Promise<{ svg: string; warnings: string[] }> {
  installTextMetrics();
  const warnings: string[] = [];
  const logger = vega.logger(vega.Warn, undefined, (method: string, level: string, input: unknown[]) => {
    warnings.push(`${level || method}: ${input.map(String).join(' ')}`);
  });
  const view = new vega.View(vega.parse(spec), { renderer: 'none', logger });
  try {
    const svg = normalizeSvgIds(await view.toSVG());
    return { svg, warnings };
  } finally {
    view.finalize();
  }
}

let fontWarningShown = false;

/** resvg's options: white background, PNG_ZOOM, the DejaVu fonts when installed (warned once when not). */
function pngOptions(): ResvgRenderOptions {
  const fontsPresent = FONT_FILES.every((f) => existsSync(f));
  if (!fontsPresent && !fontWarningShown) {
    fontWarningShown = true;
    process.stderr.write(`iesim report: DejaVu fonts not found (${FONT_FILES[0]}); PNG text uses system fonts. Install fonts-dejavu-core for identical PNGs.\n`);
  }
  return {
    background: 'white',
    fitTo: { mode: 'zoom', value: PNG_ZOOM },
    font: fontsPresent
      ? { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' }
      : { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  };
}

/** Renders SVG to PNG (white background). Returns the PNG bytes and the pixel size. */
export function svgToPng(svg: string): { png: Buffer; width: number; height: number; pixels: Buffer } {
  const img = new Resvg(svg, pngOptions()).render();
  return { png: img.asPng(), width: img.width, height: img.height, pixels: img.pixels };
}

/**
 * svgToPng on libuv's thread pool (the same bytes): a report's PNGs are
 * rasterized while this thread lays out the next charts with vega, where
 * one after the other they were ~1 s of the default run's ~3.4 s report.
 */
export async function svgToPngAsync(svg: string): Promise<Buffer> {
  return (await renderAsync(svg, pngOptions())).asPng();
}

/** Writes a file under a temporary name, then renames it: readers never see half a file. */
export async function writeFileAtomic(path: string, data: string | Buffer): Promise<void> {
  const tmp = `${path}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, path);
}

/** The folder of an installed package (its package.json's folder), found from its main entry. */
function packageDir(name: string): string {
  const require = createRequire(import.meta.url);
  let dir = dirname(require.resolve(name));
  for (;;) {
    const pj = join(dir, 'package.json');
    if (existsSync(pj)) {
      try {
        const json = JSON.parse(readFileSync(pj, 'utf8'));
        if (json.name === name) return dir;
      } catch { /* keep looking */ }
    }
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find the folder of package ${name}`);
    dir = up;
  }
}

/**
 * The browser builds of vega, vega-lite and vega-embed. Their build/*.min.js
 * files are not in the packages' exports maps, so they are read by path.
 */
export async function readLibraries(): Promise<Libraries> {
  const read = (pkg: string, file: string) => readFile(join(packageDir(pkg), 'build', file), 'utf8');
  const [v, vl, ve] = await Promise.all([read('vega', 'vega.min.js'), read('vega-lite', 'vega-lite.min.js'), read('vega-embed', 'vega-embed.min.js')]);
  return { vega: v, vegaLite: vl, vegaEmbed: ve };
}

export const CHART_EXTENSIONS = ['vl.json', 'svg', 'png'] as const;

/**
 * Renders one chart to `<chartsDir>/<name>.{vl.json,svg,png}`; returns the
 * paths. The SVG is laid out before this returns; the PNG is rasterized and
 * the files written when the promise inside, `written`, resolves.
 */
export async function renderChart(chartsDir: string, name: string, spec: TopLevelSpec): Promise<{ written: Promise<string[]> }> {
  const { spec: vg } = compileVegaLite(spec);
  const { svg } = await renderSvg(vg);
  const written = svgToPngAsync(svg).then(async (png) => {
    const files: [string, string | Buffer][] = [
      [join(chartsDir, `${name}.vl.json`), `${JSON.stringify(spec, null, 2)}\n`],
      [join(chartsDir, `${name}.svg`), svg],
      [join(chartsDir, `${name}.png`), png],
    ];
    for (const [p, d] of files) await writeFileAtomic(p, d);
    return files.map(([p]) => p);
  });
  return { written };
}

/**
 * Writes every available chart and report.html into `dir`. Chart files of
 * charts not available this time (an input went missing) are removed, so the
 * folder never shows a stale picture.
 */
export async function renderReport(dir: string, data: ReportData, charts: ChartEntry[]): Promise<{ charts: string[]; html: string }> {
  const chartsDir = join(dir, 'charts');
  await mkdir(chartsDir, { recursive: true });
  // Charts are laid out one after the other; their PNGs are rasterized meanwhile on the thread pool.
  const pending: Promise<string[]>[] = [];
  try {
    for (const c of charts) {
      if (c.spec) {
        const { written } = await renderChart(chartsDir, c.name, c.spec);
        written.catch(() => undefined); // handled below; not an unhandled rejection while later charts are laid out
        pending.push(written);
      } else {
        for (const ext of CHART_EXTENSIONS) await unlink(join(chartsDir, `${c.name}.${ext}`)).catch(() => undefined);
      }
    }
  } catch (err) {
    await Promise.allSettled(pending); // no write outlives the failure
    throw err;
  }
  const written = (await Promise.all(pending)).flat();
  const html = join(dir, 'report.html');
  await writeFileAtomic(html, buildPage(data, charts, await readLibraries()));
  return { charts: written, html };
}
