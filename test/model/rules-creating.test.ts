import { describe, expect, it } from 'vitest';
import { micro, lines, byKind, H } from './micro.js';

const fixed = (value: string | number) => ({ dist: 'fixed', value });

describe('Creating: R-CREATING-EXPIRE, R-CREATING-RESET, R-SHIP-REQUIRES', () => {
  it('R-CREATING-EXPIRE deletes a job 14 days after Put Job when the customer never calls Update', () => {
    const { rows } = micro({ customer: { neverShips: 1 } });
    expect(lines(rows, byKind('update', 'delete'))).toEqual(['14 delete J-000001 Creating> R-CREATING-EXPIRE']);
    expect(rows.find((r) => r.kind === 'delete')!.detail).toBe('timer=job.creating.expire');
  });

  it('R-CREATING-RESET: an Update at day 10 restarts the timer, so the job is deleted at day 24, not day 14', () => {
    const { rows } = micro({ customer: { neverShips: 1, updatesWhileCreating: fixed(1), updateGap: fixed('10d') } });
    expect(lines(rows, byKind('update', 'delete'))).toEqual([
      '10 update J-000001 > R-CREATING-RESET',
      '24 delete J-000001 Creating> R-CREATING-EXPIRE',
    ]);
  });

  it('R-CREATING-RESET: each of several updates restarts the timer from its own instant', () => {
    const { rows } = micro({ customer: { neverShips: 1, updatesWhileCreating: fixed(3), updateGap: fixed('13d') } });
    expect(lines(rows, byKind('update', 'delete'))).toEqual([
      '13 update J-000001 > R-CREATING-RESET',
      '26 update J-000001 > R-CREATING-RESET',
      '39 update J-000001 > R-CREATING-RESET',
      '53 delete J-000001 Creating> R-CREATING-EXPIRE',
    ]);
  });

  it('R-CREATING-EXPIRE fires before a Shipping request that comes too late', () => {
    const { rows } = micro({ customer: { shipDelay: fixed('15d') } });
    expect(lines(rows, (r) => r.entity === 'job' && r.kind !== 'put')).toEqual([
      '0 state J-000001 >Creating',
      '14 delete J-000001 Creating> R-CREATING-EXPIRE',
    ]);
  });

  it('R-SHIP-REQUIRES refuses Shipping without ReturnAddress; the job stays Creating until the customer sets it', () => {
    const { rows } = micro({ customer: { missingReturnAddress: 1 } });
    expect(lines(rows, (r) => r.entity === 'job' && r.day >= 1 && r.day <= 3)).toEqual([
      '1 update J-000001 > R-CREATING-RESET',
      '1 refuse J-000001 > R-SHIP-REQUIRES',
      '3 update J-000001 > R-CREATING-RESET',
      '3 state J-000001 Creating>Shipping R-SHIP-REQUIRES',
    ]);
    const [refuse, fix] = [rows.find((r) => r.kind === 'refuse')!, rows.filter((r) => r.kind === 'update')[1]];
    expect(refuse.detail).toBe('missing=ReturnAddress');
    expect(fix.detail).toBe('set=ReturnAddress');
  });

  it('R-SHIP-REQUIRES names both missing fields; a customer who never fixes them sees the job expire 14 days after the refused call', () => {
    const { rows } = micro({ customer: { missingReturnAddress: 1, missingDeliveryPackage: 1, fixesRefusal: 0 } });
    expect(rows.find((r) => r.kind === 'refuse')!.detail).toBe('missing=DeliveryPackage,ReturnAddress');
    expect(lines(rows, byKind('delete'))).toEqual(['15 delete J-000001 Creating> R-CREATING-EXPIRE']);
  });
});

describe('customer API calls: R-CANCEL, R-DELETE', () => {
  it('R-CANCEL in Creating completes the job at once (model decision), and R-RETENTION deletes it 90 days later', () => {
    const { rows } = micro({ customer: { cancels: 1, cancelDelay: fixed('12h') } });
    expect(lines(rows, (r) => r.entity === 'job' && r.day > 0)).toEqual([
      '0.5 cancel J-000001 > R-CANCEL',
      '0.5 state J-000001 Creating>Completed R-CANCEL',
      '90.5 delete J-000001 Completed> R-RETENTION',
    ]);
  });

  it('R-CANCEL in Shipping: the job passes through every state without copying and ends Completed', () => {
    const { rows } = micro({ customer: { cancels: 1, cancelDelay: fixed('2d') } });
    expect(lines(rows, (r) => r.kind === 'state' && r.day >= 5)).toEqual([
      '5.5 state J-000001-D01 Specified>Received',
      '5.5 state J-000001 Shipping>Received R-RECEIVED',
      '5.5 state J-000001 Received>Transferring R-TRANSFER-START',
      '5.5 state J-000001 Transferring>Packaging R-PACKAGING',
      '6.5 state J-000001-D01 Received>ShippedBack R-FINISH',
      '6.5 state J-000001 Packaging>Completed R-FINISH',
    ]);
  });

  it('R-CANCEL while Transferring: a running copy finishes, a queued one never starts', () => {
    // One station, two drives: D01 copies 5.5–6.5, D02 waits; the cancel at day 6 withdraws D02.
    const { rows } = micro({ customer: { cancels: 1, cancelDelay: fixed('6d') }, datacenter: { copyStations: 1 } }, [{ time: 0, type: 'import', drives: 2 }]);
    expect(lines(rows, (r) => r.day >= 6 && r.day < 8)).toEqual([
      '6 cancel J-000001 > R-CANCEL',
      '6.5 state J-000001-D01 Transferring>Completed',
      '6.5 state J-000001 Transferring>Packaging R-PACKAGING',
      '7.5 ship J-000001 > R-FINISH',
      '7.5 state J-000001-D01 Completed>ShippedBack R-FINISH',
      '7.5 state J-000001-D02 Received>ShippedBack R-FINISH',
      '7.5 state J-000001 Packaging>Completed R-FINISH',
    ]);
    expect(rows.some((r) => r.id === 'J-000001-D02' && r.to === 'Transferring')).toBe(false);
  });

  it('R-CANCEL is refused in Packaging and nothing changes', () => {
    const { rows } = micro({ customer: { cancels: 1, cancelDelay: fixed('7d') } });
    expect(lines(rows, (r) => r.day >= 7 && r.day <= 7.5)).toEqual([
      '7 cancel J-000001 > R-CANCEL',
      '7 refuse J-000001 > R-CANCEL',
      '7.5 ship J-000001 > R-FINISH',
      '7.5 state J-000001-D01 Completed>ShippedBack R-FINISH',
      '7.5 state J-000001 Packaging>Completed R-FINISH',
    ]);
    expect(rows.find((r) => r.kind === 'refuse')!.detail).toBe('state=Packaging');
  });

  it('R-CANCEL follows the policy: with cancels allowed only in Creating, a cancel in Shipping is refused', () => {
    const { rows } = micro({ customer: { cancels: 1, cancelDelay: fixed('2d') }, rules: { cancelAllowedIn: ['Creating'] } });
    expect(lines(rows, byKind('cancel', 'refuse'))).toEqual(['2 cancel J-000001 > R-CANCEL', '2 refuse J-000001 > R-CANCEL']);
    expect(rows.some((r) => r.id === 'J-000001-D01' && r.to === 'Transferring')).toBe(true);
  });

  it('R-DELETE in Creating deletes the job record at once', () => {
    const { rows } = micro({ customer: { deletesWhileCreating: 1, deleteDelay: fixed('12h') } });
    expect(lines(rows, (r) => r.entity === 'job' && r.day > 0)).toEqual(['0.5 delete J-000001 Creating> R-DELETE']);
  });

  it('R-DELETE is refused in Shipping, and allowed once the job is Completed', () => {
    const { rows } = micro({ customer: { deleteAttemptWhileShipping: 1, deleteDelay: fixed('12h'), deletesAfterFinish: 1 } });
    expect(lines(rows, byKind('delete', 'refuse'))).toEqual([
      '1.5 refuse J-000001 > R-DELETE',
      '12.5 delete J-000001 Completed> R-DELETE',
    ]);
    expect(rows.find((r) => r.kind === 'refuse')!.detail).toBe('state=Shipping');
  });

  it('R-DELETE is refused for a Closed job, which R-RETENTION deletes 90 days later', () => {
    const { rows } = micro({ customer: { deletesAfterFinish: 1 }, datacenter: { copyOutcome: { errors: 1 } } });
    expect(lines(rows, byKind('delete', 'refuse'))).toEqual([
      '12.5 refuse J-000001 > R-DELETE',
      '97.5 delete J-000001 Closed> R-RETENTION',
    ]);
  });

});
