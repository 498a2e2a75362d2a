/**
 * An output that could not be written: a full disk, no permission, a file
 * where a folder should be. Not a bug in iesim, so the CLI prints the message
 * (which names the file or folder) without a stack trace and exits 74.
 */
export class OutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputError';
  }
}

/** Runs `write`; a file system error (ENOSPC, EACCES, EEXIST, …) becomes an OutputError saying `what` failed. */
export function writing<T>(what: string, write: () => T): T {
  try {
    return write();
  } catch (err) {
    throw isFileSystemError(err) ? new OutputError(`${what}: ${err.message}`) : err;
  }
}

export function isFileSystemError(err: unknown): err is NodeJS.ErrnoException {
  return err instanceof Error && typeof (err as NodeJS.ErrnoException).code === 'string' && typeof (err as NodeJS.ErrnoException).syscall === 'string';
}
