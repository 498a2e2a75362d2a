/**
 * The JSON Schema of scenario files, for editors (`iesim schema`).
 *
 * A file with `extends:` states only what differs from the file it extends,
 * and the loader merges the two key by key (read.ts deepMerge): such a file
 * may give a calendar's `hours` alone, or a distribution's `p90` alone,
 * which the merged scenario completes. So the fields an object must have
 * (`required`) apply only to a file without `extends:`; they are moved from
 * the objects that merge key by key into one `else` branch at the root
 * (`if: {required: [extends]}`). Lists are replaced whole, never merged, so
 * what a list's items require stays where it is, as does anything inside a
 * choice (`anyOf`): an editor then flags in a variant file only what the
 * loader would refuse whatever the file extends.
 */
import { z } from 'zod';
import { scenarioSchema } from './schema.js';

type Node = Record<string, unknown>;

/** The schema `iesim schema` prints. */
export function scenarioJsonSchema(): Node {
  const schema = z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' }) as Node;
  const { $schema, ...body } = schema;
  const required = liftRequired(body);
  return {
    $schema,
    title: 'iesim scenario',
    ...body,
    ...(required ? { if: { required: ['extends'] }, else: required } : {}),
  };
}

/**
 * Removes `required` from `node`'s object properties, recursively through
 * `properties` only (what deepMerge merges), and returns a schema that
 * requires them again at the same paths (null when nothing was required).
 * The root's own `required` stays: a root field is never merged away.
 */
function liftRequired(node: Node): Node | null {
  const props = node.properties as Record<string, Node> | undefined;
  if (!props) return null;
  const lifted: Record<string, Node> = {};
  for (const [key, child] of Object.entries(props)) {
    const inner = liftRequired(child);
    const own = child.required as string[] | undefined;
    if (own) delete child.required;
    if (own || inner) lifted[key] = { ...(inner ?? {}), ...(own ? { required: own } : {}) };
  }
  return Object.keys(lifted).length > 0 ? { properties: lifted } : null;
}
