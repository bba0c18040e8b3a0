/**
 * Builds the requests of positive and negative checks: the body from the
 * spec's request sample (or, without one, synthesized from the schema), with
 * references to other resources filled from what the suite created or from the
 * user's fixtures, never from the sample's hard-coded ids.
 *
 * A reference is a string field whose name ends in `id`/`uuid` (`volume_uuid`,
 * `imageRef` with a UUID value counts too). Fixture values match by exact name
 * first, then by noun: `volume_id` fills `volume_uuid`.
 */
import { inRange } from './microversion.js';
import type { OperationSpec, RequestSpec, Schema } from './spec.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ID_NAME = /(^|[_-])(id|uuid)$|[a-z0-9](Id|Uuid|UUID|Ref)$/;

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** `volume_uuid`, `volume_id`, `volumeId` -> `volume`; `id` -> ``. */
export function noun(name: string): string {
  return name
    .replace(/([a-z0-9])(Id|Uuid|UUID|Ref)$/, '$1')
    .replace(/[_-]?(id|uuid)$/i, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** `volume_id`, `instance_uuid`, `imageRef`, `id`: names of fields that point at a resource. */
export function isIdName(key: string): boolean {
  return ID_NAME.test(key);
}

export function isReference(key: string, value: unknown): boolean {
  return typeof value === 'string' && (ID_NAME.test(key) || UUID.test(value));
}

function defineOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Where values for references come from. */
export interface ValueSource {
  /** A fixture value by exact name, or for id-like names by noun. */
  fixture(name: string): unknown;
  /** The id of a resource of this noun that the suite created (`attachment`). */
  createdId(noun: string): string | undefined;
}

export interface BuiltBody {
  /** The wire body (undefined: send none). */
  body: unknown;
  /** Required references no fixture and no created resource could fill. */
  missing: string[];
  /** Every reference name looked up without success (required or not): what fixtures could provide. */
  wanted: string[];
}

/** The request sample, or a body synthesized from the schema when the spec has no JSON sample. */
export function baseBody(request: RequestSpec, version: string | undefined): unknown {
  if (request.sample !== undefined) return structuredClone(request.sample);
  const content = synthesize(request.schema, version, 0);
  if (request.envelope === undefined) return content;
  const body: Record<string, unknown> = {};
  defineOwn(body, request.envelope, content);
  return body;
}

/** A minimal value that satisfies `schema`: required properties only, plain placeholder values. */
export function synthesize(schema: Schema, version: string | undefined, depth: number): unknown {
  if (depth > 16) return null;
  if (schema.enum !== undefined && schema.enum.length > 0) return structuredClone(schema.enum[0]);
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  const type = types.find((t) => t !== 'null') ?? types[0] ?? (schema.properties ? 'object' : schema.items ? 'array' : undefined);
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const name of schema.required ?? []) {
        const prop = schema.properties?.[name];
        if (prop && !inRange(version, prop['x-min-version'], prop['x-max-version'])) continue;
        defineOwn(out, name, prop ? synthesize(prop, version, depth + 1) : 'apiref-conformance');
      }
      return out;
    }
    case 'array':
      return [];
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return false;
    case 'null':
      return null;
    case 'string':
      if (schema.format === 'date-time') return '2025-01-01T00:00:00Z';
      if (schema.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
      return 'apiref-conformance';
    default:
      return schema.anyOf?.[0] ? synthesize(schema.anyOf[0], version, depth + 1) : {};
  }
}

/** The wire schema of a request: its content wrapped in its envelope. */
export function requestWireSchema(request: RequestSpec): Schema {
  if (request.envelope === undefined) return request.schema;
  const properties: Record<string, Schema> = {};
  defineOwn(properties, request.envelope, request.schema);
  return { type: 'object', properties, required: [request.envelope] };
}

/**
 * The body a positive check sends: fields outside `version` dropped, references
 * filled; optional references nothing can fill are left out.
 */
export function buildBody(op: OperationSpec, version: string | undefined, source: ValueSource): BuiltBody {
  const out: BuiltBody = { body: undefined, missing: [], wanted: [] };
  if (!op.request) return out;
  const body = baseBody(op.request, version);
  // A map's keys are data (`{"metadata": {"kernel_id": …}}`): sent as they are, never filled as references.
  out.body = op.request.map ? body : fill(body, requestWireSchema(op.request), version, source, out, 0);
  out.missing = [...new Set(out.missing)].sort();
  out.wanted = [...new Set(out.wanted)].sort();
  return out;
}

/** The map content of a request body: inside the envelope, or the body itself. */
export function mapContent(request: RequestSpec, body: unknown): Record<string, unknown> | undefined {
  const content = request.envelope !== undefined ? (isPlainObject(body) ? body[request.envelope] : undefined) : body;
  return isPlainObject(content) ? content : undefined;
}

/**
 * The body of a request on one map key (`PUT …/metadata/{key}`), made to hold
 * that key only, as servers demand (cinder answers 400 "Request body and URI
 * mismatch" otherwise): `{"meta": {"name": "x"}}` for `key` = `k` becomes
 * `{"meta": {"k": "x"}}`. The value is the first entry's, or a placeholder.
 */
export function withMapKey(request: RequestSpec, body: unknown, key: string): unknown {
  const content = mapContent(request, body);
  const first = content === undefined ? undefined : Object.values(content)[0];
  const entry: Record<string, unknown> = {};
  defineOwn(entry, key, first ?? 'apiref-conformance');
  if (request.envelope === undefined) return entry;
  const out: Record<string, unknown> = isPlainObject(body) ? { ...body } : {};
  defineOwn(out, request.envelope, entry);
  return out;
}

function fill(value: unknown, schema: Schema | undefined, version: string | undefined, source: ValueSource, out: BuiltBody, depth: number): unknown {
  if (depth > 32) return value;
  if (Array.isArray(value)) return value.map((v) => fill(v, schema?.items, version, source, out, depth + 1));
  if (!isPlainObject(value)) return value;
  const result: Record<string, unknown> = {};
  const required = new Set(schema?.required ?? []);
  for (const [key, v] of Object.entries(value)) {
    const prop = schema?.properties && hasOwn(schema.properties, key) ? schema.properties[key] : undefined;
    if (prop && !inRange(version, prop['x-min-version'], prop['x-max-version'])) continue;
    const fixture = source.fixture(key);
    if (fixture !== undefined && (isReference(key, v) || !isPlainObject(v) || isPlainObject(fixture))) {
      defineOwn(result, key, structuredClone(fixture));
      continue;
    }
    if (isReference(key, v)) {
      const created = noun(key) !== '' ? source.createdId(noun(key)) : undefined;
      if (created !== undefined) {
        defineOwn(result, key, created);
        continue;
      }
      out.wanted.push(key);
      if (required.has(key)) out.missing.push(key);
      continue; // an optional reference nothing can fill is left out, never sent with the sample's id
    }
    defineOwn(result, key, fill(v, prop, version, source, out, depth + 1));
  }
  return result;
}

/** Removes the field at `path` (segments in the wire body); false when it is not there. */
export function removeField(body: unknown, path: string[]): boolean {
  let cur: unknown = body;
  for (let i = 0; i < path.length - 1; i++) {
    if (!isPlainObject(cur) || !hasOwn(cur, path[i]!)) return false;
    cur = cur[path[i]!];
  }
  const last = path[path.length - 1];
  if (last === undefined || !isPlainObject(cur) || !hasOwn(cur, last)) return false;
  delete cur[last];
  return true;
}
