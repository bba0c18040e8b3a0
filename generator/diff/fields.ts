import type { Body, JsonSchema, Parameter, SourceLocation } from '../model/ir.ts';

/**
 * One field of a body, or one parameter, flattened out of its schema so that
 * two versions can be compared by their position on the wire.
 */
export interface FieldInfo {
  /** Matching key: the dotted wire path (`connector.mode`, `links[].href`); header names lower-cased. */
  key: string;
  /** The path as shown to people. */
  display: string;
  /** The dotted path of the containing field (`''` at the top). */
  parent: string;
  schema: JsonSchema;
  required: boolean;
  /** Known only from a sample: the parameters never documented it. */
  inferred: boolean;
  lookupKey?: string;
  description?: string;
  minVersion?: string;
  source?: SourceLocation;
}

/**
 * The fields of a body's content (inside its envelope), keyed by wire path.
 * The documented field list supplies sources; the schema is what emitters use.
 */
export function bodyFields(body: Body): Map<string, FieldInfo> {
  const out = new Map<string, FieldInfo>();
  const sources = new Map<string, SourceLocation>();
  for (const f of body.fields) {
    const segments = body.envelope && f.path[0] === body.envelope ? f.path.slice(1) : f.path;
    sources.set(joinPath(segments), f.source);
  }
  walk(body.schema, '', out, sources, 0);
  // Shown as the IR writes body paths, envelope first (`attachment.connector`, `attachments[].id`).
  if (body.envelope) for (const f of out.values()) f.display = f.key.startsWith('[]') ? `${body.envelope}${f.key}` : `${body.envelope}.${f.key}`;
  return out;
}

function joinPath(segments: string[]): string {
  let out = '';
  for (const s of segments) out = s === '[]' ? `${out}[]` : out ? `${out}.${s}` : s;
  return out;
}

function walk(schema: JsonSchema, path: string, out: Map<string, FieldInfo>, sources: Map<string, SourceLocation>, depth: number): void {
  if (depth > 32) return;
  for (const [name, child] of Object.entries(schema.properties ?? {})) {
    const key = path ? `${path}.${name}` : name;
    out.set(key, {
      key,
      display: key,
      parent: path,
      schema: child,
      required: schema.required?.includes(name) ?? false,
      inferred: child['x-inferred'] === true,
      ...optional(child, sources.get(key)),
    });
    walk(child, key, out, sources, depth + 1);
  }
  if (schema.items) {
    const key = `${path}[]`;
    // Array items have no name and no required flag of their own: their type is what can change.
    out.set(key, { key, display: key, parent: path, schema: schema.items, required: true, inferred: schema.items['x-inferred'] === true, ...optional(schema.items, undefined) });
    walk(schema.items, key, out, sources, depth + 1);
  }
}

function optional(schema: JsonSchema, source: SourceLocation | undefined): Partial<FieldInfo> {
  const o: Partial<FieldInfo> = {};
  if (schema['x-lookup-key']) o.lookupKey = schema['x-lookup-key'];
  if (schema.description) o.description = schema.description;
  if (schema['x-min-version']) o.minVersion = schema['x-min-version'];
  if (source) o.source = source;
  return o;
}

/** Query or header parameters, keyed by name (header names compare case-insensitively). */
export function parameterFields(params: Parameter[], caseInsensitive: boolean): Map<string, FieldInfo> {
  const out = new Map<string, FieldInfo>();
  for (const p of params) {
    const key = caseInsensitive ? p.name.toLowerCase() : p.name;
    if (out.has(key)) continue;
    const info: FieldInfo = { key, display: p.name, parent: '', schema: p.schema, required: p.required, inferred: false, source: p.source };
    if (p.key) info.lookupKey = p.key;
    if (p.description) info.description = p.description;
    if (p.minVersion) info.minVersion = p.minVersion;
    out.set(key, info);
  }
  return out;
}
