import { describe, expect, it } from 'vitest';
import { stringify } from 'csv-stringify/sync';
import { BatchWriter } from '../../src/output/batch-codec.js';
import { decodeBatch } from '../../src/output/batch-reader.js';
import { IsoByDay } from '../../src/output/iso-by-day.js';
import { writeDriveRow, writeJobRow } from '../../src/output/record-rows.js';
import { Drive, driveRows } from '../../src/model/entities.js';
import { DRIVE_COLUMNS, JOB_COLUMNS } from '../../src/model/records.js';
import type { JobFacts } from '../../src/model/retained.js';
import { DAY, HOUR, parseInstant } from '../../src/sim/time.js';

const START = parseInstant('2026-01-01');

/** The CSV line csv-stringify writes for the row, as the stringify threads call it. */
function line(write: (w: BatchWriter) => void, columns: readonly string[]): string {
  const w = new BatchWriter();
  write(w);
  const rows = decodeBatch(w.take(), new IsoByDay().format);
  return stringify(rows, { columns: [...columns], header: false, eof: true });
}

describe('job and drive rows written cell by cell', () => {
  it('a job row holds its instants as ISO text, its turnaround in days, and empty cells for what never happened', () => {
    const nan = NaN;
    const job: JobFacts = {
      id: 'J-000042', type: 'import', driveCount: 2, totalBytes: 7137612825162, created: 3152,
      entered: [3152, 2 * DAY, nan, nan, nan, nan, 9 * DAY + HOUR, nan], deleted: nan, deleteRule: '',
      returnShipped: 8.5 * DAY, firstDelivery: 3 * DAY + 1000, cancelRequested: false, escalations: 1, faults: 0, errors: true,
    };
    expect(line((w) => writeJobRow(w, { job, finalState: 'Closed' }, START), JOB_COLUMNS)).toBe(
      'J-000042,import,2,7137612825162,2026-01-01T00:00:03.152Z,2026-01-01T00:00:03.152Z,2026-01-03T00:00:00.000Z,,,,,' +
      '2026-01-10T01:00:00.000Z,Closed,,,5.499988,false,1,0,true\n',
    );
  });

  it('a drive row holds its states\' first instants, outcome, and copy wait and duration in days', () => {
    const d = new Drive(driveRows(), 42, null, null, 'orphan', 1234);
    d.setEnteredAt(1, DAY);
    d.setEnteredAt(3, DAY + HOUR);
    d.state = 'Transferring';
    d.outcome = 'warnings';
    d.copyWait = HOUR;
    d.copyStart = DAY + HOUR;
    expect(line((w) => writeDriveRow(w, { drive: d }, START), DRIVE_COLUMNS)).toBe(
      'O-000042,,orphan,1234,,2026-01-02T00:00:00.000Z,,2026-01-02T01:00:00.000Z,,,,,Transferring,warnings,,,0.041667,\n',
    );
  });
});
