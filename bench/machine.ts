/**
 * What a second thread costs the first on this machine, by kind of work
 * (the bench's `machine` rows). The parallel cases (the CSV writer's thread
 * beside the model, replications on two threads, the checker's two threads)
 * are read against it: if two threads of the same work slow each other here,
 * the hardware takes that share of a parallel case's shortfall.
 *
 * Each kind is prepared and warmed up (until the optimizing compiler is
 * done) on this thread and a worker, then timed on each alone while the
 * other waits, then on both at once; the figure is the mean speed of each
 * beside the other against its speed alone (1: no interference), the median
 * of three rounds. On the reference VM (2026-11-26): compute 0.99–1.02,
 * pointer chasing (latency) 0.95–1.13, small short-lived objects
 * (allocation) 0.88–1.01, and independent random reads and writes in 256 MiB
 * (bandwidth) 0.86–1.05 in most runs but 0.55 in one, when that thread alone
 * ran at its fastest (0.82 s against 0.9–1.5 s): memory-heavy work varies by
 * a third from run to run here, and two threads of it slow each other when
 * the host's memory is otherwise quiet. So the hardware gives two threads
 * nearly two threads' worth; where a parallel case falls short, most of the
 * cause is in the work (compilation per thread, rows read by both threads,
 * the pipeline's own work). A first version timed cold code and fresh arrays
 * (page faults, on-stack replacement) and showed a false 0.55 for all the
 * memory-bound kinds: hence the warm-up.
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';

type Kind = 'compute' | 'latency' | 'bandwidth' | 'allocation';
export const KINDS: readonly Kind[] = ['compute', 'latency', 'bandwidth', 'allocation'];

/** A kind of work: what it needs made first (not timed), then the timed part. */
interface Work { prepare(): Int32Array | Float64Array | null; run(data: Int32Array | Float64Array | null): number }

const BIG = 1 << 25; // 128 MiB of Int32, 256 MiB of Float64: far beyond any cache

const WORK: Record<Kind, Work> = {
  /** Integer arithmetic in registers: no memory traffic. */
  compute: {
    prepare: () => null,
    run: () => {
      let x = 1;
      for (let i = 0; i < 1e9; i++) x = (Math.imul(x, 31) + i) | 0;
      return x;
    },
  },
  /** A random cyclic walk: one cache miss at a time, each waiting for the last. */
  latency: {
    prepare: () => {
      const a = new Int32Array(BIG);
      for (let i = 0; i < BIG; i++) a[i] = i;
      let s = 12345;
      for (let i = BIG - 1; i > 0; i--) { // Sattolo's shuffle: one cycle through every slot
        s = (Math.imul(s, 1103515245) + 12345) >>> 0;
        const j = s % i;
        const t = a[i]; a[i] = a[j]; a[j] = t;
      }
      return a;
    },
    run: (a) => {
      let p = 0;
      for (let k = 0; k < 1e7; k++) p = a![p];
      return p;
    },
  },
  /** Random reads and writes whose addresses do not wait for each other: many misses in flight. */
  bandwidth: {
    prepare: () => new Float64Array(BIG),
    run: (a) => {
      let s = 0, j = 1;
      for (let i = 0; i < 6e7; i++) {
        j = (Math.imul(j, 1103515245) + 12345) & (BIG - 1);
        s += a![j];
        a![j] = i;
      }
      return s;
    },
  },
  /** Short-lived small objects and strings, as csv-stringify makes for every cell. */
  allocation: {
    prepare: () => null,
    run: () => {
      let s = 0;
      for (let i = 0; i < 2e8; i++) {
        const o: [number, { v: number }, string] = [i, { v: i }, `x${i & 1023}`];
        s += o[1].v & 1;
      }
      return s;
    },
  },
};

function timed(kind: Kind, data: Int32Array | Float64Array | null): number {
  const t0 = performance.now();
  WORK[kind].run(data);
  return performance.now() - t0;
}

/** Runs until the optimizing compiler is done with the work (three times: the first runs on-stack-replaced code). */
function warmUp(kind: Kind, data: Int32Array | Float64Array | null): void {
  for (let i = 0; i < 3; i++) timed(kind, data);
}

/** Rounds per kind: memory-bound work varies by a third from one second to the next on the reference VM. */
const ROUNDS = 3;

export interface Interference {
  kind: Kind;
  /** This thread's and the worker's time, each alone (the other waiting). */
  aloneMs: [number, number];
  /** Their times running at once. */
  twoMs: [number, number];
  /** Mean speed of each thread running beside the other against its speed alone (1: no interference). */
  speedEach: number;
}

/**
 * One kind on this thread and a worker: each alone while the other waits,
 * then both at once (both prepared and warmed up first, then started together).
 */
export async function interference(kind: Kind): Promise<Interference> {
  const data = WORK[kind].prepare();
  warmUp(kind, data);
  const w = new Worker(new URL(import.meta.url), { workerData: kind });
  const replies: ((m: string | number) => void)[] = [];
  const reply = () => new Promise<string | number>((resolve) => replies.push(resolve));
  w.on('message', (m: string | number) => replies.shift()!(m));
  const failed = new Promise<never>((_, reject) => w.once('error', reject));
  const ask = async () => Promise.race([reply(), failed]);
  try {
    await ask(); // 'ready'
    // Three rounds, each: the worker alone, this thread alone, both at once; the median round by speedEach.
    const rounds: Omit<Interference, 'kind'>[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const workerAlone = ((w.postMessage('run'), await ask()) as number);
      const mineAlone = timed(kind, data);
      const theirs = ask();
      w.postMessage('run');
      const mine = timed(kind, data);
      const other = (await theirs) as number;
      rounds.push({ aloneMs: [mineAlone, workerAlone], twoMs: [mine, other], speedEach: (mineAlone / mine + workerAlone / other) / 2 });
    }
    rounds.sort((a, b) => a.speedEach - b.speedEach);
    return { kind, ...rounds[ROUNDS >> 1] };
  } finally {
    await w.terminate();
  }
}

if (!isMainThread) {
  const kind = workerData as Kind;
  const data = WORK[kind].prepare();
  warmUp(kind, data);
  parentPort!.on('message', () => parentPort!.postMessage(timed(kind, data)));
  parentPort!.postMessage('ready');
}
