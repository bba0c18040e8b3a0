/**
 * A validator for the JSON Schema subset apiref's model uses: `type`,
 * `properties`, `patternProperties`, `required`, `additionalProperties`,
 * `items`, `anyOf`, `enum`.
 * `format` is not checked: api-refs document timestamps and UUIDs loosely and
 * their own samples often break the formats they name.
 *
 * Schemas are compiled once into closures (no `eval`, so this runs where code
 * generation is forbidden, such as Cloudflare Workers) and stop at the first
 * problem, which they report with the path of the offending field.
 */
import type { Schema } from './spec.js';

export interface ValidationError {
  /** Where the problem is: property names and array indexes from the root. */
  path: (string | number)[];
  message: string;
}

export type Validator = (value: unknown) => ValidationError | undefined;

type Check = (value: unknown, path: (string | number)[]) => ValidationError | undefined;

/** The JSON type of a parsed JSON value, as a schema's `type` names it. */
export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function typeMatches(type: string, value: unknown): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    default:
      return true; // an unknown type name constrains nothing
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** Deep equality of JSON values, for `enum`. */
function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => hasOwn(b, k) && jsonEqual(a[k], b[k]));
  }
  return false;
}

function compileNode(schema: Schema): Check {
  const checks: Check[] = [];
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    checks.push((v, path) => {
      if (types.some((t) => typeMatches(t, v))) return undefined;
      return { path, message: `must be ${types.join(' or ')}, not ${jsonType(v)}` };
    });
  }
  if (schema.enum !== undefined) {
    const allowed = schema.enum;
    checks.push((v, path) => (allowed.some((a) => jsonEqual(a, v)) ? undefined : { path, message: `must be one of ${JSON.stringify(allowed)}` }));
  }
  if (schema.required !== undefined && schema.required.length > 0) {
    const required = schema.required;
    checks.push((v, path) => {
      if (!isPlainObject(v)) return undefined;
      for (const key of required) if (!hasOwn(v, key)) return { path: [...path, key], message: 'is a required property' };
      return undefined;
    });
  }
  const props = schema.properties ? Object.entries(schema.properties).map(([k, s]) => [k, compileNode(s)] as const) : [];
  const known = new Set(props.map(([k]) => k));
  // Patterns come from the spec's own member names, built by apiref (`^gigabytes_.+$`);
  // one that does not compile constrains nothing rather than breaking the route.
  const patterns: (readonly [RegExp, Check])[] = [];
  for (const [source, s] of Object.entries(schema.patternProperties ?? {})) {
    try {
      patterns.push([new RegExp(source, 'u'), compileNode(s)]);
    } catch {
      // not a valid expression: skipped
    }
  }
  const additional = schema.additionalProperties;
  const additionalCheck = typeof additional === 'object' ? compileNode(additional) : undefined;
  if (props.length > 0 || patterns.length > 0 || additional !== undefined) {
    checks.push((v, path) => {
      if (!isPlainObject(v)) return undefined;
      for (const [key, check] of props) {
        if (!hasOwn(v, key)) continue;
        const err = check(v[key], [...path, key]);
        if (err) return err;
      }
      if (patterns.length > 0 || additional === false || additionalCheck) {
        for (const key of Object.keys(v)) {
          // As in JSON Schema: every matching pattern applies, and additionalProperties
          // covers only the keys that neither a property nor a pattern names.
          let named = known.has(key);
          for (const [re, check] of patterns) {
            if (!re.test(key)) continue;
            named = true;
            const err = check(v[key], [...path, key]);
            if (err) return err;
          }
          if (named) continue;
          if (additional === false) return { path: [...path, key], message: 'is not an allowed property' };
          if (additionalCheck) {
            const err = additionalCheck(v[key], [...path, key]);
            if (err) return err;
          }
        }
      }
      return undefined;
    });
  }
  if (schema.items !== undefined) {
    const item = compileNode(schema.items);
    checks.push((v, path) => {
      if (!Array.isArray(v)) return undefined;
      for (let i = 0; i < v.length; i++) {
        const err = item(v[i], [...path, i]);
        if (err) return err;
      }
      return undefined;
    });
  }
  if (schema.anyOf !== undefined && schema.anyOf.length > 0) {
    const options = schema.anyOf.map(compileNode);
    checks.push((v, path) => {
      let first: ValidationError | undefined;
      for (const option of options) {
        const err = option(v, path);
        if (!err) return undefined;
        first ??= err;
      }
      return { path, message: `does not match any allowed form (first: ${first!.message})` };
    });
  }
  if (checks.length === 0) return () => undefined;
  if (checks.length === 1) return checks[0]!;
  return (v, path) => {
    for (const check of checks) {
      const err = check(v, path);
      if (err) return err;
    }
    return undefined;
  };
}

/** Compiles a schema once; the validator is reused for every request. */
export function compileSchema(schema: Schema): Validator {
  const check = compileNode(schema);
  return (value) => check(value, []);
}

/** `attachment.connector.multipath`, `servers[0].name`. */
export function formatPath(path: (string | number)[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? p : `.${p}`;
  return out;
}

/**
 * Caches validators by schema object, so each schema of a spec is compiled the
 * first time a request needs it and never again.
 */
export class ValidatorCache {
  private readonly cache = new WeakMap<Schema, Validator>();

  get(schema: Schema): Validator {
    let v = this.cache.get(schema);
    if (!v) this.cache.set(schema, (v = compileSchema(schema)));
    return v;
  }
}

/**
 * Turns a query or path string into the type its schema names (`limit=10` is
 * an integer). A value that does not convert stays a string, so validation
 * then names the parameter and the expected type.
 */
export function coerceParam(raw: string | string[], schema: Schema): unknown {
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  if (Array.isArray(raw)) {
    if (types.includes('array')) return raw.map((r) => (schema.items ? coerceParam(r, schema.items) : r));
    raw = raw[raw.length - 1]!; // a repeated scalar: the last one wins, as in webob
  }
  if (types.length === 0 || types.includes('string')) return raw;
  for (const t of types) {
    if ((t === 'integer' || t === 'number') && /^\s*-?\d+(\.\d+)?([eE][+-]?\d+)?\s*$/.test(raw)) return Number(raw);
    if (t === 'boolean') {
      // oslo's bool_from_string spellings.
      const lower = raw.trim().toLowerCase();
      if (['true', '1', 'yes', 'y', 'on', 't'].includes(lower)) return true;
      if (['false', '0', 'no', 'n', 'off', 'f'].includes(lower)) return false;
    }
    if (t === 'array') return raw === '' ? [] : raw.split(',');
    if (t === 'object') {
      // Objects travel as JSON (`metadata={"k":"v"}`), as apiref's client sends them.
      try {
        let unsafe = false;
        const parsed: unknown = JSON.parse(raw, (k, v: unknown) => {
          if (k === '__proto__') unsafe = true;
          return v;
        });
        if (!unsafe && typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed;
      } catch {
        // not JSON: left as text, which validation then refuses
      }
    }
    if (t === 'null' && (raw === '' || raw.toLowerCase() === 'null')) return null;
  }
  return raw;
}
