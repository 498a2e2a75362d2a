/**
 * A timeline that cannot be read as format v1: bad CSV, a wrong header, a
 * malformed field, rows out of time order. It names the line and column so a
 * person can find the spot; the CLI turns it into exit code 2. It is not a
 * rule violation: after it, nothing can be checked reliably.
 */
export class TimelineFormatError extends Error {
  constructor(
    /** 1-based line of the record in the file (the header is line 1). */
    readonly line: number,
    /** The column's name when known (e.g. `time`), else its 1-based number as text. */
    readonly column: string,
    readonly detail: string,
    /** 1-based column number, when known. */
    readonly columnIndex?: number,
  ) {
    super(`line ${line}, column ${columnIndex !== undefined ? `${columnIndex} (${column})` : column}: ${detail}`);
    this.name = 'TimelineFormatError';
  }
}
