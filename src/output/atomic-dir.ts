/**
 * Output folders appear whole or not at all: a run writes into a temporary
 * sibling folder and renames it into place only when every file is complete,
 * so an interrupted run never leaves half a result that looks whole.
 */
import { mkdirSync, rmSync, renameSync, existsSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { writing } from './output-error.js';

export class AtomicDir {
  readonly tmp: string;

  constructor(readonly final: string) {
    this.tmp = join(dirname(final), `.${basename(final)}.tmp-${process.pid}`);
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

  /** Moves the finished folder into place, replacing an older result. */
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

/** JSON has no NaN or Infinity: an empty statistic becomes null. */
export function jsonSafe(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? null : value;
}
