/**
 * Rows of `stride` numbers in one Float64Array that doubles when full, named
 * by their number (the floors' flat records: floor.ts, floor-layouts.ts,
 * checker-floor.ts). A freed row is taken again first, most recent first.
 * `rows` is replaced when it grows: read it after take(), not before.
 */
export class RowTable {
  rows: Float64Array;
  private made = 0;
  private readonly freed: number[] = [];

  constructor(private readonly stride: number, private capacity = 1024) {
    this.rows = new Float64Array(stride * capacity);
  }

  take(): number {
    if (this.freed.length > 0) return this.freed.pop()!;
    if (this.made === this.capacity) {
      const bigger = new Float64Array(2 * this.capacity * this.stride);
      bigger.set(this.rows);
      this.rows = bigger;
      this.capacity *= 2;
    }
    return this.made++;
  }

  free(row: number): void {
    this.freed.push(row);
  }
}
