import seedrandom from 'seedrandom';

/** A source of uniform numbers in [0, 1). */
export interface Rng {
  next(): number;
}

/**
 * Named, independent random streams. Each stream's seed is derived from
 * (master seed, replication index, stream name) alone, so:
 * - adding or removing a stream never changes another stream's draws;
 * - two scenario variants run with the same seed draw the same numbers for
 *   the same purpose (common random numbers), which sharpens comparisons;
 * - replication r of a run is reproducible on its own, in any worker.
 *
 * The generator is seedrandom's Alea: the fastest of seedrandom's generators
 * on this machine (about as fast as Math.random, five times ARC4; see
 * `npm run bench`), with 2^-32 resolution, a period near 2^116, and it passes
 * the distribution tests in test/sim. Its seed is hashed with Alea's Mash, so
 * similar names ("a1", "a2") still give unrelated streams.
 */
export class RandomStreams {
  private readonly streams = new Map<string, Rng>();

  constructor(readonly masterSeed: string | number, readonly replication = 0) {}

  /** The stream called `name`, created on first use. */
  stream(name: string): Rng {
    let s = this.streams.get(name);
    if (!s) {
      s = makeStream(streamSeed(this.masterSeed, this.replication, name));
      this.streams.set(name, s);
    }
    return s;
  }

  /** Names of the streams used so far, sorted. */
  names(): string[] {
    return [...this.streams.keys()].sort();
  }
}

/** The seed string of one stream: documented so other tools can reproduce it. */
export function streamSeed(master: string | number, replication: number, name: string): string {
  return `iesim:${master}:${replication}:${name}`;
}

function makeStream(seed: string): Rng {
  return new AleaStream(seedrandom.alea(seed));
}

/**
 * One stream. A class whose method calls the generator, not `{ next: prng }`:
 * every run makes new generator functions, and compiled code that called one
 * directly was thrown away when the next run in the thread called another
 * (docs/performance.md, "Replications"); here the one call site that sees
 * them all learns that they share their code.
 */
class AleaStream implements Rng {
  constructor(private readonly prng: () => number) {}

  next(): number {
    return this.prng();
  }
}
