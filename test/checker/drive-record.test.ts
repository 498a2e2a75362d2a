/**
 * A drive record notes whether its ID starts with its job's (jobIdLength),
 * which lets the row reader match a row's job column without reading the
 * job's ID: it must be exact, and forgotten when the drive changes job.
 */
import { describe, expect, it } from 'vitest';
import { newDrive, newJob } from '../../src/checker/records.js';
import { checkTimelineText } from '../../src/checker/index.js';

describe('DriveRec.jobIdLength', () => {
  it('is the job ID\'s length only when the drive ID starts with it, both ASCII', () => {
    const j = newJob('J-000001');
    expect(newDrive('J-000001-D01', j, 'listed').jobIdLength).toBe(8);
    expect(newDrive('J-000002-D01', j, 'listed').jobIdLength).toBe(0);
    expect(newDrive('X', j, 'extra').jobIdLength).toBe(0);
    expect(newDrive('J-000001-é', j, 'extra').jobIdLength).toBe(0);
    expect(newDrive('J-é-D01', newJob('J-é'), 'listed').jobIdLength).toBe(0);
    expect(newDrive('U-1', null, 'undefined').jobIdLength).toBe(0);
  });

  it('is forgotten when the drive changes job', () => {
    const x = newDrive('J1-D01', newJob('J1'), 'listed');
    expect(x.jobIdLength).toBe(2);
    x.setJob(newJob('J1'));
    expect(x.jobIdLength).toBe(0);
    expect(x.role).toBe('listed');
  });

  it('a drive row naming another job whose ID is a prefix of the drive\'s is still checked against that job', () => {
    const rows = [
      'time,kind,entity,id,job,from,to,rule,package,detail',
      '2026-01-01T00:00:00.000Z,put,job,J1,J1,,,,,type=import;drives=1',
      '2026-01-01T00:00:00.000Z,state,job,J1,J1,,Creating,R-JOB-TRANSITIONS,,',
      '2026-01-01T00:00:00.000Z,state,drive,J1-D01,J1,,Specified,R-DRIVE-TRANSITIONS,,',
      '2026-01-01T00:00:00.000Z,put,job,J1-,J1-,,,,,type=import;drives=0',
      '2026-01-01T00:00:00.000Z,state,job,J1-,J1-,,Creating,R-JOB-TRANSITIONS,,',
      '2026-01-02T00:00:00.000Z,state,drive,J1-D01,J1-,Specified,Received,R-RECEIVED,,',
    ].join('\n');
    const r = checkTimelineText(rows);
    expect(r.violations.some((v) => v.id === 'J1-D01' && v.message.includes('but the row names job J1-'))).toBe(true);
  });
});
