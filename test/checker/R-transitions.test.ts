import { describe, expect, it } from 'vitest';
import { at, check, edit, expectClean, expectOnly, expectViolations, until } from './helpers.js';
import { importToPackaging, missingDrive, normalImport, oneDriveFinish } from './lifecycles.js';

const putEmpty = `
  d0,put,job,J1,J1,,,,,type=import;drives=0
  d0,state,job,J1,J1,,Creating,,,`;

describe('R-JOB-TRANSITIONS', () => {
  it('R-JOB-TRANSITIONS: a job jumping Creating → Packaging is flagged', () => {
    const r = check(`${putEmpty}
      d1,state,job,J1,J1,Creating,Packaging,,,`);
    const v = expectOnly(r, 'R-JOB-TRANSITIONS', 'job', 'J1', at('d1'));
    expect(v.message).toMatch(/Creating → Packaging is not in the spec's job transition table/);
    expect(v.line).toBe(4);
  });

  it('R-JOB-TRANSITIONS: a state row whose from disagrees with the job\'s state is flagged', () => {
    const r = check(`${putEmpty}
      d1,state,job,J1,J1,Shipping,Received,R-RECEIVED,,`);
    expectOnly(r, 'R-JOB-TRANSITIONS', 'job', 'J1', at('d1'));
  });

  it('R-JOB-TRANSITIONS: a finished job entering Faulted is flagged', () => {
    const rows = until(normalImport('J1', 0), ',deliver,');
    const r = check([rows, 'd12,state,job,J1,J1,Completed,Faulted,R-FAULT,,']);
    expectOnly(r, 'R-JOB-TRANSITIONS', 'job', 'J1', at('d12'));
  });

  it('R-JOB-TRANSITIONS: a row for a job after its deletion is flagged (once)', () => {
    const r = check(`${putEmpty}
      d1,delete,job,J1,J1,Creating,,R-DELETE,,
      d2,update,job,J1,J1,,,,,
      d3,update,job,J1,J1,,,,,`);
    const v = expectOnly(r, 'R-JOB-TRANSITIONS', 'job', 'J1', at('d2'));
    expect(v.message).toMatch(/does not exist/);
  });

  it('R-JOB-TRANSITIONS: a state row citing the wrong rule is flagged', () => {
    const r = check(edit(missingDrive('J1', 0), 'Shipping,Received,R-RECEIVED', 'd4,state,job,J1,J1,Shipping,Received,R-PACKAGING,,'));
    const v = expectOnly(r, 'R-JOB-TRANSITIONS', 'job', 'J1', at('d4'));
    expect(v.message).toMatch(/cites rule "R-PACKAGING"; the transition table says "R-RECEIVED"/);
  });

  it('R-JOB-TRANSITIONS: a complete import lifecycle passes', () => {
    expectClean(check([normalImport('J1', 0)]));
  });
});

describe('R-DRIVE-TRANSITIONS', () => {
  const shippedOneDrive = `
    d0,put,job,J1,J1,,,,,type=import;drives=1
    d0,state,job,J1,J1,,Creating,,,
    d0,state,drive,J1-D01,J1,,Specified,,,
    d1,update,job,J1,J1,,,R-CREATING-RESET,,
    d1,state,job,J1,J1,Creating,Shipping,R-SHIP-REQUIRES,,
    d1,ship,job,J1,J1,,,,P1,`;

  it('R-DRIVE-TRANSITIONS: a drive row before its job\'s Creating row says the job has no state yet', () => {
    const r = check(`
      d0,put,job,J1,J1,,,,,type=import;drives=1
      d0,state,drive,J1-D01,J1,,Specified,,,
      d0,state,job,J1,J1,,Creating,,,`);
    const v = expectOnly(r, 'R-DRIVE-TRANSITIONS', 'drive', 'J1-D01', at('d0'));
    expect(v.message).toMatch(/job J1 has no state yet \(its Creating row must come before its drives' rows\)/);
    expect(v.message).not.toMatch(/null/);
  });

  it('R-DRIVE-TRANSITIONS: a drive jumping Specified → Transferring is flagged', () => {
    const r = check(`${shippedOneDrive}
      d3,arrive,drive,J1-D01,J1,,,,P1,
      d4,state,drive,J1-D01,J1,Specified,Transferring,,,`);
    expectOnly(r, 'R-DRIVE-TRANSITIONS', 'drive', 'J1-D01', at('d4'));
  });

  it('R-DRIVE-TRANSITIONS: a drive received at the dock without an arrive row is flagged', () => {
    const r = check(`${shippedOneDrive}
      d4,state,drive,J1-D01,J1,Specified,Received,,,
      d4,state,job,J1,J1,Shipping,Received,R-RECEIVED,,`);
    const v = expectOnly(r, 'R-DRIVE-TRANSITIONS', 'drive', 'J1-D01', at('d4'));
    expect(v.message).toMatch(/no arrive row/);
  });

  it('R-DRIVE-TRANSITIONS: a shipped-back drive changing state again is flagged', () => {
    const rows = importToPackaging('J1', 0).concat(until(oneDriveFinish('J1', 0), ',deliver,'));
    const r = check([rows, 'd11,state,drive,J1-D01,J1,ShippedBack,Received,,,']);
    expectOnly(r, 'R-DRIVE-TRANSITIONS', 'drive', 'J1-D01', at('d11'));
  });

  it('R-DRIVE-TRANSITIONS: an import drive created Received (an export drive\'s start) is flagged', () => {
    const r = check(`
      d0,put,job,J1,J1,,,,,type=import;drives=1
      d0,state,job,J1,J1,,Creating,,,
      d0,state,drive,J1-D01,J1,,Received,,,`);
    expectOnly(r, 'R-DRIVE-TRANSITIONS', 'drive', 'J1-D01', at('d0'));
  });

  it('R-DRIVE-TRANSITIONS: a put announcing 2 drives followed by 1 drive row is flagged', () => {
    const r = check(`
      d0,put,job,J1,J1,,,,,type=import;drives=2
      d0,state,job,J1,J1,,Creating,,,
      d0,state,drive,J1-D01,J1,,Specified,,,`);
    expectOnly(r, 'R-DRIVE-TRANSITIONS', 'job', 'J1', at('d0'));
  });

  it('R-DRIVE-TRANSITIONS: drives through dock, NeverReceived, copy and return pass', () => {
    expectClean(check([missingDrive('J1', 0)]));
  });
});

describe('unknown entities', () => {
  it('a state row of a drive never created is flagged once under R-DRIVE-TRANSITIONS', () => {
    const r = check(`
      d0,state,drive,X1,J9,Specified,Received,,,
      d1,state,drive,X1,J9,Received,Transferring,,,`);
    expectViolations(r, [{ rule: 'R-DRIVE-TRANSITIONS', entity: 'drive', id: 'X1', time: at('d0') }]);
  });
});
