/**
 * A progress bar with ETA on stderr, shown only when stderr is a terminal and
 * --quiet is off; the model never sees it (it reports through a callback).
 */
import cliProgress from 'cli-progress';

export interface Progress {
  update(fraction: number, jobs: number): void;
  stop(): void;
}

export function progressBar(label: string, quiet: boolean): Progress {
  if (quiet || !process.stderr.isTTY) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar({
    stream: process.stderr,
    format: `${label} [{bar}] {percentage}% | {jobs} jobs | ETA {eta_formatted}`,
    hideCursor: true,
    clearOnComplete: true,
    etaBuffer: 50,
  }, cliProgress.Presets.shades_classic);
  bar.start(1000, 0, { jobs: 0 });
  return {
    update: (fraction, jobs) => bar.update(Math.round(fraction * 1000), { jobs }),
    stop: () => bar.stop(),
  };
}
