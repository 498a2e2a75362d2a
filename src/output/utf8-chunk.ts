/**
 * UTF-8 text built from several strings into one buffer that can be
 * transferred: each string is encoded straight into place (no joined string,
 * no second copy). The next chunk starts in a buffer as large as the last
 * one needed, since chunks of a file look alike.
 */
const encoder = new TextEncoder();

export class Utf8Chunk {
  private buf: Uint8Array;
  private at = 0;

  constructor(private capacity = 65536) {
    this.buf = new Uint8Array(capacity);
  }

  write(s: string): void {
    // A UTF-16 unit never takes more than 3 bytes of UTF-8.
    const room = s.length * 3;
    if (this.buf.length - this.at < room) {
      const bigger = new Uint8Array(Math.max(this.buf.length * 2, this.at + room));
      bigger.set(this.buf.subarray(0, this.at));
      this.buf = bigger;
    }
    this.at += encoder.encodeInto(s, this.buf.subarray(this.at)).written;
  }

  /** The text so far, as a view on a buffer of its own (to transfer); starts the next chunk. */
  take(): Uint8Array {
    const bytes = this.buf.subarray(0, this.at);
    this.capacity = Math.max(this.capacity, this.buf.length);
    this.buf = new Uint8Array(this.capacity);
    this.at = 0;
    return bytes;
  }
}
