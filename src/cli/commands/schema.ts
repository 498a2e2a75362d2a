import type { Command } from './command.js';
import { scenarioJsonSchema } from '../../scenarios/json-schema.js';

export const schemaCommand: Command = {
  command: 'schema',
  describe: 'Print the JSON Schema of scenario files (for editor validation and completion)',
  builder: (y) => y.example('$0 schema > scenario.schema.json', 'save it for your editor'),
  handler: () => {
    process.stdout.write(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
    return 0;
  },
};
