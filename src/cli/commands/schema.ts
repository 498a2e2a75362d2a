import { z } from 'zod';
import type { Command } from './command.js';
import { scenarioSchema } from '../../scenarios/schema.js';

export const schemaCommand: Command = {
  command: 'schema',
  describe: 'Print the JSON Schema of scenario files (for editor validation and completion)',
  builder: (y) => y.example('$0 schema > scenario.schema.json', 'save it for your editor'),
  handler: () => {
    const schema = z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' });
    process.stdout.write(`${JSON.stringify({ ...schema, title: 'iesim scenario' }, null, 2)}\n`);
    return 0;
  },
};
