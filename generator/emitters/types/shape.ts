import type { JsonSchema } from '../../model/ir.ts';

/**
 * Structural identity of schemas, so that a shape used in several places is
 * declared once. Two schemas have the same key when they describe the same
 * values with the same microversion bounds; descriptions and lookup keys do
 * not count (the first occurrence's description documents the shared type).
 */

const IGNORED = new Set(['description', 'x-lookup-key']);
const keys = new WeakMap<object, string>();

export function shapeKey(schema: JsonSchema): string {
  const cached = keys.get(schema);
  if (cached !== undefined) return cached;
  // Built from the children's (memoized) keys, so keying every node of a tree costs linear time.
  const parts: string[] = [];
  for (const k of Object.keys(schema).sort()) {
    if (IGNORED.has(k)) continue;
    const v: unknown = (schema as Record<string, unknown>)[k];
    let text: string;
    if (k === 'properties' && isPlainObject(v)) {
      text = `{${Object.keys(v)
        .sort()
        .map((p) => `${JSON.stringify(p)}:${shapeKey(v[p] as JsonSchema)}`)
        .join(',')}}`;
    } else if ((k === 'items' || k === 'additionalProperties') && isPlainObject(v)) {
      text = shapeKey(v as JsonSchema);
    } else if (k === 'anyOf' && Array.isArray(v)) {
      text = `[${v.map((s) => shapeKey(s as JsonSchema)).join(',')}]`;
    } else if (k === 'required' && Array.isArray(v)) {
      text = JSON.stringify([...(v as string[])].sort());
    } else {
      text = JSON.stringify(v) ?? 'null';
    }
    parts.push(`${JSON.stringify(k)}:${text}`);
  }
  const key = `{${parts.join(',')}}`;
  keys.set(schema, key);
  return key;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The schema's types as a list (`type` may be one name or several). */
export function typesOf(schema: JsonSchema): string[] {
  if (schema.type === undefined) return [];
  return Array.isArray(schema.type) ? schema.type : [schema.type];
}

/** An object with documented properties: the shapes worth a name of their own. */
export function isStructured(schema: JsonSchema | undefined): schema is JsonSchema & { properties: Record<string, JsonSchema> } {
  if (!schema || !schema.properties) return false;
  const t = typesOf(schema);
  return (t.length === 0 || (t.length === 1 && t[0] === 'object')) && Object.keys(schema.properties).length > 0 && !schema.anyOf && !schema.enum;
}

/** Own property names, in document order. */
export function propertyNames(schema: JsonSchema): string[] {
  return schema.properties ? Object.keys(schema.properties) : [];
}

/** The property's schema (own properties only: a key named `constructor` must not find Object.prototype.constructor). */
export function propertySchema(schema: JsonSchema, name: string): JsonSchema | undefined {
  const props = schema.properties;
  if (!props || !Object.prototype.hasOwnProperty.call(props, name)) return undefined;
  return props[name];
}
