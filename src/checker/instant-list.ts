/**
 * A list refilled at every instant: the jobs and drives the instant touched,
 * the jobs to compact at its end. It is emptied by forgetting its count, not
 * by `length = 0`: V8 frees an array's storage when its length drops to 0,
 * so the next instant's first push allocated it again, once per instant
 * (tens of millions of times on the 1M timeline). Entries past the count
 * stay referenced until overwritten: at most the busiest instant's worth.
 */
export class InstantList<T> {
  private readonly items: T[] = [];
  private n = 0;

  get size(): number {
    return this.n;
  }

  push(x: T): void {
    if (this.n < this.items.length) this.items[this.n] = x;
    else this.items.push(x);
    this.n++;
  }

  /** The i-th entry pushed since the last clear (0 ≤ i < size). */
  at(i: number): T {
    return this.items[i];
  }

  clear(): void {
    this.n = 0;
  }
}
