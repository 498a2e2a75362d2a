/**
 * A progress bar with ETA on stderr, shown only when stdout and stderr are
 * both terminals and --quiet is off (output piped to a file or a program is
 * a script's run: no bar). The model, the checker and the report never see
 * it: they report through callbacks, at most once per simulated day or per
 * chunk read.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  /** `fraction` of the current phase done, and its count so far (jobs, MB…). */
  update(fraction: number, count: number): void;
  /** Starts a new phase of the same command (e.g. checking after simulating): the bar restarts with its label and unit. */
  phase(label: string, unit: string): void;
  stop(): void;
}

const SILENT: Progress = { update() {}, phase() {}, stop() {} };

export function progressBar(label: string, quiet: boolean, unit = 'jobs'): Progress {
  if (quiet || !process.stderr.isTTY || !process.stdout.isTTY) return SILENT;
  const bar = new cliProgress.SingleBar({
    stream: process.stderr,
    format: '{label} [{bar}] {percentage}% | {count} {unit} | ETA {eta_formatted}',
    hideCursor: true,
    clearOnComplete: true,
    etaBuffer: 50,
  }, cliProgress.Presets.shades_classic);
  bar.start(1000, 0, { label, unit, count: 0 });
  return {
    update: (fraction, count) => bar.update(Math.round(fraction * 1000), { count }),
    phase: (next, nextUnit) => {
      // A new start: the ETA is estimated from this phase's own pace.
      bar.stop();
      bar.start(1000, 0, { label: next, unit: nextUnit, count: 0 });
    },
    stop: () => bar.stop(),
  };
}

/** Bytes as whole MB, for a bar that counts what has been read. */
export function megabytes(bytes: number): number {
  return Math.round(bytes / 2 ** 20);
}
