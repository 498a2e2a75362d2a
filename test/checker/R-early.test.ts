import { describe, expect, it } from 'vitest';
import { at, check, edit, expectClean, expectOnly, until } from './helpers.js';
import { earlyArrival, earlyUnanswered, noJobDrives } from './lifecycles.js';

const creatingWithPackage = `
  d0,put,job,J1,J1,,,,,type=import;drives=1
  d0,state,job,J1,J1,,Creating,,,
  d0,state,drive,J1-D01,J1,,Specified,,,
  d1,ship,job,J1,J1,,,,P1,`;

describe('R-EARLY-ARRIVAL', () => {
  it('R-EARLY-ARRIVAL: a drive arriving for a Creating job without the rule is flagged', () => {
    const r = check([creatingWithPackage, 'd2,arrive,drive,J1-D01,J1,,,,P1,']);
    expectOnly(r, 'R-EARLY-ARRIVAL', 'drive', 'J1-D01', at('d2'));
  });

  it('R-EARLY-ARRIVAL: an early drive processed at the dock while its job is Creating is flagged', () => {
    const r = check([creatingWithPackage, 'd2,arrive,drive,J1-D01,J1,,,R-EARLY-ARRIVAL,P1,', 'd3,state,drive,J1-D01,J1,Specified,Received,,,']);
    expectOnly(r, 'R-EARLY-ARRIVAL', 'drive', 'J1-D01', at('d3'));
  });

  it('R-EARLY-ARRIVAL: a drive of no job whose customer answered but that is not returned then is flagged', () => {
    const rows = edit(noJobDrives('U-1', 0), 'return,drive,U-1c');
    expectOnly(check([rows]), 'R-EARLY-ARRIVAL', 'drive', 'U-1c', at('d2'));
  });

  it('R-EARLY-ARRIVAL: an early-arrival contact with no early drive on site is flagged', () => {
    const r = check([creatingWithPackage, 'd3,contact,job,J1,J1,,,R-EARLY-ARRIVAL,,']);
    expectOnly(r, 'R-EARLY-ARRIVAL', 'job', 'J1', at('d3'));
  });

  it('R-EARLY-ARRIVAL: drives held until the job is Shipping, and drives of no job, pass', () => {
    expectClean(check([earlyArrival('J1', 0)]));
    expectClean(check([noJobDrives('U-1', 0)]));
  });
});

describe('R-EARLY-RETURN', () => {
  it('R-EARLY-RETURN: an early drive returned 13 days after its arrival is flagged', () => {
    const rows = edit(earlyUnanswered('J1', 0), 'R-EARLY-RETURN', 'd15,return,drive,J1-D01,J1,,,R-EARLY-RETURN,,');
    const v = expectOnly(check([rows]), 'R-EARLY-RETURN', 'drive', 'J1-D01', at('d15'));
    expect(v.message).toMatch(/returned 13 d after its early arrival/);
  });

  it('R-EARLY-RETURN: an early drive returned by R-EARLY-RETURN although the customer answered is flagged', () => {
    const rows = until(earlyArrival('J1', 0), 'update,job');
    const r = check([rows, 'd14,delete,job,J1,J1,Creating,,R-CREATING-EXPIRE,,', 'd16,return,drive,J1-D01,J1,,,R-EARLY-RETURN,,']);
    expectOnly(r, 'R-EARLY-RETURN', 'drive', 'J1-D01', at('d16'));
  });

  it('R-EARLY-RETURN: a return one day after its R-EARLY-RETURN time is flagged', () => {
    const rows = edit(earlyUnanswered('J1', 0), 'R-EARLY-RETURN', 'd17,return,drive,J1-D01,J1,,,R-EARLY-RETURN,,');
    expectOnly(check([rows]), 'R-EARLY-RETURN', 'drive', 'J1-D01', at('d17'));
  });

  it('R-EARLY-RETURN: returned exactly 14 days after the arrival (after its job expired) passes', () => {
    expectClean(check([earlyUnanswered('J1', 0)]));
  });
});

describe('R-EARLY-DESTROY', () => {
  it('R-EARLY-DESTROY: a drive of no job destroyed 89 days after arrival is flagged', () => {
    const rows = edit(noJobDrives('U-1', 0), 'destroy', 'd89,destroy,drive,U-1b,,,,R-EARLY-DESTROY,,');
    const v = expectOnly(check([rows]), 'R-EARLY-DESTROY', 'drive', 'U-1b', at('d89'));
    expect(v.job).toBe('');
  });

  it('R-EARLY-DESTROY: an unreturned early drive not destroyed at day 90 is flagged', () => {
    const rows = edit(noJobDrives('U-1', 0), 'destroy');
    expectOnly(check([rows], { until: at('d100') }), 'R-EARLY-DESTROY', 'drive', 'U-1b', at('d90'));
  });

  it('R-EARLY-DESTROY: a drive returned early cannot be destroyed later (it is gone)', () => {
    const rows = [...noJobDrives('U-1', 0), 'd95,destroy,drive,U-1a,,,,R-EARLY-DESTROY,,'];
    expectOnly(check([rows]), 'R-EARLY-DESTROY', 'drive', 'U-1a', at('d95'));
  });

  it('R-EARLY-DESTROY: destroyed exactly 90 days after arrival passes', () => {
    expectClean(check([noJobDrives('U-1', 0)]));
  });
});
