/**
 * Checks a response body against its documented schema with ajv, and walks it
 * for drift that a schema alone does not flag (undocumented fields, documented
 * optional fields that are absent). Every finding names the JSON path and the
 * rule it breaks.
 *
 * Policies, so that a run against a real service reports what matters:
 * - `format` (date-time, uuid) is reported as drift, never failed: api-refs
 *   name formats loosely and their own samples break them;
 * - shapes apiref inferred from a sample (`x-inferred`) are reported, not
 *   failed, as they are not documented rules; an inferred `null` constrains nothing;
 * - a property outside its microversion bounds is not required.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import formatsImport from 'ajv-formats';
import type { DriftKind, DriftSeverity } from './drift.js';
import { inRange } from './microversion.js';
import { jsonPath, segmentsFromPointer, type PathSegment } from './json-path.js';
import type { Schema } from './spec.js';

/** One difference between a value and its schema. */
export interface Finding {
  kind: DriftKind;
  severity: DriftSeverity;
  /** Where, as concrete segments (array indexes included). */
  path: PathSegment[];
  expected: string;
  actual: string;
  /** `$.attachment.status: must be string, got integer [type]`. */
  message: string;
}

type FormatsPlugin = (ajv: Ajv) => Ajv;
// ajv-formats is CommonJS: its default import is the plugin or the module object, depending on the module settings.
const formatsModule = formatsImport as unknown as FormatsPlugin | { default: FormatsPlugin };
const addFormats: FormatsPlugin = typeof formatsModule === 'function' ? formatsModule : formatsModule.default;

const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: true });
addFormats(ajv);

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** The JSON type of a value, as a schema's `type` names it. */
export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function defineOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * The schema as it applies at `version`: properties outside their bounds are
 * not required, and a `null` type inferred from a sample constrains nothing.
 */
export function schemaAtVersion(schema: Schema, version: string | undefined, depth = 0): Schema {
  const out: Schema = {};
  if (depth > 48) return out;
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties' || key === 'items' || key === 'anyOf' || key === 'additionalProperties' || key === 'required') continue;
    defineOwn(out as Record<string, unknown>, key, value);
  }
  if (schema['x-inferred'] && schema.type === 'null') delete out.type;
  if (schema.properties) {
    const props: Record<string, Schema> = {};
    for (const [k, v] of Object.entries(schema.properties)) defineOwn(props, k, schemaAtVersion(v, version, depth + 1));
    out.properties = props;
  }
  if (schema.required) {
    const required = schema.required.filter((k) => {
      const p = schema.properties?.[k];
      return p === undefined || inRange(version, p['x-min-version'], p['x-max-version']);
    });
    if (required.length > 0) out.required = required;
  }
  if (schema.items) out.items = schemaAtVersion(schema.items, version, depth + 1);
  if (schema.anyOf) out.anyOf = schema.anyOf.map((s) => schemaAtVersion(s, version, depth + 1));
  if (schema.additionalProperties !== undefined) {
    out.additionalProperties = typeof schema.additionalProperties === 'boolean' ? schema.additionalProperties : schemaAtVersion(schema.additionalProperties, version, depth + 1);
  }
  return out;
}

const compiled = new Map<string, { schema: Schema; validate: ValidateFunction }>();

/** Compiles once per (key, version); the key names the schema (operation and role). */
function validatorFor(key: string, schema: Schema, version: string | undefined): { schema: Schema; validate: ValidateFunction } {
  const cacheKey = `${key}\u0000${version ?? ''}`;
  let v = compiled.get(cacheKey);
  if (!v) {
    const atVersion = schemaAtVersion(schema, version);
    v = { schema: atVersion, validate: ajv.compile(atVersion) };
    compiled.set(cacheKey, v);
  }
  return v;
}

function valueAt(value: unknown, path: PathSegment[]): unknown {
  let cur = value;
  for (const s of path) {
    if (Array.isArray(cur) && typeof s === 'number') cur = cur[s];
    else if (isPlainObject(cur) && typeof s === 'string' && hasOwn(cur, s)) cur = cur[s];
    else return undefined;
  }
  return cur;
}

/** Whether the schema path (`#/properties/a/items/type`) passes through a shape inferred from a sample. */
function throughInferred(schema: Schema, schemaPath: string): boolean {
  let node: unknown = schema;
  for (const raw of segmentsFromPointer(schemaPath.replace(/^#/, ''))) {
    if (isPlainObject(node) && node['x-inferred'] === true) return true;
    if (isPlainObject(node) && typeof raw === 'string' && hasOwn(node, raw)) node = node[raw];
    else if (Array.isArray(node) && typeof raw === 'number') node = node[raw];
    else return false;
  }
  return isPlainObject(node) && node['x-inferred'] === true;
}

function describe(value: unknown): string {
  if (value === undefined) return 'absent';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function fromAjvError(err: ErrorObject, schema: Schema, data: unknown, prefix: PathSegment[]): Finding {
  const at = [...prefix, ...segmentsFromPointer(err.instancePath)];
  const inferred = throughInferred(schema, err.schemaPath);
  const params = err.params as Record<string, unknown>;
  const actualValue = valueAt(data, segmentsFromPointer(err.instancePath));
  if (err.keyword === 'required') {
    const path = [...at, String(params['missingProperty'])];
    return { kind: inferred ? 'sample-shape' : 'missing-field', severity: inferred ? 'warning' : 'error', path, expected: 'present (required)', actual: 'absent', message: `${jsonPath(path)}: required field is missing [required]` };
  }
  if (err.keyword === 'additionalProperties') {
    const path = [...at, String(params['additionalProperty'])];
    return { kind: 'undocumented-field', severity: inferred ? 'warning' : 'error', path, expected: 'no other fields (additionalProperties: false)', actual: 'present', message: `${jsonPath(path)}: field is not allowed [additionalProperties]` };
  }
  if (err.keyword === 'format') {
    const expected = `format ${String(params['format'])}`;
    return { kind: 'format', severity: 'warning', path: at, expected, actual: describe(actualValue), message: `${jsonPath(at)}: ${describe(actualValue)} is not a valid ${String(params['format'])} [format]` };
  }
  if (err.keyword === 'type') {
    const expected = Array.isArray(params['type']) ? (params['type'] as string[]).join(' or ') : String(params['type']);
    return {
      kind: inferred ? 'sample-shape' : 'type',
      severity: inferred ? 'warning' : 'error',
      path: at,
      expected,
      actual: jsonType(actualValue),
      message: `${jsonPath(at)}: must be ${expected}, got ${jsonType(actualValue)} ${describe(actualValue)} [type${inferred ? ', inferred from the spec sample' : ''}]`,
    };
  }
  if (err.keyword === 'enum') {
    const expected = `one of ${JSON.stringify(params['allowedValues'])}`;
    return { kind: inferred ? 'sample-shape' : 'type', severity: inferred ? 'warning' : 'error', path: at, expected, actual: describe(actualValue), message: `${jsonPath(at)}: must be ${expected}, got ${describe(actualValue)} [enum]` };
  }
  const message = `${jsonPath(at)}: ${err.message ?? 'is invalid'} [${err.keyword}]`;
  return { kind: inferred ? 'sample-shape' : 'type', severity: inferred ? 'warning' : 'error', path: at, expected: err.keyword, actual: describe(actualValue), message };
}

/**
 * Validates `value` (found at `prefix` in the body) against `schema` at
 * `version`. `key` identifies the schema for the compile cache.
 */
export function validateAgainst(key: string, schema: Schema, value: unknown, version: string | undefined, prefix: PathSegment[]): Finding[] {
  const { schema: atVersion, validate } = validatorFor(key, schema, version);
  if (validate(value)) return [];
  const errors = validate.errors ?? [];
  // An anyOf reports every branch's complaint; keep only the anyOf's own line.
  const anyOfPaths = errors.filter((e) => e.keyword === 'anyOf').map((e) => e.schemaPath.replace(/\/anyOf$/, '/anyOf/'));
  const kept = errors.filter((e) => e.keyword === 'anyOf' || !anyOfPaths.some((p) => e.schemaPath.startsWith(p)));
  const findings = kept.map((e) => fromAjvError(e, atVersion, value, prefix));
  return dedupe(findings);
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const k = `${f.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The properties a schema documents for an object, merged over `anyOf` branches. */
function documentedProperties(schema: Schema): { props: Record<string, Schema>; required: Set<string>; open: boolean; allInferred: boolean } {
  const props: Record<string, Schema> = {};
  const required = new Set<string>();
  let open = false;
  const branches = [schema, ...(schema.anyOf ?? [])];
  for (const b of branches) {
    for (const [k, v] of Object.entries(b.properties ?? {})) defineOwn(props, k, v);
    for (const r of b.required ?? []) required.add(r);
    if (b.additionalProperties !== undefined && b.additionalProperties !== false) open = true;
  }
  const values = Object.values(props);
  return { props, required, open, allInferred: values.length > 0 && values.every((p) => p['x-inferred'] === true) };
}

/**
 * Drift a schema check does not catch: fields the answer has and the spec does
 * not document, documented optional fields the answer lacks, and fields that
 * appear outside their microversion bounds.
 */
export function shapeDrift(schema: Schema, value: unknown, version: string | undefined, prefix: PathSegment[], depth = 0): Finding[] {
  const out: Finding[] = [];
  if (depth > 48) return out;
  if (Array.isArray(value)) {
    const items = schema.items ?? schema.anyOf?.find((b) => b.items !== undefined)?.items;
    if (items) value.forEach((item, i) => out.push(...shapeDrift(items, item, version, [...prefix, i], depth + 1)));
    return out;
  }
  if (!isPlainObject(value)) return out;
  const { props, required, open, allInferred } = documentedProperties(schema);
  if (Object.keys(props).length === 0) {
    // A free-form object (or a map described by additionalProperties): nothing to compare names against.
    const extra = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
    if (extra) for (const [k, v] of Object.entries(value)) out.push(...shapeDrift(extra, v, version, [...prefix, k], depth + 1));
    return out;
  }
  for (const [k, v] of Object.entries(value)) {
    const path = [...prefix, k];
    const prop = hasOwn(props, k) ? props[k] : undefined;
    if (prop === undefined) {
      if (open) continue;
      out.push({
        kind: 'undocumented-field',
        severity: allInferred ? 'info' : 'warning',
        path,
        expected: 'not documented',
        actual: `present (${jsonType(v)})`,
        message: `${jsonPath(path)}: field is not documented${allInferred ? ' (nor in the spec sample)' : ''}`,
      });
      continue;
    }
    if (!inRange(version, prop['x-min-version'], prop['x-max-version'])) {
      const range = `${prop['x-min-version'] ?? 'any'} to ${prop['x-max-version'] ?? 'latest'}`;
      out.push({ kind: 'undocumented-field', severity: 'warning', path, expected: `only in microversions ${range}`, actual: `present at ${version ?? '(none)'}`, message: `${jsonPath(path)}: field is documented for microversions ${range} only, but present at ${version ?? '(none)'}` });
    }
    out.push(...shapeDrift(prop, v, version, path, depth + 1));
  }
  for (const [k, prop] of Object.entries(props)) {
    if (hasOwn(value, k) || required.has(k) || prop['x-inferred'] === true) continue;
    if (!inRange(version, prop['x-min-version'], prop['x-max-version'])) continue;
    const path = [...prefix, k];
    out.push({ kind: 'missing-field', severity: 'info', path, expected: 'present (optional)', actual: 'absent', message: `${jsonPath(path)}: documented optional field is absent` });
  }
  return out;
}
