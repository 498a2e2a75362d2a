import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RetainedJobs } from '../../src/model/retained.js';
import type { Job } from '../../src/model/entities.js';
import { micro, lines } from './micro.js';
import { DRIVE_STATE_INDEX, JOB_STATE_INDEX } from '../../src/spec/states.js';

/** Just the fields RetainedJobs reads from a finished Job (a state also as its index, as Job and Drive keep it). */
function finishedJob(index: number, drives: number): Job {
  const state = index % 2 ? 'Completed' : 'Closed';
  return {
    index, id: `J-${String(index).padStart(6, '0')}`, type: index % 2 ? 'import' : 'export', created: index * 10,
    enteredAt: (i: number) => [1, 2, 3, 4, 5, NaN, 7, NaN][i], firstDelivery: 3, finishedAt: 7 + index, returnShipped: index % 3 ? 7 : NaN,
    totalBytes: drives * 1e12, escalations: index % 4, faults: index % 5, state, stateIndex: JOB_STATE_INDEX[state],
    cancelRequested: index % 7 === 0, errors: index % 2 === 0, traced: true, incompleteBlobList: false,
    drives: Array.from({ length: drives }, (_, i) => ({
      bytes: 1e12 + i, state: i % 2 ? 'ShippedBack' : 'NeverReceived', stateIndex: DRIVE_STATE_INDEX[i % 2 ? 'ShippedBack' : 'NeverReceived'], outcome: i % 2 ? 'ok' : '', outcomeIndex: i % 2 ? 1 : 0, enteredAt: (k: number) => [0, 1, NaN, i % 2 ? 3 : NaN][k],
    })),
  } as unknown as Job;
}

describe('RetainedJobs: finished jobs in retention as typed arrays (memory follows open jobs)', () => {
  it('keeps every field jobs.csv and Get Job need, through growth of the ring and deletes in any order', () => {
    fc.assert(fc.property(
      fc.array(fc.tuple(fc.integer({ min: 1, max: 6 }), fc.boolean()), { minLength: 1, maxLength: 3000 }),
      (ops) => {
        const r = new RetainedJobs();
        const live = new Map<number, { job: Job; seq: number }>();
        let index = 1;
        for (const [drives, removeOldest] of ops) {
          const job = finishedJob(index++, drives);
          live.set(r.add(job), { job, seq: -1 });
          // Mostly FIFO (R-RETENTION), sometimes an earlier delete (R-DELETE) leaves a hole.
          if (removeOldest && live.size > 0) {
            const seqs = [...live.keys()];
            const victim = index % 3 === 0 ? seqs[seqs.length >> 1] : seqs[0];
            r.remove(victim);
            live.delete(victim);
            expect(r.has(victim)).toBe(false);
          }
        }
        expect(r.size).toBe(live.size);
        expect([...r.seqs()]).toEqual([...live.keys()]);
        for (const [seq, { job }] of live) {
          expect(r.has(seq)).toBe(true);
          const f = r.facts(seq, NaN, '');
          expect(f).toMatchObject({ id: job.id, type: job.type, driveCount: job.drives.length, totalBytes: job.totalBytes, created: job.created,
            returnShipped: job.returnShipped, firstDelivery: job.firstDelivery, cancelRequested: job.cancelRequested,
            escalations: job.escalations, faults: job.faults, errors: job.errors });
          expect(f.entered).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => job.enteredAt(i)));
          expect(r.state(seq)).toBe(job.state);
          expect(r.drives(seq)).toEqual(job.drives.map((d) => ({ state: d.state, bytes: d.bytes, outcome: d.outcome, processed: !Number.isNaN(d.enteredAt(3)) })));
        }
      },
    ), { numRuns: 40 });
  });

  it('a seq is never reused: a stale reference to a deleted job finds nothing', () => {
    const r = new RetainedJobs();
    const a = r.add(finishedJob(1, 1));
    r.remove(a);
    const b = r.add(finishedJob(2, 1));
    expect(b).not.toBe(a);
    expect(r.has(a)).toBe(false);
    expect(r.find('J-000002')).toBe(b);
    expect(r.find('J-000001')).toBe(-1);
  });
});

describe('jobs in retention answer the customer API as before', () => {
  it('R-CANCEL after the finish is refused with the state, and R-RETENTION still deletes the job 90 days after the finish', () => {
    const { rows, model } = micro({ customer: { cancels: 1, cancelDelay: fixed('20d') } });
    expect(lines(rows, (r) => r.entity === 'job' && r.day > 7.5)).toEqual([
      '10.5 deliver J-000001 >',
      '20 cancel J-000001 > R-CANCEL',
      '20 refuse J-000001 > R-CANCEL',
      '97.5 delete J-000001 Completed> R-RETENTION',
    ]);
    expect(model.world.openJobs).toBe(0);
  });
});

function fixed(value: string) {
  return { dist: 'fixed', value };
}
