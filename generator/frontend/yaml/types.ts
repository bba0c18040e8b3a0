import type { JsonSchema } from '../../model/ir.ts';

/**
 * Maps a parameters.yaml `type` to JSON Schema. The spellings are those real
 * api-refs use; anything else is reported by the caller and kept open (`{}`).
 */
const SIMPLE: Record<string, JsonSchema> = {
  string: { type: 'string' },
  str: { type: 'string' },
  integer: { type: 'integer' },
  int: { type: 'integer' },
  long: { type: 'integer' },
  float: { type: 'number' },
  number: { type: 'number' },
  double: { type: 'number' },
  boolean: { type: 'boolean' },
  bool: { type: 'boolean' },
  uuid: { type: 'string', format: 'uuid' },
  object: { type: 'object' },
  dict: { type: 'object' },
  dictionary: { type: 'object' },
  array: { type: 'array' },
  list: { type: 'array' },
  none: { type: 'null' },
  null: { type: 'null' },
  json: {},
  enum: { type: 'string' },
  datestamp: { type: 'string', format: 'date-time' },
  datetime: { type: 'string', format: 'date-time' },
  timestamp: { type: 'string', format: 'date-time' },
  date: { type: 'string', format: 'date-time' },
  hostname: { type: 'string', format: 'hostname' },
  ip: { type: 'string' },
  url: { type: 'string', format: 'uri' },
  uri: { type: 'string', format: 'uri' },
  csv: { type: 'string' },
};

/** "object or null", "object (or null)", "string, or null", "nullable string": a type that also allows null. */
const NULLABLE = /^(?:nullable\s+(.+)|(.+?)\s*(?:,\s*|\(\s*)?(?:or|\|)\s*(?:none|null)\s*\)?)$/;

/** The type `mapped` names, or null: `{ type: ['object', 'null'] }`, keeping a format. */
function orNull(mapped: MappedType): MappedType {
  const { schema } = mapped;
  // An open schema (`json`, or a spelling not known) already admits null.
  if (!mapped.known || Object.keys(schema).length === 0) return mapped;
  if (schema.anyOf) return { schema: { anyOf: [...schema.anyOf, { type: 'null' }] }, known: true };
  if (schema.type === undefined) return mapped;
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  return { schema: { ...schema, type: types.includes('null') ? types : [...types, 'null'] }, known: true };
}

export interface MappedType {
  schema: JsonSchema;
  /** False when the spelling was not recognized and the schema is left open. */
  known: boolean;
}

export function mapType(raw: unknown): MappedType {
  if (raw === undefined || raw === null) return { schema: {}, known: false };
  const text = String(raw).trim().toLowerCase();
  const nullable = NULLABLE.exec(text);
  if (nullable) return orNull(mapType(nullable[1] ?? nullable[2]));
  const simple = SIMPLE[text];
  if (simple) return { schema: { ...simple }, known: true };
  // "string or object", "string or null", "integer | string", "list/dict" …
  const alternatives = text.split(/\s+or\s+|\s*\|\s*|\s*\/\s*|\s*,\s*/).filter(Boolean);
  if (alternatives.length > 1 && alternatives.every((a) => SIMPLE[a])) {
    return { schema: { anyOf: alternatives.map((a) => ({ ...SIMPLE[a]! })) }, known: true };
  }
  // "key-only" values are present-or-absent flags (`{"os-complete": null}`), any value accepted.
  if (text.startsWith('key-only') || text.startsWith('key only')) return { schema: {}, known: true };
  // Qualified forms: "array of objects", "list of strings", "string (uuid)".
  const of = /^(array|list)\s+of\s+(\w+?)s?$/.exec(text);
  if (of && SIMPLE[of[2]!]) return { schema: { type: 'array', items: { ...SIMPLE[of[2]!]! } }, known: true };
  const head = /^(\w+)\b/.exec(text);
  if (head && SIMPLE[head[1]!]) return { schema: { ...SIMPLE[head[1]!]! }, known: true };
  return { schema: {}, known: false };
}
