import { describe, expect, it } from 'vitest';
import { at, check, edit, expectClean, expectOnly, until } from './helpers.js';
import { cancelInReceived, exportLost, importToPackaging, missingDrive, normalImport, oneDriveFinish } from './lifecycles.js';

describe('R-RECEIVED', () => {
  it('R-RECEIVED: a job Received while one of its drives is still Specified is flagged', () => {
    const rows = edit(missingDrive('J1', 0), 'Specified,NeverReceived');
    const withBoth = edit(rows, 'arrive,drive,J1-D01', 'd3,arrive,drive,J1-D01,J1,,,,P-J1,', 'd3,arrive,drive,J1-D02,J1,,,,P-J1,');
    const r = check([until(withBoth, 'Received,Transferring')]);
    const v = expectOnly(r, 'R-RECEIVED', 'job', 'J1', at('d4'));
    expect(v.message).toMatch(/J1-D02 is Specified/);
  });

  it('R-RECEIVED: a job that stays Shipping once every drive is received is flagged', () => {
    const rows = until(normalImport('J1', 0), 'Shipping,Received');
    expectOnly(check([rows]), 'R-RECEIVED', 'job', 'J1', at('d5'));
  });

  it('R-RECEIVED: a job whose drives are all NeverReceived going to Received is flagged', () => {
    const rows = until(missingDrive('J1', 0), 'arrive');
    const r = check([rows,
      'd15,state,drive,J1-D01,J1,Specified,NeverReceived,R-NEVER-RECEIVED,,',
      'd15,state,drive,J1-D02,J1,Specified,NeverReceived,R-NEVER-RECEIVED,,',
      'd15,alert,job,J1,J1,,,R-SHIP-OVERDUE,,',
      'd15,state,job,J1,J1,Shipping,Received,R-RECEIVED,,']);
    expectOnly(r, 'R-RECEIVED', 'job', 'J1', at('d15'));
  });

  it('R-RECEIVED: an export job Received before its package arrived is flagged', () => {
    const rows = edit(until(exportLost('J1', 0), 'Received,Transferring'), 'arrive');
    expectOnly(check([rows]), 'R-RECEIVED', 'job', 'J1', at('d4'));
  });

  it('R-RECEIVED: import (one drive missing) and export jobs Received at dock processing pass', () => {
    expectClean(check([missingDrive('J1', 0)]));
    expectClean(check([exportLost('J1', 0)]));
  });
});

describe('R-TRANSFER-START', () => {
  it('R-TRANSFER-START: a job Transferring while no drive copies (not cancelled) is flagged', () => {
    const rows = until(normalImport('J1', 0), 'Received,Transferring');
    const r = check([rows, 'd6,state,job,J1,J1,Received,Transferring,R-TRANSFER-START,,']);
    expectOnly(r, 'R-TRANSFER-START', 'job', 'J1', at('d6'));
  });

  it('R-TRANSFER-START: a job that stays Received while a drive copies is flagged', () => {
    const rows = edit(normalImport('J1', 0), 'Received,Transferring,R-TRANSFER-START');
    const r = check([until(rows, 'J1-D02,J1,Received,Transferring')]);
    expectOnly(r, 'R-TRANSFER-START', 'job', 'J1', at('d6'));
  });

  it('R-TRANSFER-START: a copy starting while the job is still Shipping is flagged', () => {
    const rows = until(normalImport('J1', 0), 'Shipping,Received');
    const r = check([rows, 'd5,state,drive,J1-D01,J1,Received,Transferring,,,']);
    expectOnly(r, 'R-TRANSFER-START', 'drive', 'J1-D01', at('d5'));
  });

  it('R-TRANSFER-START: a job cancelled in Received that does not move on is flagged', () => {
    const rows = until(cancelInReceived('J1', 0), 'Received,Transferring');
    expectOnly(check([rows]), 'R-TRANSFER-START', 'job', 'J1', at('d4.5'));
  });

  it('R-TRANSFER-START: with its first copy, and when cancelled (no copy), passes', () => {
    expectClean(check([normalImport('J1', 0)]));
    expectClean(check([cancelInReceived('J1', 0)]));
  });
});

describe('R-PACKAGING', () => {
  it('R-PACKAGING: a job Packaging while a drive still copies is flagged', () => {
    let rows = edit(normalImport('J1', 0), 'Transferring,Packaging');
    rows = edit(rows, 'J1-D01,J1,Transferring,Completed', 'd9,state,drive,J1-D01,J1,Transferring,Completed,,,', 'd9,state,job,J1,J1,Transferring,Packaging,R-PACKAGING,,');
    const r = check([until(rows, 'R-FINISH')]);
    const v = expectOnly(r, 'R-PACKAGING', 'job', 'J1', at('d9'));
    expect(v.message).toMatch(/J1-D02 is Transferring/);
  });

  it('R-PACKAGING: a job that stays Transferring once every copy ended is flagged', () => {
    const rows = until(normalImport('J1', 0), 'Transferring,Packaging');
    expectOnly(check([rows]), 'R-PACKAGING', 'job', 'J1', at('d9.5'));
  });

  it('R-PACKAGING: Packaging when the last copy ends passes', () => {
    expectClean(check([normalImport('J1', 0)]));
  });
});

describe('R-FINISH', () => {
  it('R-FINISH: a job Completed although a drive is NeverReceived is flagged', () => {
    let rows = edit(missingDrive('J1', 0), 'Packaging,Closed', 'd10,state,job,J1,J1,Packaging,Completed,R-FINISH,,');
    rows = edit(rows, 'R-RETENTION', 'd100,delete,job,J1,J1,Completed,,R-RETENTION,,');
    const v = expectOnly(check([rows]), 'R-FINISH', 'job', 'J1', at('d10'));
    expect(v.message).toMatch(/errors \(drive J1-D02 is NeverReceived\)/);
  });

  it('R-FINISH: a job Closed without errors is flagged', () => {
    let rows = edit(normalImport('J1', 0), 'Packaging,Completed', 'd11,state,job,J1,J1,Packaging,Closed,R-FINISH,,');
    rows = edit(rows, 'R-RETENTION', 'd101,delete,job,J1,J1,Closed,,R-RETENTION,,');
    expectOnly(check([rows]), 'R-FINISH', 'job', 'J1', at('d11'));
  });

  it('R-FINISH: a job Completed while a drive is still on site is flagged', () => {
    const rows = edit(normalImport('J1', 0), 'J1-D02,J1,CompletedMoreInfo,ShippedBack');
    const v = expectOnly(check([until(rows, 'deliver')]), 'R-FINISH', 'job', 'J1', at('d11'));
    expect(v.message).toMatch(/J1-D02 is still on site/);
  });

  it('R-FINISH: a drive shipped back without the job\'s return shipment is flagged', () => {
    const rows = importToPackaging('J1', 0);
    const r = check([rows, 'd10,state,drive,J1-D01,J1,Completed,ShippedBack,R-FINISH,,']);
    expectOnly(r, 'R-FINISH', 'drive', 'J1-D01', at('d10'));
  });

  it('R-FINISH: a return shipment after which the job stays Packaging is flagged', () => {
    const rows = importToPackaging('J1', 0);
    const r = check([rows, 'd10,ship,job,J1,J1,,,R-FINISH,RP1,', 'd10,state,drive,J1-D01,J1,Completed,ShippedBack,R-FINISH,,']);
    expectOnly(r, 'R-FINISH', 'job', 'J1', at('d10'));
  });

  it('R-FINISH: Completed without errors and Closed with errors pass', () => {
    expectClean(check([importToPackaging('J1', 0), oneDriveFinish('J1', 0)]));
    expectClean(check([missingDrive('J1', 0)]));
  });
});
