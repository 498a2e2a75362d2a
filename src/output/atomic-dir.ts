/**
 * Output folders appear whole or not at all: a run writes into a temporary
 * sibling folder and renames it into place only when every file is complete,
 * so an interrupted run never leaves half a result that looks whole.
 */
import { mkdirSync, rmSync, renameSync, existsSync, writeFileSync, statSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { OutputError, writing } from './output-error.js';

export class AtomicDir {
  readonly tmp: string;

  constructor(readonly final: string) {
    this.tmp = join(dirname(final), `.${basename(final)}.tmp-${process.pid}`);
    checkReplaceable(final);
    writing(`cannot create the output folder ${final}`, () => {
      mkdirSync(dirname(final), { recursive: true });
      rmSync(this.tmp, { recursive: true, force: true });
      mkdirSync(this.tmp, { recursive: true });
    });
  }

  path(name: string): string {
    return join(this.tmp, name);
  }

  writeJson(name: string, value: unknown): void {
    writing(`cannot write ${name} in ${this.final}`, () => writeFileSync(this.path(name), `${JSON.stringify(value, jsonSafe, 2)}\n`));
  }

  /** Moves the finished folder into place, replacing an older result (checkReplaceable). */
  commit(): void {
    const old = `${this.final}.old-${process.pid}`;
    writing(`cannot move the finished outputs into ${this.final}`, () => {
      if (existsSync(this.final)) renameSync(this.final, old);
      renameSync(this.tmp, this.final);
    });
    rmSync(old, { recursive: true, force: true });
  }

  abandon(): void {
    rmSync(this.tmp, { recursive: true, force: true });
  }
}

/**
 * What commit() may replace: nothing, an empty folder, or an earlier result
 * (every run, sweep and merge writes manifest.json). A file, or a folder of
 * other things (`--out ~/Documents`), is refused before any work, never
 * deleted.
 */
function checkReplaceable(final: string): void {
  let st;
  try {
    st = statSync(final);
  } catch {
    return; // nothing there, or a path that cannot exist (a file as a parent): creating the folder says why
  }
  if (!st.isDirectory()) throw new OutputError(`${final} is a file, not an output folder: it is left as it is (choose another --out)`);
  const names = writing(`cannot read the output folder ${final}`, () => readdirSync(final));
  if (names.length > 0 && !names.includes('manifest.json')) {
    throw new OutputError(`${final} holds files but no manifest.json, so it is not an earlier iesim result: it is left as it is (choose another --out, or empty it)`);
  }
}

/** JSON has no NaN or Infinity: an empty statistic becomes null. */
export function jsonSafe(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? null : value;
}
