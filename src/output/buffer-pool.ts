/**
 * Spare SharedArrayBuffers for the batches and chunks that go between the
 * simulation thread and the stringify threads. Every ArrayBuffer that
 * arrives on a thread, even one transferred rather than copied, counts for
 * V8 as new external memory, and V8 answers its growth with collections of
 * the whole heap, the model's included: a 100k-job run made about 450 MB of
 * such buffers and 25 extra collections on the simulation thread. Shared
 * buffers are not transferred: the simulation thread keeps its own handle on
 * each, sends it along with the batch, and reuses it once the thread that
 * read (or wrote) it has answered. A run then allocates only as many buffers
 * as are in flight at once.
 */
/**
 * Sizes are rounded up to an eighth of a power of two (at most 1/8 more than
 * asked), so that a batch a few bytes larger than the last can still reuse
 * its buffer.
 */
export function roundedSize(byteLength: number): number {
  const step = 2 ** Math.max(7, Math.floor(Math.log2(Math.max(byteLength, 1))) - 3);
  return Math.ceil(byteLength / step) * step;
}

export class BufferPool {
  private readonly spare: SharedArrayBuffer[] = [];

  /**
   * `max` bounds the spares kept (the rest are left to the GC). The model
   * sends a simulated day's batches before it hears back from any thread
   * (run-to-folder.ts drains between days), so the spares needed are about
   * that many; the memory they hold was in flight anyway.
   */
  constructor(private readonly max = 256) {}

  /** A buffer of at least `byteLength` bytes (rounded up by roundedSize()), not zeroed. */
  take(byteLength: number): SharedArrayBuffer {
    byteLength = roundedSize(byteLength);
    for (let i = this.spare.length - 1; i >= 0; i--) {
      const b = this.spare[i];
      if (b.byteLength >= byteLength) {
        this.spare[i] = this.spare[this.spare.length - 1];
        this.spare.pop();
        return b;
      }
    }
    return new SharedArrayBuffer(byteLength);
  }

  /** The largest spare, if any (for a thread that decides itself how much it needs). */
  takeLargest(): SharedArrayBuffer | undefined {
    if (this.spare.length === 0) return undefined;
    let best = 0;
    for (let i = 1; i < this.spare.length; i++) if (this.spare[i].byteLength > this.spare[best].byteLength) best = i;
    const b = this.spare[best];
    this.spare[best] = this.spare[this.spare.length - 1];
    this.spare.pop();
    return b;
  }

  give(b: SharedArrayBuffer): void {
    if (this.spare.length < this.max) this.spare.push(b);
  }
}
