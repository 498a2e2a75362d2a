import { describe, expect, it } from 'vitest';
import { micro, lines, byRule, H } from './micro.js';
import { ModelBug } from '../../src/model/world.js';

const fixed = (value: string | number) => ({ dist: 'fixed', value });

describe('the end of a job: R-BAD-RETURN-ADDRESS, R-RETURN-LOST', () => {
  it('R-BAD-RETURN-ADDRESS: the customer answers the contact and the drives ship one business day after the reply', () => {
    const { rows } = micro({ datacenter: { badReturnAddress: 1 } });
    const c = 6.5 + H;
    expect(lines(rows, (r) => r.entity === 'job' && r.day >= 6.5 && r.day < 12)).toEqual([
      '6.5 state J-000001 Transferring>Packaging R-PACKAGING',
      `${+c.toFixed(6)} contact J-000001 > R-BAD-RETURN-ADDRESS`,
      `${+(c + 2).toFixed(6)} reply J-000001 > R-BAD-RETURN-ADDRESS`,
      `${+(c + 3).toFixed(6)} ship J-000001 > R-FINISH`,
      `${+(c + 3).toFixed(6)} state J-000001 Packaging>Completed R-FINISH`,
    ]);
  });

  it('R-BAD-RETURN-ADDRESS: an unreachable customer\'s drives are destroyed 90 days after the contact and the job closes', () => {
    const { rows } = micro({ datacenter: { badReturnAddress: 1 }, customer: { reachable: 0 }, horizon: '300d' });
    const c = 6.5 + H;
    expect(lines(rows, byRule('R-BAD-RETURN-ADDRESS'))).toEqual([
      `${+c.toFixed(6)} contact J-000001 > R-BAD-RETURN-ADDRESS`,
      `${+(c + 90).toFixed(6)} destroy J-000001-D01 > R-BAD-RETURN-ADDRESS`,
    ]);
    expect(lines(rows, (r) => r.entity === 'job' && r.kind === 'state' && r.day > 7)).toEqual([`${+(c + 90).toFixed(6)} state J-000001 Packaging>Closed R-FINISH`]);
  });

  it('R-BAD-RETURN-ADDRESS: a late drive delivered while the customer is being asked does not lose the answer', () => {
    // Regression: the delivery used to cancel the pending bad-address reply, leaving the job in Packaging forever.
    const { rows } = micro({
      datacenter: { badReturnAddress: 1 },
      carrier: { missingDrive: 1, missingDriveFollows: 1, followDelay: fixed('1d') },
    }, [{ time: 0, type: 'import', drives: 2 }]);
    const c = 6.5 + H;
    expect(lines(rows, (r) => r.day > 6.5 && r.day < 10)).toEqual([
      `${+c.toFixed(6)} contact J-000001 > R-BAD-RETURN-ADDRESS`,
      '8.5 arrive J-000001-D02 >',
      `${+(c + 2).toFixed(6)} reply J-000001 > R-BAD-RETURN-ADDRESS`,
      '9.5 state J-000001-D02 NeverReceived>Received R-LATE-DRIVE',
      `${+(c + 3).toFixed(6)} ship J-000001 > R-FINISH`,
      `${+(c + 3).toFixed(6)} state J-000001-D01 Completed>ShippedBack R-FINISH`,
      `${+(c + 3).toFixed(6)} state J-000001-D02 Received>ShippedBack R-FINISH`,
      `${+(c + 3).toFixed(6)} state J-000001 Packaging>Completed R-FINISH`,
    ]);
  });

  it('R-RETURN-LOST: a damaged export return leaves the job Completed, and the customer creates a new export job for the blobs', () => {
    const { rows } = micro({ carrier: { returnDamaged: 1 }, customer: { reexportAfterDamage: 1 }, horizon: '20d' }, [{ time: 0, type: 'export', drives: 2 }]);
    expect(lines(rows, (r) => r.day >= 10.5 && r.day < 11 && r.entity === 'job')).toEqual([
      '10.5 lost J-000001 > R-RETURN-LOST',
      '10.5 put J-000002 >',
      '10.5 state J-000002 >Creating',
    ]);
    expect(rows.find((r) => r.kind === 'lost')!.detail).toBe('outcome=damaged');
    expect(rows.find((r) => r.kind === 'put' && r.id === 'J-000002')!.detail).toBe('type=export;drives=2;reexport-of=J-000001');
  });

  it('R-RETURN-LOST applies to export returns only: an import return is delivered', () => {
    const { rows } = micro({ carrier: { returnLost: 1 } });
    expect(rows.some((r) => r.kind === 'lost')).toBe(false);
    expect(lines(rows, (r) => r.kind === 'deliver')).toEqual(['10.5 deliver J-000001 >']);
  });
});

describe('R-FAULT', () => {
  it('a job faults when Received, operations contact the customer, and once resolved it returns to Received and copies', () => {
    const { rows } = micro({ faults: { job: 1, resolution: fixed('1d') } });
    expect(lines(rows, (r) => r.day >= 5.5 && r.day < 7 && r.entity === 'job')).toEqual([
      '5.5 state J-000001 Shipping>Received R-RECEIVED',
      '5.5 state J-000001 Received>Faulted R-FAULT',
      `${+(5.5 + H).toFixed(6)} contact J-000001 > R-FAULT`,
      `${+(6.5 + H).toFixed(6)} state J-000001 Faulted>Received R-FAULT`,
      `${+(6.5 + H).toFixed(6)} state J-000001 Received>Transferring R-TRANSFER-START`,
    ]);
  });

  it('an unresolved job fault is an error: the job ends Closed', () => {
    const { rows } = micro({ faults: { job: 1, unresolved: 1 } });
    expect(rows.find((r) => r.to === 'Received' && r.from === 'Faulted')!.detail).toBe('fault=unresolved');
    expect(rows.find((r) => r.entity === 'job' && r.rule === 'R-FINISH' && r.kind === 'state')!.to).toBe('Closed');
  });

  it('a drive faults mid-copy, leaves its station, and when resolved copies again from Received', () => {
    // With fault probability 1 every copy faults; the first cycle shows the rule, later ones repeat it.
    const { rows } = micro({ faults: { drive: 1, resolution: fixed('1d') }, horizon: '9d' });
    const drive = rows.filter((r) => r.id === 'J-000001-D01' && r.day >= 5.5 && r.from !== 'Specified');
    const [start, fault, contact, back, again] = drive;
    expect(`${start.from}>${start.to}`).toBe('Received>Transferring');
    expect(`${fault.from}>${fault.to} ${fault.rule}`).toBe('Transferring>Faulted R-FAULT');
    expect(fault.day).toBeGreaterThan(5.5);
    expect(fault.day).toBeLessThan(6.5);
    expect(`${contact.kind} ${contact.entity} ${contact.rule}`).toBe('contact drive R-FAULT');
    expect(contact.day - fault.day).toBeCloseTo(H, 9);
    expect(`${back.from}>${back.to} ${back.rule}`).toBe('Faulted>Received R-FAULT');
    expect(back.day - contact.day).toBeCloseTo(1, 9);
    expect(`${again.from}>${again.to}`).toBe('Received>Transferring');
    expect(again.day).toBe(back.day);
  });

  it('an unresolved drive fault ends its copy CompletedMoreInfo with errors, and the job closes', () => {
    const { rows } = micro({ faults: { drive: 1, unresolved: 1 } });
    const end = rows.find((r) => r.id === 'J-000001-D01' && r.from === 'Faulted')!;
    expect(`${end.to} ${end.rule} ${end.detail}`).toBe('CompletedMoreInfo R-FAULT outcome=errors;fault=unresolved');
    expect(rows.find((r) => r.entity === 'job' && r.rule === 'R-FINISH' && r.kind === 'state')!.to).toBe('Closed');
  });
});

describe('R-JOB-TRANSITIONS and R-DRIVE-TRANSITIONS inside the model', () => {
  it('an illegal job transition is a model bug that stops the run with a clear message', () => {
    const { model } = micro({ horizon: '2d' });
    const w = model.world;
    const job = [...w.jobs.values()][0];
    expect(job.state).toBe('Shipping');
    expect(() => w.setJobState(job, 'Packaging', 'R-PACKAGING')).toThrow(ModelBug);
    expect(() => w.setJobState(job, 'Packaging', 'R-PACKAGING')).toThrow(/job J-000001: illegal transition Shipping → Packaging \(R-PACKAGING\) at 2026-03-04T00:00:00.000Z/);
    expect(() => w.setDriveState(job.drives[0], 'ShippedBack', 'R-FINISH')).toThrow(/drive J-000001-D01: illegal transition Specified → ShippedBack/);
  });
});
