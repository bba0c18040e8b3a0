import type { JsonSchema } from '../model/ir.ts';

/** How the set of values a schema admits changed. */
export type TypeRelation = 'same' | 'narrowed' | 'widened' | 'changed';

/**
 * Compares the values two schemas admit, by JSON type and enum (the two things
 * parameters.yaml can state). `integer` counts as part of `number`; a schema
 * with no type admits anything.
 */
export function compareTypes(before: JsonSchema, after: JsonSchema): TypeRelation {
  return combine(compareTypeSets(typeSet(before), typeSet(after)), compareEnums(before.enum, after.enum));
}

/** `string`, `string | null`, `string (one of "a", "b")`, `any`. */
export function describeType(schema: JsonSchema): string {
  const types = typeSet(schema);
  const base = types ? [...types].join(' | ') : 'any';
  if (!schema.enum) return base;
  const values = schema.enum.map((v) => JSON.stringify(v)).join(', ');
  return `${base} (one of ${values})`;
}

function typeSet(schema: JsonSchema): Set<string> | undefined {
  if (schema.type !== undefined) return new Set(Array.isArray(schema.type) ? schema.type : [schema.type]);
  // `string or null` in parameters.yaml becomes anyOf: the union of its alternatives.
  if (schema.anyOf && schema.anyOf.length > 0) {
    const union = new Set<string>();
    for (const alt of schema.anyOf) {
      const types = typeSet(alt);
      if (!types) return undefined;
      for (const t of types) union.add(t);
    }
    return union;
  }
  return undefined;
}

function within(a: Set<string>, b: Set<string>): boolean {
  for (const t of a) if (!b.has(t) && !(t === 'integer' && b.has('number'))) return false;
  return true;
}

function compareTypeSets(a: Set<string> | undefined, b: Set<string> | undefined): TypeRelation {
  if (!a && !b) return 'same';
  if (!a) return 'narrowed';
  if (!b) return 'widened';
  const ab = within(a, b);
  const ba = within(b, a);
  if (ab && ba) return 'same';
  if (ba) return 'narrowed';
  if (ab) return 'widened';
  return 'changed';
}

function compareEnums(a: unknown[] | undefined, b: unknown[] | undefined): TypeRelation {
  if (!a && !b) return 'same';
  if (!a) return 'narrowed';
  if (!b) return 'widened';
  const sa = new Set(a.map((v) => JSON.stringify(v)));
  const sb = new Set(b.map((v) => JSON.stringify(v)));
  const aInB = [...sa].every((v) => sb.has(v));
  const bInA = [...sb].every((v) => sa.has(v));
  if (aInB && bInA) return 'same';
  if (bInA) return 'narrowed';
  if (aInB) return 'widened';
  return 'changed';
}

function combine(x: TypeRelation, y: TypeRelation): TypeRelation {
  if (x === 'same') return y;
  if (y === 'same' || x === y) return x;
  return 'changed';
}
