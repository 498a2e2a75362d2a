/**
 * Readings of docs/timeline.md where the simulator's README documents a model
 * decision the page leaves implicit; each is tested both ways.
 */
import { describe, expect, it } from 'vitest';
import { at, check, edit, expectClean, expectOnly, until } from './helpers.js';
import {
  badAddress, cancelThenPackage, cancelWithEarlyDrives, deleteBeforeDelivery, earlyExtraAndOrphan, importToPackaging, lateAfterFinish,
  overtakenPackage, unresolvedJobFault,
} from './lifecycles.js';

describe('late drives after the finish (R-LATE-DRIVE)', () => {
  it('R-LATE-DRIVE: drives of a late package after the job finished go back at once: passes', () => {
    expectClean(check([lateAfterFinish('J1', 0)]));
  });

  it('R-LATE-DRIVE: drives of a job cancelled in Creating that arrive afterwards go back at once: passes', () => {
    expectClean(check([cancelThenPackage('J1', 0)]));
  });

  it('R-LATE-DRIVE: a NeverReceived drive returned without being processed at the dock is flagged', () => {
    const rows = edit(lateAfterFinish('J1', 0), 'NeverReceived,Received,R-LATE-DRIVE');
    expectOnly(check([rows]), 'R-LATE-DRIVE', 'drive', 'J1-D01', at('d21'));
  });

  it('R-LATE-DRIVE: a drive returned as late while its job is still Packaging is flagged', () => {
    const r = check([importToPackaging('J1', 0), 'd9,return,drive,J1-D01,J1,,,R-LATE-DRIVE,,']);
    expectOnly(r, 'R-LATE-DRIVE', 'drive', 'J1-D01', at('d9'));
  });
});

describe('early drives of a job cancelled in Creating (R-CANCEL)', () => {
  it('R-CANCEL: returned at the cancel: passes', () => {
    expectClean(check([cancelWithEarlyDrives('J1', 0)]));
  });

  it('R-CANCEL: early drives returned by R-CANCEL although the job was not cancelled are flagged', () => {
    const rows = until(cancelWithEarlyDrives('J1', 0), 'cancel,job');
    const r = check([rows, 'd5,return,drive,J1-D01,J1,,,R-CANCEL,,']);
    expectOnly(r, 'R-CANCEL', 'drive', 'J1-D01', at('d5'));
  });
});

describe('a return package delivered after the job was deleted', () => {
  it('R-DELETE: the delivery of the deleted job\'s return package passes', () => {
    expectClean(check([deleteBeforeDelivery('J1', 0)]));
  });

  it('R-JOB-TRANSITIONS: a delivery of another package for the deleted job is flagged', () => {
    const rows = edit(deleteBeforeDelivery('J1', 0), 'deliver', 'd13,deliver,job,J1,J1,,,,RP-OTHER,');
    expectOnly(check([rows]), 'R-JOB-TRANSITIONS', 'job', 'J1', at('d13'));
  });
});

describe('the first package is the first one shipped (R-NEVER-RECEIVED)', () => {
  it('R-NEVER-RECEIVED: a second package overtaking the first: no drive NeverReceived, passes', () => {
    expectClean(check([overtakenPackage('J1', 0)]));
  });

  it('R-NEVER-RECEIVED: marking a drive NeverReceived at the overtaking package\'s dock (the first is still on its way) is flagged', () => {
    const rows = edit(overtakenPackage('J1', 0), 'J1-D02,J1,Specified,Received', 'd5,state,drive,J1-D02,J1,Specified,Received,,,',
      'd5,state,drive,J1-D01,J1,Specified,NeverReceived,R-NEVER-RECEIVED,,', 'd5,state,job,J1,J1,Shipping,Received,R-RECEIVED,,');
    const r = check([until(rows, 'arrive,drive,J1-D01')]);
    expectOnly(r, 'R-NEVER-RECEIVED', 'drive', 'J1-D01', at('d5'));
  });
});

describe('extra and orphan drives in an early package', () => {
  it('R-EXTRA-DRIVE: they may cite their own rule, are held, and go back at the finish: passes', () => {
    expectClean(check([earlyExtraAndOrphan('J1', 0, 'O-1')]));
  });

  it('R-ORPHAN-DRIVE: the orphan of an early package left on site at the finish is flagged', () => {
    const rows = edit(earlyExtraAndOrphan('J1', 0, 'O-1'), 'return,drive,O-1');
    expectOnly(check([rows]), 'R-ORPHAN-DRIVE', 'drive', 'O-1', at('d10'));
  });
});

describe('an unresolved job fault is an error (R-FINISH)', () => {
  it('R-FINISH: the job ends Closed: passes', () => {
    expectClean(check([unresolvedJobFault('J1', 0)]));
  });

  it('R-FINISH: the job ends Completed: flagged', () => {
    const rows = unresolvedJobFault('J1', 0).map((r) => r.replace('Packaging,Closed', 'Packaging,Completed').replace('Closed,,R-RETENTION', 'Completed,,R-RETENTION'));
    const v = expectOnly(check([rows]), 'R-FINISH', 'job', 'J1', at('d10'));
    expect(v.message).toMatch(/an unresolved fault/);
  });
});

describe('R-BAD-RETURN-ADDRESS with a late drive during the wait', () => {
  it('R-BAD-RETURN-ADDRESS: a late drive processed during the 90 days does not stop the destruction: missing it is flagged', () => {
    // The pattern the simulator showed (iesim run, carrier-trouble): the wait silently never ended.
    const rows = until(badAddress('J1', 0), 'destroy');
    const r = check([rows, 'd20,arrive,drive,J1-X09,J1,,,,P-late,'], { until: at('d120') });
    expect(r.violations.map((v) => [v.rule, v.id, v.time])).toEqual([['R-BAD-RETURN-ADDRESS', 'J1-D01', at('d99')]]);
  });
});
