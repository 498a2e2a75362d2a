/**
 * UTF-8 text built from several strings into one shared buffer: each string
 * is encoded straight into place (no joined string, no second copy). A chunk
 * is written into a spare buffer handed over by the simulation thread when it
 * is large enough (buffer-pool.ts says why), else into a new one as large as
 * the largest chunk so far, since chunks of a file look alike.
 */
import { roundedSize } from './buffer-pool.js';

const encoder = new TextEncoder();

export class Utf8Chunk {
  private buf: Uint8Array<SharedArrayBuffer> = new Uint8Array(new SharedArrayBuffer(0));
  private at = 0;

  /** `capacity`: the bytes the largest chunk so far took. */
  constructor(private capacity = 16384) {}

  /** Starts the next chunk, in `spare` if it is large enough. */
  begin(spare?: SharedArrayBuffer): void {
    this.buf = new Uint8Array(spare && spare.byteLength >= this.capacity ? spare : new SharedArrayBuffer(roundedSize(this.capacity)));
    this.at = 0;
  }

  /** Appends a string; strings must end on whole characters (csv-stringify's end with a newline). */
  write(s: string): void {
    for (;;) {
      const { read, written } = encoder.encodeInto(s, this.buf.subarray(this.at));
      this.at += written;
      if (read === s.length) break;
      // Out of room: encodeInto stops before a character that does not fit, so the rest starts on a whole one.
      s = s.slice(read);
      const bigger = new Uint8Array(new SharedArrayBuffer(roundedSize(this.at + s.length * 3)));
      bigger.set(this.buf.subarray(0, this.at));
      this.buf = bigger;
    }
    if (this.at > this.capacity) this.capacity = this.at;
  }

  /** The chunk's text: the buffer it is in (`spare` or a new one) and its length in bytes. */
  take(): { buffer: SharedArrayBuffer; length: number } {
    return { buffer: this.buf.buffer, length: this.at };
  }
}
