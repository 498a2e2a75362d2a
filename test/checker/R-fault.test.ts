import { describe, expect, it } from 'vitest';
import { at, check, edit, expectClean, expectOnly, until } from './helpers.js';
import { driveFaults, jobFault } from './lifecycles.js';

describe('R-FAULT', () => {
  it('R-FAULT: a drive leaving Faulted with no contact is flagged', () => {
    // The job-level contact would cover both drives: make it a contact about J1-D02 only.
    const rows = edit(edit(driveFaults('J1', 0), 'contact,drive,J1-D01'), 'contact,job', 'd6.5,contact,drive,J1-D02,J1,,,R-FAULT,,');
    expectOnly(check([rows]), 'R-FAULT', 'drive', 'J1-D01', at('d7'));
  });

  it('R-FAULT: an unresolved drive fault not marked outcome=errors is flagged', () => {
    let rows = edit(driveFaults('J1', 0), 'Faulted,CompletedMoreInfo', 'd8,state,drive,J1-D02,J1,Faulted,CompletedMoreInfo,R-FAULT,,outcome=warnings');
    rows = edit(rows, 'Packaging,Closed', 'd10,state,job,J1,J1,Packaging,Completed,R-FINISH,,');
    rows = edit(rows, 'R-RETENTION', 'd100,delete,job,J1,J1,Completed,,R-RETENTION,,');
    const v = expectOnly(check([rows]), 'R-FAULT', 'drive', 'J1-D02', at('d8'));
    expect(v.message).toMatch(/outcome=errors/);
  });

  it('R-FAULT: entering Faulted citing another rule is flagged', () => {
    const rows = edit(jobFault('J1', 0), 'Received,Faulted', 'd4.2,state,job,J1,J1,Received,Faulted,R-TRANSFER-START,,');
    expectOnly(check([rows]), 'R-FAULT', 'job', 'J1', at('d4.2'));
  });

  it('R-FAULT: a fault contact when nothing is Faulted is flagged', () => {
    const story = edit(jobFault('J1', 0), 'contact,job');
    const faultRow = story.find((x) => x.includes('Received,Faulted'))!;
    const r = check([edit(story, 'Received,Faulted', 'd4.1,contact,job,J1,J1,,,R-FAULT,,', faultRow)]);
    expect(r.violations.map((v) => [v.rule, v.id, v.time])).toEqual([['R-FAULT', 'J1', at('d4.1')], ['R-FAULT', 'J1', at('d4.5')]]);
  });

  it('R-FAULT: a job leaving Faulted for a state it could not be in is flagged (R-JOB-TRANSITIONS)', () => {
    const rows = edit(jobFault('J1', 0), 'Faulted,Received', 'd4.5,state,job,J1,J1,Faulted,Completed,R-FAULT,,');
    const r = check([until(rows, 'J1-D01,J1,Received,Transferring')]);
    expectOnly(r, 'R-JOB-TRANSITIONS', 'job', 'J1', at('d4.5'));
  });

  it('R-FAULT: drive faults resolved (copy restarts) or unresolved (errors, Closed), and a job fault, pass', () => {
    expectClean(check([driveFaults('J1', 0)]));
    expectClean(check([jobFault('J1', 0)]));
  });
});
