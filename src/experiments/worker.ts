/**
 * Worker thread of ReplicationPool: given a batch of tasks and a shared
 * counter, takes the next task until none is left, posting each summary
 * back (timeline off), then says it is done.
 */
import { parentPort } from 'node:worker_threads';
import { runModel } from '../model/model.js';
import type { ReplicationTask } from './pool.js';

parentPort?.on('message', (msg: { tasks: ReplicationTask[]; next: SharedArrayBuffer }) => {
  const next = new Int32Array(msg.next);
  let id = -1;
  try {
    for (id = Atomics.add(next, 0, 1); id < msg.tasks.length; id = Atomics.add(next, 0, 1)) {
      const task = msg.tasks[id];
      const summary = runModel(task.scenario, {}, { timeline: { kind: 'off' }, replication: task.replication, trace: task.trace, name: task.name });
      parentPort!.postMessage({ id, summary });
    }
    parentPort!.postMessage({ done: true });
  } catch (err) {
    parentPort!.postMessage({ id, error: (err as Error).stack ?? String(err) });
  }
});
