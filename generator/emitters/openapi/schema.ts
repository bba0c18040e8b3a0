import type { JsonSchema } from '../../model/ir.ts';
import { fromEntries, setKey, type Json, type JsonObject } from './json.ts';
import type { ExportNotes } from './notes.ts';

/**
 * IR schemas -> OpenAPI 3.1 schemas (JSON Schema 2020-12).
 *
 * The IR's own `x-` keywords are not OpenAPI: `x-min-version`/`x-max-version`
 * become `x-openstack: {min-ver, max-ver}` (the shape OpenStack's code-derived
 * specs use); `x-lookup-key` and `x-inferred` are bookkeeping and are dropped.
 */

/** Standard keywords copied as they are when an IR schema carries them. */
const PASS_THROUGH = [
  'title', 'default', 'const', 'examples', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
  'multipleOf', 'minLength', 'maxLength', 'pattern', 'minItems', 'maxItems', 'uniqueItems',
  'minProperties', 'maxProperties', 'readOnly', 'writeOnly', 'deprecated',
] as const;

/** `x-openstack` with the microversion bounds that are set, or undefined. */
export function versionExtension(min: string | undefined, max: string | undefined, extra: JsonObject = {}): JsonObject | undefined {
  const ext: JsonObject = { ...extra };
  if (min !== undefined) ext['min-ver'] = min;
  if (max !== undefined) ext['max-ver'] = max;
  return Object.keys(ext).length > 0 ? ext : undefined;
}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function enumFits(values: unknown[], types: string[]): boolean {
  return values.every((v) => {
    const k = kindOf(v);
    return types.includes(k) || (k === 'integer' && types.includes('number'));
  });
}

/**
 * Converts one IR schema. `where` names the place for notes (`createAttachment request`).
 * Never mutates its input.
 */
export function convertSchema(s: JsonSchema, where: string, notes: ExportNotes): JsonObject {
  const src = s as JsonSchema & Record<string, unknown>;
  const out: JsonObject = {};
  let types = src.type === undefined ? undefined : Array.isArray(src.type) ? [...src.type] : [src.type];
  // Redocly rejects `type: object` with `items` and `type: array` with `properties`;
  // the api-ref documented both, so both shapes stay allowed.
  if (types?.length === 1 && ((types[0] === 'object' && src.items) || (types[0] === 'array' && src.properties))) {
    notes.add(`${where}: a schema of type ${types[0]} also has ${types[0] === 'object' ? 'items' : 'properties'}; typed as array or object`);
    types = ['array', 'object'];
  }
  if (types) out['type'] = types.length === 1 ? types[0]! : types;
  if (typeof src.format === 'string') out['format'] = src.format;
  if (typeof src.description === 'string' && src.description !== '') out['description'] = src.description;
  if (Array.isArray(src.enum) && src.enum.length > 0) {
    const unique = dedupe(src.enum);
    if (types && !enumFits(unique, types)) {
      notes.add(`${where}: enum ${JSON.stringify(unique)} does not fit type ${types.join('|')}; enum dropped`);
    } else {
      out['enum'] = unique as Json[];
    }
  }
  if (src.properties) {
    out['properties'] = fromEntries(
      Object.keys(src.properties).map((k) => [k, convertSchema(src.properties![k]!, `${where}.${k}`, notes)] as const),
    );
  }
  if (Array.isArray(src.required) && src.required.length > 0) out['required'] = dedupe(src.required) as string[];
  if (typeof src.additionalProperties === 'boolean') out['additionalProperties'] = src.additionalProperties;
  else if (src.additionalProperties) out['additionalProperties'] = convertSchema(src.additionalProperties, `${where}{}`, notes);
  if (src.items) out['items'] = convertSchema(src.items, `${where}[]`, notes);
  if (Array.isArray(src.anyOf) && src.anyOf.length > 0) out['anyOf'] = src.anyOf.map((a, i) => convertSchema(a, `${where}|${i}`, notes));
  for (const k of PASS_THROUGH) if (src[k] !== undefined) setKey(out, k, src[k] as Json);
  const ext = versionExtension(src['x-min-version'], src['x-max-version']);
  if (ext) out['x-openstack'] = ext;
  return out;
}

function dedupe<T>(values: T[]): T[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = JSON.stringify(v);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
