import { describe, expect, it } from 'vitest';
import { at, check, edit, expectClean, expectOnly, expectViolations, until } from './helpers.js';
import { missingDrive, noResponse, overdueThenLate, resolveCancel } from './lifecycles.js';

/** A one-drive import set to Shipping at day 1, with no package sent. */
const shipping = `
  d0,put,job,J1,J1,,,,,type=import;drives=1
  d0,state,job,J1,J1,,Creating,,,
  d0,state,drive,J1-D01,J1,,Specified,,,
  d1,update,job,J1,J1,,,R-CREATING-RESET,,
  d1,state,job,J1,J1,Creating,Shipping,R-SHIP-REQUIRES,,`;
const overdue = `${shipping}
  d15,state,drive,J1-D01,J1,Specified,NeverReceived,R-NEVER-RECEIVED,,
  d15,alert,job,J1,J1,,,R-SHIP-OVERDUE,,
  d16,contact,job,J1,J1,,,R-SHIP-OVERDUE,,`;

describe('R-SHIP-OVERDUE', () => {
  it('R-SHIP-OVERDUE: no alert at day 14 of Shipping is flagged', () => {
    const r = check([shipping, 'd15,state,drive,J1-D01,J1,Specified,NeverReceived,R-NEVER-RECEIVED,,'], { until: at('d20') });
    const v = expectOnly(r, 'R-SHIP-OVERDUE', 'job', 'J1', at('d15'));
    expect(v.line).toBeUndefined();
  });

  it('R-SHIP-OVERDUE: an alert one minute late is flagged once, at its due time', () => {
    const r = check([shipping, 'd15,state,drive,J1-D01,J1,Specified,NeverReceived,R-NEVER-RECEIVED,,', 'd15+1m,alert,job,J1,J1,,,R-SHIP-OVERDUE,,']);
    expectOnly(r, 'R-SHIP-OVERDUE', 'job', 'J1', at('d15'));
  });

  it('R-SHIP-OVERDUE: an alert although a package was delivered is flagged', () => {
    const r = check([shipping, 'd10,arrive,drive,J1-D01,J1,,,,P1,', 'd15,alert,job,J1,J1,,,R-SHIP-OVERDUE,,']);
    const v = expectOnly(r, 'R-SHIP-OVERDUE', 'job', 'J1', at('d15'));
    expect(v.message).toMatch(/a package was delivered/);
  });

  it('R-SHIP-OVERDUE: no new alert at the extended deadline is flagged', () => {
    const r = check([overdue, 'd18,reply,job,J1,J1,,,R-SHIP-RESOLVE,,', `d18,extend,job,J1,J1,,,R-SHIP-RESOLVE,,until=${at('d30')}`], { until: at('d40') });
    expectOnly(r, 'R-SHIP-OVERDUE', 'job', 'J1', at('d30'));
  });

  it('R-SHIP-OVERDUE: an alert at day 14 and again at the extended deadline passes', () => {
    const r = check([overdue, 'd18,reply,job,J1,J1,,,R-SHIP-RESOLVE,,', `d18,extend,job,J1,J1,,,R-SHIP-RESOLVE,,until=${at('d30')}`,
      'd30,alert,job,J1,J1,,,R-SHIP-OVERDUE,,', 'd31,contact,job,J1,J1,,,R-SHIP-OVERDUE,,', 'd61,state,job,J1,J1,Shipping,Closed,R-SHIP-NORESPONSE,,']);
    expectClean(r);
  });

  it('R-SHIP-OVERDUE: the overdue story with a late package passes', () => {
    expectClean(check([overdueThenLate('J1', 0)]));
  });
});

describe('R-NEVER-RECEIVED', () => {
  it('R-NEVER-RECEIVED: a drive left Specified at day 14 of Shipping is flagged', () => {
    const r = check([shipping, 'd15,alert,job,J1,J1,,,R-SHIP-OVERDUE,,', 'd16,contact,job,J1,J1,,,R-SHIP-OVERDUE,,']);
    const v = expectOnly(r, 'R-NEVER-RECEIVED', 'drive', 'J1-D01', at('d15'));
    expect(v.job).toBe('J1');
  });

  it('R-NEVER-RECEIVED: a drive marked NeverReceived at day 10 with no package delivered is flagged', () => {
    const r = check([shipping, 'd11,state,drive,J1-D01,J1,Specified,NeverReceived,R-NEVER-RECEIVED,,']);
    expectOnly(r, 'R-NEVER-RECEIVED', 'drive', 'J1-D01', at('d11'));
  });

  it('R-NEVER-RECEIVED: a drive absent from the first package but not marked NeverReceived at the dock is flagged', () => {
    const rows = until(missingDrive('J1', 0), 'Specified,NeverReceived');
    const r = check([rows]);
    expectOnly(r, 'R-NEVER-RECEIVED', 'drive', 'J1-D02', at('d4'));
  });

  it('R-NEVER-RECEIVED: a drive that arrived but is marked NeverReceived is flagged', () => {
    const rows = edit(missingDrive('J1', 0), 'arrive,drive,J1-D01', 'd3,arrive,drive,J1-D01,J1,,,,P-J1,', 'd3,arrive,drive,J1-D02,J1,,,,P-J1,');
    const r = check([until(rows, 'Received,Transferring')]);
    expectOnly(r, 'R-NEVER-RECEIVED', 'drive', 'J1-D02', at('d4'));
  });

  it('R-NEVER-RECEIVED: absent from the package (dock) and at day 14 (timer) both pass', () => {
    expectClean(check([missingDrive('J1', 0)]));
    expectClean(check([overdueThenLate('J1', 0)]));
  });
});

describe('R-SHIP-RESOLVE', () => {
  it('R-SHIP-RESOLVE: Shipping → Completed without a cancel by operations is flagged', () => {
    const r = check([edit(resolveCancel('J1', 0), 'cancel,job')]);
    expectOnly(r, 'R-SHIP-RESOLVE', 'job', 'J1', at('d17'));
  });

  it('R-SHIP-RESOLVE: a reply with no overdue contact is flagged', () => {
    const r = check([shipping, 'd5,reply,job,J1,J1,,,R-SHIP-RESOLVE,,']);
    expectOnly(r, 'R-SHIP-RESOLVE', 'job', 'J1', at('d5'));
  });

  it('R-SHIP-RESOLVE: an extend without a valid until= is flagged', () => {
    const r = check([overdue, 'd18,reply,job,J1,J1,,,R-SHIP-RESOLVE,,', 'd18,extend,job,J1,J1,,,R-SHIP-RESOLVE,,until=soon']);
    expectOnly(r, 'R-SHIP-RESOLVE', 'job', 'J1', at('d18'));
  });

  it('R-SHIP-RESOLVE: an operations cancel that leaves the job in Shipping is flagged', () => {
    const r = check([until(resolveCancel('J1', 0), 'Shipping,Completed')]);
    expectOnly(r, 'R-SHIP-RESOLVE', 'job', 'J1', at('d17'));
  });

  it('R-SHIP-RESOLVE: reply then cancel (Shipping → Completed) passes; reply then extend passes', () => {
    expectClean(check([resolveCancel('J1', 0)]));
    expectClean(check([overdueThenLate('J1', 0)]));
  });
});

describe('R-SHIP-NORESPONSE', () => {
  it('R-SHIP-NORESPONSE: a job closed 29 days after the contact is flagged', () => {
    let rows = edit(noResponse('J1', 0), 'Shipping,Closed', 'd45.25,state,job,J1,J1,Shipping,Closed,R-SHIP-NORESPONSE,,');
    rows = edit(rows, 'R-RETENTION', 'd135.25,delete,job,J1,J1,Closed,,R-RETENTION,,');
    const v = expectOnly(check([rows]), 'R-SHIP-NORESPONSE', 'job', 'J1', at('d45.25'));
    expect(v.message).toMatch(/closed 29 d after the overdue contact/);
  });

  it('R-SHIP-NORESPONSE: a job not closed 30 days after an unanswered contact is flagged', () => {
    const rows = until(noResponse('J1', 0), 'Shipping,Closed');
    expectOnly(check([rows], { until: at('d60') }), 'R-SHIP-NORESPONSE', 'job', 'J1', at('d46.25'));
  });

  it('R-SHIP-NORESPONSE: a job closed although the customer answered is flagged', () => {
    const r = check([overdue, 'd20,reply,job,J1,J1,,,R-SHIP-RESOLVE,,', 'd46,state,job,J1,J1,Shipping,Closed,R-SHIP-NORESPONSE,,']);
    const v = expectOnly(r, 'R-SHIP-NORESPONSE', 'job', 'J1', at('d46'));
    expect(v.message).toMatch(/the customer answered/);
  });

  it('R-SHIP-NORESPONSE: a job closed although its package arrived after the contact is flagged', () => {
    const r = check([overdue, 'd20,arrive,drive,J1-D01,J1,,,,P1,', 'd46,state,job,J1,J1,Shipping,Closed,R-SHIP-NORESPONSE,,']);
    expectViolations(r, [{ rule: 'R-SHIP-NORESPONSE', entity: 'job', id: 'J1', time: at('d46') }]);
  });

  it('R-SHIP-NORESPONSE: closed exactly 30 days after the contact passes', () => {
    expectClean(check([noResponse('J1', 0)]));
  });
});

describe('R-LATE-DRIVE', () => {
  it('R-LATE-DRIVE: a NeverReceived drive received without a later package is flagged', () => {
    const rows = until(overdueThenLate('J1', 0), ',ship,job,J1,J1,,,,P-J1');
    const r = check([rows, 'd23,state,drive,J1-D01,J1,NeverReceived,Received,R-LATE-DRIVE,,', 'd23,state,job,J1,J1,Shipping,Received,R-RECEIVED,,']);
    expectOnly(r, 'R-LATE-DRIVE', 'drive', 'J1-D01', at('d23'));
  });

  it('R-LATE-DRIVE: a late drive that arrived in a later package passes', () => {
    expectClean(check([overdueThenLate('J1', 0)]));
  });
});
