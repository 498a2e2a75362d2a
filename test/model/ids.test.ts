import { describe, expect, it } from 'vitest';
import { Drive, Job, driveRows, jobRows } from '../../src/model/entities.js';
import type { World } from '../../src/model/world.js';

const world = { jobRows: jobRows() } as unknown as World;
const rows = driveRows();
const job = (index: number) => new Job(world, index, 'import', 0, 'Creating', 2, false, '');

describe('IDs made from numbers when first asked for (entities.ts)', () => {
  it('a job is J- and its number in six digits; its return package RP- and the same digits once shipped', () => {
    const j = job(42);
    expect(j.id).toBe('J-000042');
    expect(j.returnPackage).toBe('');
    j.returnShipped = 5;
    expect(j.returnPackage).toBe('RP-000042');
    expect(job(1_234_567).id).toBe('J-1234567');
  });

  it("a drive's ID takes the form of its role: listed J-…-D01, extra J-…-X01, orphan O-…, of no job U-…", () => {
    const j = job(42);
    expect(new Drive(rows, 1, j, null, 'listed', 0).id).toBe('J-000042-D01');
    expect(new Drive(rows, 2, j, j, 'extra', 0).id).toBe('J-000042-X02');
    expect(new Drive(rows, 7, null, j, 'orphan', 0).id).toBe('O-000007');
    expect(new Drive(rows, 3, null, null, 'undefined', 0).id).toBe('U-000003');
  });

  it('the same ID string every time it is asked for', () => {
    const d = new Drive(rows, 1, job(5), null, 'listed', 0);
    expect(d.id).toBe(d.id);
  });
});
