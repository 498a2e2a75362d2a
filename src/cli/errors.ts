/**
 * A mistake by the user (bad file, bad field, bad flag). The CLI edge prints
 * its message without a stack trace and exits with `exitCode`; anything else
 * thrown is a bug and keeps its stack.
 */
export class UserError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
    this.name = 'UserError';
  }
}
