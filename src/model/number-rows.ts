/**
 * Rows of numbers for the open jobs and drives, in chunks of Float64Array.
 *
 * Why not a number array per object (what Job and Drive had): each was an
 * object of its own on the JS heap, and every open entity lives for
 * simulated weeks, so the young-generation collector copied each array
 * twice before promoting it, and the old generation traced it until it
 * died (about half of the model's live heap at 100k jobs). A chunk's
 * numbers are outside the heap: the collector never copies or scans them.
 *
 * A row is named by its chunk and its base (offset of its first number).
 * Chunks never move or grow, so a holder keeps both for as long as it has
 * the row. A freed row is reused, most recently freed first (its cache
 * lines are the likeliest to be warm).
 */
export class NumberRows {
  private chunk: Float64Array;
  private next = 0;
  private madeRows = 0;
  /**
   * Made holding a chunk and emptied: V8 makes `[]` a list of small integers and changes
   * its map at the first chunk pushed, and the compiled code of every handler that frees a
   * row then deoptimized on the next run's fresh list (docs/performance.md, "Replications").
   */
  private readonly freeChunks: Float64Array[];
  private readonly freeBases: number[] = [];
  /** Base of the row the last take() returned the chunk of. */
  lastBase = 0;

  /** `init`: a fresh row's numbers (its length is the row's). */
  constructor(private readonly init: Float64Array, private readonly rowsPerChunk = 4096) {
    this.chunk = new Float64Array(init.length * rowsPerChunk);
    this.freeChunks = [this.chunk];
    this.freeChunks.pop();
  }

  get stride(): number {
    return this.init.length;
  }

  /** Rows made so far (in use or free): memory follows this, the most rows in use at once. */
  get made(): number {
    return this.madeRows;
  }

  /** Rows in use (taken and not freed). */
  get inUse(): number {
    return this.madeRows - this.freeBases.length;
  }

  /** A row set to `init`: returns its chunk, and its base is in `lastBase`. */
  take(): Float64Array {
    let a: Float64Array, b: number;
    if (this.freeBases.length > 0) {
      a = this.freeChunks.pop()!;
      b = this.freeBases.pop()!;
    } else {
      if (this.next === this.chunk.length) {
        this.chunk = new Float64Array(this.init.length * this.rowsPerChunk);
        this.next = 0;
      }
      a = this.chunk;
      b = this.next;
      this.next += this.init.length;
      this.madeRows++;
    }
    a.set(this.init, b);
    this.lastBase = b;
    return a;
  }

  /** Gives a row back (its holder must not read it again). */
  free(a: Float64Array, b: number): void {
    this.freeChunks.push(a);
    this.freeBases.push(b);
  }

  /** A row's numbers in a chunk of their own (a holder that outlives its row in the table). */
  static copy(a: Float64Array, b: number, length: number): Float64Array {
    return a.slice(b, b + length);
  }
}
