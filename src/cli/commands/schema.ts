import type { Command } from './command.js';

export const schemaCommand: Command = {
  command: 'schema',
  describe: 'Print the JSON Schema of scenario files (for editor validation and completion)',
  builder: (y) => y.example('$0 schema > scenario.schema.json', 'save it for your editor'),
  handler: async () => {
    // The scenario schema loads on use (option-flags.ts says why).
    const { scenarioJsonSchema } = await import('../../scenarios/json-schema.js');
    process.stdout.write(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
    return 0;
  },
};
