import { describe, expect, it } from 'vitest';
import { at, check, edit, expectClean, expectOnly, until } from './helpers.js';
import { cancelInCreating, cancelInReceived, cancelInShipping, importToPackaging, normalImport, refusals } from './lifecycles.js';

const put = `
  d0,put,job,J1,J1,,,,,type=import;drives=1
  d0,state,job,J1,J1,,Creating,,,
  d0,state,drive,J1-D01,J1,,Specified,,,`;

describe('R-CANCEL', () => {
  it('R-CANCEL: a drive of a cancelled job that starts copying is flagged', () => {
    const rows = edit(until(cancelInReceived('J1', 0), 'Transferring,Packaging'), 'Received,Transferring,R-TRANSFER-START',
      'd4.5,state,drive,J1-D01,J1,Received,Transferring,,,', 'd4.5,state,job,J1,J1,Received,Transferring,R-TRANSFER-START,,');
    const v = expectOnly(check([rows]), 'R-CANCEL', 'drive', 'J1-D01', at('d4.5'));
    expect(v.message).toMatch(/a cancelled job copies no data/);
  });

  it('R-CANCEL: a cancel in Packaging that is not refused is flagged', () => {
    const rows = edit(refusals('J1', 0), 'refuse,job,J1,J1,,,R-CANCEL');
    expectOnly(check([rows]), 'R-CANCEL', 'job', 'J1', at('d8.5'));
  });

  it('R-CANCEL: a refused cancel that still completes the job is flagged', () => {
    const rows = importToPackaging('J1', 0);
    const r = check([rows, 'd9,cancel,job,J1,J1,,,R-CANCEL,,', 'd9,refuse,job,J1,J1,,,R-CANCEL,,state=Packaging', 'd9,state,job,J1,J1,Packaging,Completed,R-CANCEL,,']);
    expectOnly(r, 'R-CANCEL', 'job', 'J1', at('d9'));
  });

  it('R-CANCEL: a cancel refused in Shipping (where it is allowed) is flagged', () => {
    const rows = edit(cancelInShipping('J1', 0), 'cancel,job', 'd2,cancel,job,J1,J1,,,R-CANCEL,,', 'd2,refuse,job,J1,J1,,,R-CANCEL,,state=Shipping');
    expectOnly(check([until(rows, 'arrive')]), 'R-CANCEL', 'job', 'J1', at('d2'));
  });

  it('R-CANCEL: a cancel accepted in Creating that leaves the job Creating is flagged', () => {
    const r = check([put, 'd1,cancel,job,J1,J1,,,R-CANCEL,,']);
    expectOnly(r, 'R-CANCEL', 'job', 'J1', at('d1'));
  });

  it('R-CANCEL: Creating → Completed without a cancel is flagged', () => {
    const r = check([put, 'd1,state,job,J1,J1,Creating,Completed,R-CANCEL,,']);
    expectOnly(r, 'R-CANCEL', 'job', 'J1', at('d1'));
  });

  it('R-CANCEL: cancels in Creating, Shipping and Received, and a refused one in Packaging, pass', () => {
    expectClean(check([cancelInCreating('J1', 0)]));
    expectClean(check([cancelInShipping('J1', 0)]));
    expectClean(check([cancelInReceived('J1', 0)]));
    expectClean(check([refusals('J1', 0)]));
  });

  it('R-CANCEL: with the policy narrowed to Creating, an accepted cancel in Shipping is flagged', () => {
    const r = check([cancelInShipping('J1', 0)], { policy: { cancelAllowedIn: ['Creating'] } });
    // Not cancelled, the job should then have copied its drive: its pass-through is reported as well.
    expect(r.violations.map((v) => [v.rule, v.id, v.time])).toEqual([
      ['R-CANCEL', 'J1', at('d2')], ['R-TRANSFER-START', 'J1', at('d4')], ['R-PACKAGING', 'J1', at('d4')],
    ]);
  });
});

describe('R-DELETE', () => {
  it('R-DELETE: a job deleted by the customer in Shipping is flagged', () => {
    const rows = until(refusals('J1', 0), 'refuse,job');
    const r = check([rows, 'd2,delete,job,J1,J1,Shipping,,R-DELETE,,']);
    expectOnly(r, 'R-DELETE', 'job', 'J1', at('d2'));
  });

  it('R-DELETE: a delete refused in Completed (where it is allowed) is flagged', () => {
    const rows = edit(refusals('J1', 0), 'delete,job,J1,J1,Completed', 'd20,refuse,job,J1,J1,,,R-DELETE,,state=Completed');
    const r = check([rows]);
    expectOnly(r, 'R-DELETE', 'job', 'J1', at('d20'));
  });

  it('R-DELETE: a delete refused and done at the same instant is flagged', () => {
    const r = check([put, 'd2,refuse,job,J1,J1,,,R-DELETE,,state=Creating', 'd2,delete,job,J1,J1,Creating,,R-DELETE,,']);
    // refused although allowed in Creating, and then done anyway: both are R-DELETE defects
    expect(r.violations.map((v) => [v.rule, v.id, v.time])).toEqual([['R-DELETE', 'J1', at('d2')], ['R-DELETE', 'J1', at('d2')]]);
  });

  it('R-DELETE: deletes in Creating and Completed pass, a refused one in Shipping passes', () => {
    expectClean(check([put, 'd2,delete,job,J1,J1,Creating,,R-DELETE,,']));
    expectClean(check([refusals('J1', 0)]));
  });

  it('R-DELETE: the delete row must name the state the job was in', () => {
    const r = check([put, 'd2,delete,job,J1,J1,Completed,,R-DELETE,,']);
    expectOnly(r, 'R-JOB-TRANSITIONS', 'job', 'J1', at('d2'));
    void normalImport;
  });
});
