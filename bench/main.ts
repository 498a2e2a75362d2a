/**
 * `npm run bench`: fixed-size benchmarks; prints one table and writes
 * bench/results.json. A benchmark, not a test: it never fails a build.
 */
import { writeFileSync, renameSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { holdModel, mmcStation, generators } from './kernel.js';
import { formatTable } from './measure.js';

const HOLD_ENTITIES = [1_000, 100_000];
const HOLD_EVENTS = 10_000_000;
const MMC_CUSTOMERS = 2_000_000;
const DRAWS = 10_000_000;

function main(): void {
  const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  console.log(`iesim bench on ${machine}\n`);
  const kernel = [...HOLD_ENTITIES.map((n) => holdModel(n, HOLD_EVENTS)), mmcStation(MMC_CUSTOMERS)];
  console.log(formatTable(['kernel case', 'events', 'seconds', 'events/s', 'peak RSS MiB'],
    kernel.map((r) => [r.name, r.events, r.seconds, r.eventsPerSecond, r.peakRssMiB])));
  const gens = generators(DRAWS);
  console.log(`\n${formatTable(['seedrandom generator', 'draws/s'], gens.map((g) => [g.name, g.drawsPerSecond]))}`);
  const results = { date: new Date().toISOString(), machine, kernel, generators: gens };
  writeFileSync('bench/results.json.tmp', `${JSON.stringify(results, null, 2)}\n`);
  renameSync('bench/results.json.tmp', 'bench/results.json');
  console.log('\nwrote bench/results.json');
}

try {
  main();
} catch (err) {
  // A benchmark reports, it never fails a build.
  console.error(`bench failed: ${(err as Error).stack ?? err}`);
}
