/**
 * The second thread of a two-thread check (two-threads.ts): checks its share
 * of the file and posts the outcome. A failure other than a format error
 * (the file unreadable, a bug) ends the thread with that error.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { partOutcome } from './check-part.js';
import type { CheckOptions } from './types.js';

const { path, options, index, count } = workerData as { path: string; options: CheckOptions | undefined; index: number; count: number };
parentPort!.postMessage(await partOutcome(path, options, index, count));
