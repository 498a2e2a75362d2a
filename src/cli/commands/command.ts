import type { Argv } from 'yargs';

/** One CLI command: yargs' shape, with a handler that returns the exit code. */
export interface Command {
  command: string | string[];
  describe: string;
  builder: (y: Argv) => Argv<any>;
  handler: (args: any) => Promise<number | void> | number | void;
}
