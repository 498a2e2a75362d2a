import { describe, expect, it } from 'vitest';
import { at, check, edit, expectClean, expectOnly } from './helpers.js';
import { creatingExpiry, normalImport } from './lifecycles.js';

const put = `
  d0,put,job,J1,J1,,,,,type=import;drives=1
  d0,state,job,J1,J1,,Creating,,,
  d0,state,drive,J1-D01,J1,,Specified,,,`;

describe('R-CREATING-EXPIRE', () => {
  it('R-CREATING-EXPIRE: a job deleted one day late (day 15) is flagged at day 14', () => {
    const rows = [put, 'd15,delete,job,J1,J1,Creating,,R-CREATING-EXPIRE,,'];
    const v = expectOnly(check(rows), 'R-CREATING-EXPIRE', 'job', 'J1', at('d14'));
    expect(v.line).toBe(5); // the first row after the due time
  });

  it('R-CREATING-EXPIRE: a job deleted one minute early is flagged at its row', () => {
    const r = check([put, 'd14-1m,delete,job,J1,J1,Creating,,R-CREATING-EXPIRE,,']);
    expectOnly(r, 'R-CREATING-EXPIRE', 'job', 'J1', at('d14-1m'));
  });

  it('R-CREATING-EXPIRE: a job never deleted is flagged when the timeline runs past day 14', () => {
    const r = check([put], { until: at('d30') });
    const v = expectOnly(r, 'R-CREATING-EXPIRE', 'job', 'J1', at('d14'));
    expect(v.line).toBeUndefined();
  });

  it('R-CREATING-EXPIRE: a job still Creating at a horizon before day 14 passes', () => {
    expectClean(check([put], { until: at('d13') }));
  });

  it('R-CREATING-EXPIRE: a job deleted exactly 14 days after its last update passes', () => {
    expectClean(check([creatingExpiry('J1', 0)]));
  });

  it('R-CREATING-EXPIRE: a 7-day expiry from the options passes (and is flagged with the default 14)', () => {
    const rows = [put, 'd7,delete,job,J1,J1,Creating,,R-CREATING-EXPIRE,,'];
    expectClean(check(rows, { durations: { creatingExpiry: 7 * 86_400_000 } }));
    expectOnly(check(rows), 'R-CREATING-EXPIRE', 'job', 'J1', at('d7'));
  });
});

describe('R-CREATING-RESET', () => {
  it('R-CREATING-RESET: a job deleted at day 14 although an update at day 5 restarted the timer is flagged', () => {
    const r = check([put, 'd5,update,job,J1,J1,,,R-CREATING-RESET,,', 'd14,delete,job,J1,J1,Creating,,R-CREATING-EXPIRE,,']);
    const v = expectOnly(r, 'R-CREATING-RESET', 'job', 'J1', at('d14'));
    expect(v.message).toMatch(/restarted it: now due at 2026-03-20T00:00:00.000Z/);
  });

  it('R-CREATING-RESET: an update while Creating that does not cite R-CREATING-RESET is flagged', () => {
    const r = check([put, 'd2,update,job,J1,J1,,,,,']);
    expectOnly(r, 'R-CREATING-RESET', 'job', 'J1', at('d2'));
  });

  it('R-CREATING-RESET: an update in Shipping citing R-CREATING-RESET is flagged', () => {
    const r = check([put, 'd1,update,job,J1,J1,,,R-CREATING-RESET,,', 'd1,state,job,J1,J1,Creating,Shipping,R-SHIP-REQUIRES,,',
      'd3,update,job,J1,J1,,,R-CREATING-RESET,,']);
    expectOnly(r, 'R-CREATING-RESET', 'job', 'J1', at('d3'));
  });

  it('R-CREATING-RESET: updates at days 3 and 10 moving the expiry to day 24 passes', () => {
    const r = check([put, 'd3,update,job,J1,J1,,,R-CREATING-RESET,,', 'd10,update,job,J1,J1,,,R-CREATING-RESET,,',
      'd24,delete,job,J1,J1,Creating,,R-CREATING-EXPIRE,,']);
    expectClean(r);
  });

  it('R-CREATING-RESET: a refused Shipping request restarting the timer too passes', () => {
    const rows = [put, 'd6,update,job,J1,J1,,,R-CREATING-RESET,,', 'd6,refuse,job,J1,J1,,,R-SHIP-REQUIRES,,missing=ReturnAddress',
      'd20,delete,job,J1,J1,Creating,,R-CREATING-EXPIRE,,'];
    expectClean(check(rows));
  });
});

describe('R-SHIP-REQUIRES', () => {
  it('R-SHIP-REQUIRES: Shipping accepted while DeliveryPackage is still missing is flagged', () => {
    const r = check([put,
      'd1,update,job,J1,J1,,,R-CREATING-RESET,,',
      'd1,refuse,job,J1,J1,,,R-SHIP-REQUIRES,,missing=DeliveryPackage',
      'd2,update,job,J1,J1,,,R-CREATING-RESET,,set=ReturnAddress',
      'd2,state,job,J1,J1,Creating,Shipping,R-SHIP-REQUIRES,,']);
    const v = expectOnly(r, 'R-SHIP-REQUIRES', 'job', 'J1', at('d2'));
    expect(v.message).toMatch(/DeliveryPackage is still missing/);
  });

  it('R-SHIP-REQUIRES: a refused Shipping request that still changes the state is flagged', () => {
    const r = check([put,
      'd1,update,job,J1,J1,,,R-CREATING-RESET,,',
      'd1,refuse,job,J1,J1,,,R-SHIP-REQUIRES,,missing=ReturnAddress',
      'd1,state,job,J1,J1,Creating,Shipping,R-SHIP-REQUIRES,,']);
    expectOnly(r, 'R-SHIP-REQUIRES', 'job', 'J1', at('d1'));
  });

  it('R-SHIP-REQUIRES: Shipping without the customer\'s update call is flagged', () => {
    const r = check([put, 'd1,state,job,J1,J1,Creating,Shipping,R-SHIP-REQUIRES,,']);
    expectOnly(r, 'R-SHIP-REQUIRES', 'job', 'J1', at('d1'));
  });

  it('R-SHIP-REQUIRES: refused, fixed by an update, then accepted passes', () => {
    expectClean(check([normalImport('J1', 0)]));
  });

  it('R-SHIP-REQUIRES: the fix may come in two updates', () => {
    const rows = edit(normalImport('J1', 0), 'set=ReturnAddress,DeliveryPackage',
      'd1.5,update,job,J1,J1,,,R-CREATING-RESET,,set=DeliveryPackage',
      'd2,update,job,J1,J1,,,R-CREATING-RESET,,set=ReturnAddress');
    expectClean(check([rows]));
  });
});
