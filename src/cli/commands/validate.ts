import type { Command } from './command.js';
import { UserError } from '../errors.js';

export const validateCommand: Command = {
  command: 'validate <scenarios..>',
  describe: 'Check scenario files and report every problem at once (exit 2 if any)',
  builder: (y) =>
    y.positional('scenarios', { type: 'string', array: true, describe: 'scenario files' })
      .option('set', { type: 'string', array: true, default: [] as string[], describe: 'overrides to validate too (path=value)' })
      .example('$0 validate scenarios/*.yaml', 'check every shipped scenario'),
  handler: async (args) => {
    // The scenario schema loads on use (option-flags.ts says why).
    const { loadForCli } = await import('../options.js');
    const problems: string[] = [];
    for (const file of args.scenarios as string[]) {
      try {
        loadForCli(file, args.set);
        process.stdout.write(`${file}: ok\n`);
      } catch (err) {
        // Only the user's mistakes are reported per file; anything else is a bug with a stack.
        if (!(err instanceof UserError)) throw err;
        problems.push(err.message);
      }
    }
    if (problems.length) {
      process.stderr.write(`${problems.join('\n')}\n`);
      return 2;
    }
    return 0;
  },
};
