import { describe, expect, it } from 'vitest';
import { micro, lines } from './micro.js';

describe('the normal path of a job (R-RECEIVED, R-TRANSFER-START, R-PACKAGING, R-FINISH, R-RETENTION)', () => {
  it('an import job with one drive goes through every state at exactly the configured times', () => {
    const { rows } = micro();
    expect(lines(rows)).toEqual([
      '0 put J-000001 >',
      '0 state J-000001 >Creating',
      '0 state J-000001-D01 >Specified',
      '1 update J-000001 > R-CREATING-RESET',
      '1 state J-000001 Creating>Shipping R-SHIP-REQUIRES',
      '1.5 ship J-000001 >',
      '4.5 arrive J-000001-D01 >',
      '5.5 state J-000001-D01 Specified>Received',
      '5.5 state J-000001 Shipping>Received R-RECEIVED',
      '5.5 state J-000001-D01 Received>Transferring',
      '5.5 state J-000001 Received>Transferring R-TRANSFER-START',
      '6.5 state J-000001-D01 Transferring>Completed',
      '6.5 state J-000001 Transferring>Packaging R-PACKAGING',
      '7.5 ship J-000001 > R-FINISH',
      '7.5 state J-000001-D01 Completed>ShippedBack R-FINISH',
      '7.5 state J-000001 Packaging>Completed R-FINISH',
      '10.5 deliver J-000001 >',
      '97.5 delete J-000001 Completed> R-RETENTION',
    ]);
    const del = rows.find((r) => r.kind === 'delete')!;
    expect(del.from).toBe('Completed');
    expect(del.detail).toBe('timer=job.finished.retention');
    expect(rows.find((r) => r.kind === 'ship')!.pkg).toBe('P-000001');
    expect(rows.filter((r) => r.kind === 'ship')[1].pkg).toBe('RP-000001');
  });

  it('an export job: drives start Received, the job is Received when its package is processed', () => {
    const { rows } = micro({}, [{ time: 0, type: 'export', drives: 2 }]);
    expect(lines(rows, (r) => r.kind === 'state' && r.entity === 'drive' && r.day < 6)).toEqual([
      '0 state J-000001-D01 >Received',
      '0 state J-000001-D02 >Received',
      '5.5 state J-000001-D01 Received>Transferring',
      '5.5 state J-000001-D02 Received>Transferring',
    ]);
    expect(lines(rows, (r) => r.rule === 'R-RECEIVED')).toEqual(['5.5 state J-000001 Shipping>Received R-RECEIVED']);
  });

  it('R-PACKAGING waits for the last copy: two drives on one station copy one after the other', () => {
    const { rows } = micro({ datacenter: { copyStations: 1 } }, [{ time: 0, type: 'import', drives: 2 }]);
    expect(lines(rows, (r) => r.kind === 'state' && r.day >= 5.5 && r.day < 8)).toEqual([
      '5.5 state J-000001-D01 Specified>Received',
      '5.5 state J-000001-D02 Specified>Received',
      '5.5 state J-000001 Shipping>Received R-RECEIVED',
      '5.5 state J-000001-D01 Received>Transferring',
      '5.5 state J-000001 Received>Transferring R-TRANSFER-START',
      '6.5 state J-000001-D01 Transferring>Completed',
      '6.5 state J-000001-D02 Received>Transferring',
      '7.5 state J-000001-D02 Transferring>Completed',
      '7.5 state J-000001 Transferring>Packaging R-PACKAGING',
    ]);
  });

  it('R-FINISH closes a job whose copy reported errors, and completes one with warnings only', () => {
    const errors = micro({ datacenter: { copyOutcome: { errors: 1 } } });
    expect(lines(errors.rows, (r) => r.day === 6.5 || r.day === 7.5)).toEqual([
      '6.5 state J-000001-D01 Transferring>CompletedMoreInfo',
      '6.5 state J-000001 Transferring>Packaging R-PACKAGING',
      '7.5 ship J-000001 > R-FINISH',
      '7.5 state J-000001-D01 CompletedMoreInfo>ShippedBack R-FINISH',
      '7.5 state J-000001 Packaging>Closed R-FINISH',
    ]);
    expect(errors.rows.find((r) => r.to === 'CompletedMoreInfo')!.detail).toBe('outcome=errors');
    const warnings = micro({ datacenter: { copyOutcome: { warnings: 1 } } });
    expect(warnings.rows.find((r) => r.to === 'CompletedMoreInfo')!.detail).toBe('outcome=warnings');
    expect(lines(warnings.rows, (r) => r.entity === 'job' && r.to === 'Completed')).toEqual(['7.5 state J-000001 Packaging>Completed R-FINISH']);
  });

  it('work calendars: a package delivered on Friday evening is processed on Monday, one business day later', () => {
    // Start Monday 2026-03-02; transit 3.25 d from the ship at d1.5 puts the delivery on Friday d4.75 = 18:00.
    const office = { days: [1, 2, 3, 4, 5], hours: [8, 17] };
    const { rows } = micro({ carrier: { transit: { dist: 'fixed', value: '3.25d' } }, datacenter: { dockCalendar: office } });
    const arrive = rows.find((r) => r.kind === 'arrive')!;
    const received = rows.find((r) => r.to === 'Received' && r.entity === 'drive')!;
    expect(arrive.day).toBe(4.75); // Friday 18:00
    expect(received.day).toBe(7 + 17 / 24); // Monday 17:00: one full 9-hour business day after Monday 08:00
  });
});
