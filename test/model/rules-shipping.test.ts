import { describe, expect, it } from 'vitest';
import { micro, lines, byKind, byRule, H } from './micro.js';

const fixed = (value: string | number) => ({ dist: 'fixed', value });
const LOST = { carrier: { lostPackage: 1 } };

describe('a package that does not come: R-NEVER-RECEIVED, R-SHIP-OVERDUE, R-SHIP-RESOLVE, R-SHIP-NORESPONSE', () => {
  it('R-NEVER-RECEIVED and R-SHIP-OVERDUE fire together 14 days after Shipping, drive rows first, then operations contact the customer', () => {
    const { rows } = micro({ ...LOST, customer: { reachable: 0 } }, [{ time: 0, type: 'import', drives: 2 }]);
    expect(lines(rows, (r) => r.day >= 15 && r.day < 16)).toEqual([
      '15 state J-000001-D01 Specified>NeverReceived R-NEVER-RECEIVED',
      '15 state J-000001-D02 Specified>NeverReceived R-NEVER-RECEIVED',
      '15 alert J-000001 > R-SHIP-OVERDUE',
      `${15 + H} contact J-000001 > R-SHIP-OVERDUE`,
    ].map((l) => l.replace(/^[\d.]+/, (d) => String(+Number(d).toFixed(6)))));
  });

  it('R-SHIP-NORESPONSE closes a silent customer\'s job 30 days after the contact', () => {
    const { rows } = micro({ ...LOST, customer: { reachable: 0 } });
    const contact = rows.find((r) => r.kind === 'contact')!;
    const closed = rows.find((r) => r.rule === 'R-SHIP-NORESPONSE')!;
    expect(closed.day - contact.day).toBeCloseTo(30, 9);
    expect(`${closed.from}>${closed.to}`).toBe('Shipping>Closed');
    expect(closed.detail).toBe('timer=job.contact.no-response');
    // ...and R-RETENTION deletes it 90 days after that.
    expect(rows.find((r) => r.rule === 'R-RETENTION')!.day - closed.day).toBeCloseTo(90, 9);
  });

  it('R-SHIP-RESOLVE (extend): the customer answers, the wait is extended, and a new alert comes at the new deadline', () => {
    const { rows } = micro({ ...LOST, customer: { replyDelay: fixed('2d') }, rules: { overdueExtension: fixed('7d') } });
    const c = 15 + H; // contact
    expect(lines(rows, (r) => r.entity === 'job' && r.day >= 15 && r.day < 32)).toEqual([
      `15 alert J-000001 > R-SHIP-OVERDUE`,
      `${+c.toFixed(6)} contact J-000001 > R-SHIP-OVERDUE`,
      `${+(c + 2).toFixed(6)} reply J-000001 > R-SHIP-RESOLVE`,
      `${+(c + 2).toFixed(6)} extend J-000001 > R-SHIP-RESOLVE`,
      `${+(c + 9).toFixed(6)} alert J-000001 > R-SHIP-OVERDUE`,
      `${+(c + 9 + H).toFixed(6)} contact J-000001 > R-SHIP-OVERDUE`,
      `${+(c + 11 + H).toFixed(6)} reply J-000001 > R-SHIP-RESOLVE`,
      `${+(c + 11 + H).toFixed(6)} extend J-000001 > R-SHIP-RESOLVE`,
    ]);
    const extend = rows.find((r) => r.kind === 'extend')!;
    expect(extend.detail).toBe(`until=${new Date(Date.parse('2026-03-02T00:00:00Z') + (c + 9) * 86_400_000).toISOString()}`);
  });

  it('R-SHIP-RESOLVE (cancel): the customer answers and cancels; the job goes from Shipping to Completed', () => {
    const { rows } = micro({ ...LOST, customer: { cancelOnOverdue: 1 } });
    const c = 15 + H;
    expect(lines(rows, byRule('R-SHIP-RESOLVE'))).toEqual([
      `${+(c + 2).toFixed(6)} reply J-000001 > R-SHIP-RESOLVE`,
      `${+(c + 2).toFixed(6)} cancel J-000001 > R-SHIP-RESOLVE`,
      `${+(c + 2).toFixed(6)} state J-000001 Shipping>Completed R-SHIP-RESOLVE`,
    ]);
  });

  it('a package delivered after the alert ends the escalation: no closure, the drives come back (R-LATE-DRIVE) and the job proceeds', () => {
    const { rows } = micro({ carrier: { delayedPackage: 1, delay: fixed('20d') }, customer: { reachable: 0 } });
    expect(lines(rows, (r) => r.day >= 24 && r.day < 26)).toEqual([
      '24.5 arrive J-000001-D01 >',
      '25.5 state J-000001-D01 NeverReceived>Received R-LATE-DRIVE',
      '25.5 state J-000001 Shipping>Received R-RECEIVED',
      '25.5 state J-000001-D01 Received>Transferring',
      '25.5 state J-000001 Received>Transferring R-TRANSFER-START',
    ]);
    expect(rows.some((r) => r.rule === 'R-SHIP-NORESPONSE')).toBe(false);
    expect(rows.find((r) => r.entity === 'job' && (r.to === 'Completed' || r.to === 'Closed'))!.to).toBe('Completed');
  });
});

describe('drives missing, late, extra and orphaned: R-NEVER-RECEIVED, R-LATE-DRIVE, R-EXTRA-DRIVE, R-ORPHAN-DRIVE', () => {
  it('R-NEVER-RECEIVED: a drive missing from the package is NeverReceived when the dock processes it, and the job closes with errors', () => {
    const { rows } = micro({ carrier: { missingDrive: 1 } }, [{ time: 0, type: 'import', drives: 2 }]);
    expect(lines(rows, (r) => r.day === 5.5 && r.kind === 'state').slice(0, 3)).toEqual([
      '5.5 state J-000001-D01 Specified>Received',
      '5.5 state J-000001-D02 Specified>NeverReceived R-NEVER-RECEIVED',
      '5.5 state J-000001 Shipping>Received R-RECEIVED',
    ]);
    expect(lines(rows, (r) => r.entity === 'job' && r.rule === 'R-FINISH' && r.kind === 'state')).toEqual(['7.5 state J-000001 Packaging>Closed R-FINISH']);
    expect(rows.some((r) => r.id === 'J-000001-D02' && r.to === 'ShippedBack')).toBe(false);
  });

  it('R-LATE-DRIVE: the missing drive follows in its own package, is moved to Received, copied, and the job completes', () => {
    // Four days of copy (345.6 GB) keep D01 copying until day 9.5; D02 ships at day 4.5, arrives 7.5, dock 8.5.
    const { rows } = micro({
      arrivals: { bytesPerDrive: fixed('345.6GB') },
      carrier: { missingDrive: 1, missingDriveFollows: 1, followDelay: fixed('0d') },
    }, [{ time: 0, type: 'import', drives: 2 }]);
    expect(lines(rows, (r) => r.id === 'J-000001-D02' || (r.kind === 'ship' && r.day < 7))).toEqual([
      '0 state J-000001-D02 >Specified',
      '1.5 ship J-000001 >',
      '4.5 ship J-000001 >',
      '5.5 state J-000001-D02 Specified>NeverReceived R-NEVER-RECEIVED',
      '7.5 arrive J-000001-D02 >',
      '8.5 state J-000001-D02 NeverReceived>Received R-LATE-DRIVE',
      '8.5 state J-000001-D02 Received>Transferring',
      '12.5 state J-000001-D02 Transferring>Completed',
      '13.5 state J-000001-D02 Completed>ShippedBack R-FINISH',
    ]);
    expect(lines(rows, (r) => r.entity === 'job' && r.rule === 'R-FINISH' && r.kind === 'state')).toEqual(['13.5 state J-000001 Packaging>Completed R-FINISH']);
  });

  it('R-EXTRA-DRIVE: an extra drive in the package is never processed and is returned when the job finishes', () => {
    const { rows } = micro({ carrier: { extraDrive: 1 } });
    expect(lines(rows, (r) => r.id === 'J-000001-X01')).toEqual([
      '4.5 arrive J-000001-X01 > R-EXTRA-DRIVE',
      '7.5 return J-000001-X01 > R-EXTRA-DRIVE',
    ]);
    const finish = rows.find((r) => r.entity === 'job' && r.kind === 'state' && r.rule === 'R-FINISH')!;
    expect(rows.indexOf(rows.find((r) => r.kind === 'return')!)).toBeLessThan(rows.indexOf(finish));
  });

  it('R-ORPHAN-DRIVE: a drive of no job in another job\'s package is returned when that job finishes; its job column is empty', () => {
    const { rows } = micro({ carrier: { orphanDrive: 1 } });
    const orphan = rows.filter((r) => r.id === 'O-000001');
    expect(lines(orphan)).toEqual(['4.5 arrive O-000001 > R-ORPHAN-DRIVE', '7.5 return O-000001 > R-ORPHAN-DRIVE']);
    expect(orphan.every((r) => r.job === '' && r.detail === 'with=J-000001')).toBe(true);
  });
});

describe('early arrivals: R-EARLY-ARRIVAL, R-EARLY-RETURN, R-EARLY-DESTROY', () => {
  const EARLY = { customer: { shipsBeforeShippingState: 1 } };

  it('R-EARLY-ARRIVAL: drives for a job still Creating wait; the customer is contacted, sets Shipping, and the dock takes them', () => {
    const { rows } = micro(EARLY);
    expect(lines(rows, (r) => r.day >= 1 && r.day < 8)).toEqual([
      '1 ship J-000001 >',
      '4 arrive J-000001-D01 > R-EARLY-ARRIVAL',
      `${+(4 + H).toFixed(6)} contact J-000001 > R-EARLY-ARRIVAL`,
      `${+(6 + H).toFixed(6)} reply J-000001 > R-EARLY-ARRIVAL`,
      `${+(6 + H).toFixed(6)} update J-000001 > R-CREATING-RESET`,
      `${+(6 + H).toFixed(6)} state J-000001 Creating>Shipping R-SHIP-REQUIRES`,
      `${+(7 + H).toFixed(6)} state J-000001-D01 Specified>Received`,
      `${+(7 + H).toFixed(6)} state J-000001 Shipping>Received R-RECEIVED`,
      `${+(7 + H).toFixed(6)} state J-000001-D01 Received>Transferring`,
      `${+(7 + H).toFixed(6)} state J-000001 Received>Transferring R-TRANSFER-START`,
    ]);
    expect(rows.some((r) => r.rule === 'R-SHIP-OVERDUE')).toBe(false);
  });

  it('R-EARLY-RETURN: the customer is not reached within 14 days of the arrival, so the drives are returned then', () => {
    const { rows } = micro({ ...EARLY, customer: { shipsBeforeShippingState: 1, reachable: 0 } });
    expect(lines(rows, byKind('arrive', 'return', 'destroy', 'delete'))).toEqual([
      '4 arrive J-000001-D01 > R-EARLY-ARRIVAL',
      '14 delete J-000001 Creating> R-CREATING-EXPIRE',
      '18 return J-000001-D01 > R-EARLY-RETURN',
    ]);
  });

  it('R-EARLY-ARRIVAL: no contact once the job\'s early drives have all gone back before operations get to the call (earlyReturn shorter than the wait)', () => {
    const { rows } = micro({ customer: { shipsBeforeShippingState: 1 }, rules: { earlyReturn: '1h', earlyReturnable: 1 } });
    expect(lines(rows, byKind('arrive', 'return', 'contact', 'reply'))).toEqual([
      '4 arrive J-000001-D01 > R-EARLY-ARRIVAL',
      `${+(4 + 1 / 24).toFixed(6)} return J-000001-D01 > R-EARLY-RETURN`,
    ]);
  });

  it('R-EARLY-DESTROY: drives that cannot be returned are destroyed 90 days after arrival', () => {
    const { rows } = micro({ customer: { shipsBeforeShippingState: 1, reachable: 0 }, rules: { earlyReturnable: 0 } });
    expect(lines(rows, byKind('return', 'destroy'))).toEqual(['94 destroy J-000001-D01 > R-EARLY-DESTROY']);
    expect(rows.find((r) => r.kind === 'destroy')!.detail).toBe('timer=drive.early.destroy');
  });

  it('R-EARLY-ARRIVAL for no job at all: the drive has an empty job column, a contact, and is returned when the customer answers', () => {
    // One package of no job per day on average; take the first one.
    const { rows } = micro({ carrier: { noJobPackagesPerDay: 1 }, horizon: '3d' }, []);
    const first = rows.find((r) => r.kind === 'arrive')!;
    const own = rows.filter((r) => r.id === first.id);
    expect(own.map((r) => `${r.kind} ${r.rule}`)).toEqual(['arrive R-EARLY-ARRIVAL', 'contact R-EARLY-ARRIVAL', 'reply R-EARLY-ARRIVAL', 'return R-EARLY-ARRIVAL'].slice(0, own.length));
    expect(own.every((r) => r.job === '' && r.entity === 'drive' && r.id.startsWith('U-'))).toBe(true);
    expect(own[1].day - own[0].day).toBeCloseTo(H, 9);
  });
});
