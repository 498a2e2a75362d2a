#!/usr/bin/env node
/**
 * The iesim command line. The one place that touches the terminal, exit codes
 * and errors: commands throw UserError for user mistakes (printed without a
 * stack trace, exit 2 unless they say otherwise) and return an exit code.
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { COMMANDS } from './commands/index.js';
import { UserError } from './errors.js';
import { OutputError, isFileSystemError } from '../output/output-error.js';

export async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  const parser = yargs(argv)
    .scriptName('iesim')
    .usage('$0 <command> [options]\n\nSimulate and check the Import/Export job lifecycle.')
    .strict()
    .demandCommand(1, `Name a command: ${COMMANDS.map((c) => String(c.command).split(' ')[0]).join(', ')}.`)
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version()
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .fail((msg, err) => {
      // yargs calls this for usage mistakes (msg) and for errors thrown by handlers (err).
      throw err ?? new UserError(msg);
    });
  for (const c of COMMANDS) {
    parser.command({
      ...c,
      handler: async (args: any) => {
        exitCode = (await c.handler(args)) ?? 0;
      },
    } as any);
  }
  try {
    await parser.parseAsync();
    return exitCode;
  } catch (err) {
    if (err instanceof UserError) {
      process.stderr.write(`iesim: ${err.message}\n`);
      if (err.exitCode === 2 && /Unknown argument|Not enough|Missing required|Name a command|Invalid values/.test(err.message)) {
        process.stderr.write('Run iesim --help for usage.\n');
      }
      return err.exitCode;
    }
    if (err instanceof OutputError || isFileSystemError(err)) {
      // The machine, not iesim: a full disk, no permission. The message names the file or folder.
      process.stderr.write(`iesim: ${err.message}\n`);
      return 74;
    }
    throw err;
  }
}

main(hideBin(process.argv)).then(
  (code) => { process.exitCode = code; },
  (err) => {
    process.stderr.write(`iesim: internal error (a bug; please report it with the command line):\n${err?.stack ?? err}\n`);
    process.exitCode = 70;
  },
);
