/** Worker thread: runs replications it is sent (timeline off) and posts their summaries back. */
import { parentPort } from 'node:worker_threads';
import { runModel } from '../model/model.js';
import type { ReplicationTask } from './pool.js';

parentPort?.on('message', (msg: { id: number; task: ReplicationTask }) => {
  try {
    const { task } = msg;
    const summary = runModel(task.scenario, {}, { timeline: { kind: 'off' }, replication: task.replication, trace: task.trace, name: task.name });
    parentPort!.postMessage({ id: msg.id, summary });
  } catch (err) {
    parentPort!.postMessage({ id: msg.id, error: (err as Error).stack ?? String(err) });
  }
});
