/**
 * The model, reduced to what the server runtime needs (`ApiSpec`): one place
 * that decides how the IR becomes routes, shared by the server emitter (which
 * embeds the result in `server.ts`) and `apiref mock` (which builds it at run
 * time), so the generated server and the mock behave the same.
 */
import type { ApiModel, Body, JsonSchema, JsonType, Operation, Parameter } from '../../model/ir.ts';
import { ERROR_NAMES } from '../../frontend/status-codes.ts';
import { pathParameterNames } from '../../frontend/rest-method.ts';
import { maxVersion, minVersion, parseVersion } from '../../model/version.ts';
import { serviceErrorEnvelope } from '../service-errors.ts';
import type { ApiSpec, BodySpec, ParamSpec, RouteSpec, Schema } from '../../../templates/server/runtime/spec.ts';

export interface RouteSpecOptions {
  serviceType?: string | undefined;
  microversionHeader?: string | undefined;
}

/**
 * The default supported range: from `MAJOR.0` to the highest microversion the
 * document mentions anywhere (operations, parameters, body fields, status
 * codes). The lowest version a document mentions (3.27 for the attachments
 * spec) is not the lowest the service accepts (Cinder's is 3.0), hence
 * `MAJOR.0`; both ends can be overridden with
 * `createRouter(handlers, { minVersion, maxVersion })` (Cinder today: 3.0 to 3.70).
 * A document that mentions no microversion gets no negotiation at all.
 */
export function defaultVersionRange(model: ApiModel): { min: string; max: string } | undefined {
  const versions = mentionedVersions(model).filter((v) => parseVersion(v) !== undefined);
  const max = maxVersion(versions);
  const min = minVersion(versions);
  if (max === undefined || min === undefined) return undefined;
  return { min: `${parseVersion(min)![0]}.0`, max };
}

function mentionedVersions(model: ApiModel): string[] {
  const out: string[] = [];
  const add = (...vs: (string | undefined)[]): void => {
    for (const v of vs) if (v !== undefined) out.push(v);
  };
  add(model.api.minVersion, model.api.maxVersion);
  for (const op of model.operations) {
    add(op.minVersion, op.maxVersion);
    for (const r of op.responses) add(r.minVersion, r.maxVersion);
    for (const p of [...op.parameters.path, ...op.parameters.query, ...op.parameters.header, ...op.responseHeaders]) add(p.minVersion, p.maxVersion);
    for (const f of [...(op.request?.fields ?? []), ...(op.response?.fields ?? [])]) add(f.minVersion, f.maxVersion);
  }
  return out;
}

export function buildApiSpec(model: ApiModel, options: RouteSpecOptions = {}): ApiSpec {
  const range = defaultVersionRange(model);
  const spec: ApiSpec = { title: model.api.title, operations: model.operations.map(routeSpec) };
  const serviceType = options.serviceType ?? model.api.serviceType;
  const header = options.microversionHeader ?? model.api.microversionHeader;
  if (serviceType !== undefined) spec.serviceType = serviceType;
  const errorEnvelope = serviceErrorEnvelope(serviceType);
  if (errorEnvelope !== undefined) spec.errorEnvelope = { key: errorEnvelope.key, fields: [...errorEnvelope.fields] };
  if (header !== undefined) spec.microversionHeader = header;
  if (range) {
    spec.minVersion = range.min;
    spec.maxVersion = range.max;
  }
  return spec;
}

export function routeSpec(op: Operation): RouteSpec {
  const route: RouteSpec = {
    id: op.id,
    method: op.method,
    path: op.path,
    params: {
      path: pathParams(op),
      query: firstByName(op.parameters.query).map((p) => paramSpec(p)),
      header: firstByName(op.parameters.header).map((p) => paramSpec(p)),
    },
    success: [...new Set(op.responses.filter((r) => r.kind === 'success').map((r) => r.status))],
    errors: {},
  };
  if (op.action !== undefined) route.action = op.action;
  if (op.fixedQuery !== undefined) route.fixedQuery = op.fixedQuery;
  if (op.minVersion !== undefined) route.minVersion = op.minVersion;
  if (op.maxVersion !== undefined) route.maxVersion = op.maxVersion;
  for (const r of op.responses) {
    if (r.kind === 'error') route.errors[String(r.status)] ??= r.name ?? ERROR_NAMES[r.status] ?? (r.status >= 500 ? 'computeFault' : 'badRequest');
  }
  if (op.request) route.request = requestSpec(op, op.request);
  if (op.response) route.response = bodySpec(op.response, 'response');
  return route;
}

/**
 * Path parameters are the template's `{name}`s (as in types.ts): typed by their
 * documentation where there is one, strings otherwise; documented names the
 * template lacks are dropped.
 */
function pathParams(op: Operation): ParamSpec[] {
  const documented = new Map(firstByName(op.parameters.path).map((p) => [p.name, p]));
  const names = [...new Set(pathParameterNames(op.path))];
  return names.map((name) => {
    const doc = documented.get(name);
    return { name, required: true, schema: doc ? cleanSchema(doc.schema, 'request') : { type: 'string' } };
  });
}

/** A stanza may list a name twice: the first definition wins (as in types.ts). */
function firstByName(params: Parameter[]): Parameter[] {
  const seen = new Set<string>();
  return params.filter((p) => (seen.has(p.name) ? false : (seen.add(p.name), true)));
}

function paramSpec(p: Parameter): ParamSpec {
  return { name: p.name, required: p.required, schema: cleanSchema(p.schema, 'request') };
}

function requestSpec(op: Operation, body: Body): BodySpec {
  const spec = bodySpec(body, 'request');
  // `{"os-complete": null}`: an action whose value carries no required data may be sent as null.
  if (op.action !== undefined && (spec.schema.required ?? []).length === 0 && !typesOf(spec.schema).includes('null')) {
    spec.schema = { anyOf: [spec.schema, { type: 'null' }] };
  }
  // A GET or HEAD carries no body however the document lists its parameters.
  spec.required = op.method !== 'GET' && op.method !== 'HEAD' && (body.envelope !== undefined || (spec.schema.required ?? []).length > 0);
  return spec;
}

function bodySpec(body: Body, role: 'request' | 'response'): BodySpec {
  // The spec's own samples are part of the spec: a validator that refused them would be wrong.
  const spec: BodySpec = { schema: cleanSchema(widenBySamples(body.schema, sampleContents(body)), role) };
  if (body.envelope !== undefined) spec.envelope = body.envelope;
  if (body.linkKeys && body.linkKeys.length > 0) spec.linkKeys = [...body.linkKeys];
  return spec;
}

/**
 * The content of each JSON sample of a body (inside its envelope). A sample
 * without the envelope says nothing about the content, so it widens nothing.
 */
function sampleContents(body: Body): unknown[] {
  const out: unknown[] = [];
  for (const s of body.samples) {
    if (s.value === undefined) continue;
    if (body.envelope === undefined) out.push(s.value);
    else if (isPlainObject(s.value) && Object.prototype.hasOwnProperty.call(s.value, body.envelope)) out.push(s.value[body.envelope]);
  }
  return out;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The JSON type of a sample value, as a schema's `type` names it. */
function jsonTypeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as JsonType;
}

/** Whether a schema's type list admits a value of JSON type `t` (an integer is a number). */
function admits(types: string[], t: string): boolean {
  return types.includes(t) || (t === 'integer' && types.includes('number'));
}

function jsonEqual(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The schema, widened until every sample fits it: where a sample object lacks
 * a property, the property is not required; where a sample value has a JSON
 * type (null included) or an enum value the schema does not allow, it is
 * allowed; the same all the way down through properties, placeholder-named
 * members (`gigabytes_{volume_type}`), additional properties and array items.
 * The parameters.yaml of an api-ref is often stricter than the samples beside
 * it (neutron marks every field of an update required; keystone's password
 * user needs a `domain` only when it is named, not by id), and the samples are
 * what clients copy. Never narrows, and returns new objects where it changes
 * something (the model is shared with the other emitters).
 */
export function widenBySamples(schema: JsonSchema, values: unknown[], depth = 0): JsonSchema {
  let out = schema;
  for (const v of values) out = widenByValue(out, v, depth);
  return out;
}

function widenByValue(schema: JsonSchema, value: unknown, depth: number): JsonSchema {
  if (depth > 32 || value === undefined) return schema;
  let out = schema;
  const copy = (): JsonSchema => (out === schema ? (out = { ...schema }) : out);
  const t = jsonTypeOf(value);
  // A type read off a sample's null constrains nothing (see cleanSchema): nothing to widen.
  const unconstrained = schema['x-inferred'] === true && schema.type === 'null';
  const types = typesOfJson(schema);
  if (schema.anyOf !== undefined && schema.anyOf.length > 0) {
    // Widen the first form that takes the value's type (the first form when none does).
    const i = Math.max(0, schema.anyOf.findIndex((s) => typesOfJson(s).length === 0 || admits(typesOfJson(s), t)));
    const widened = widenByValue(schema.anyOf[i]!, value, depth + 1);
    if (widened !== schema.anyOf[i]) copy().anyOf = schema.anyOf.map((s, j) => (j === i ? widened : s));
  }
  if (!unconstrained && types.length > 0 && !admits(types, t)) copy().type = [...types, t];
  if (schema.enum !== undefined && !schema.enum.some((e) => jsonEqual(e, value))) copy().enum = [...schema.enum, value];
  if (isPlainObject(value)) {
    if (schema.required !== undefined && schema.required.some((k) => !Object.prototype.hasOwnProperty.call(value, k))) {
      const kept = schema.required.filter((k) => Object.prototype.hasOwnProperty.call(value, k));
      if (kept.length > 0) copy().required = kept;
      else delete copy().required;
    }
    const props = schema.properties ?? {};
    const patterns = placeholderPatterns(props);
    let newProps: Record<string, JsonSchema> | undefined;
    const setProp = (k: string, s: JsonSchema): void => {
      newProps ??= { ...props };
      Object.defineProperty(newProps, k, { value: s, enumerable: true, writable: true, configurable: true });
    };
    for (const [k, v] of Object.entries(value)) {
      const own = Object.prototype.hasOwnProperty.call(props, k) ? props[k] : undefined;
      const pattern = own === undefined ? patterns.find((p) => p.re.test(k)) : undefined;
      if (own !== undefined || pattern !== undefined) {
        const name = own !== undefined ? k : pattern!.name;
        const current = (newProps ?? props)[name]!;
        const widened = widenByValue(current, v, depth + 1);
        if (widened !== current) setProp(name, widened);
      } else if (typeof schema.additionalProperties === 'object') {
        const widened = widenByValue(schema.additionalProperties, v, depth + 1);
        if (widened !== schema.additionalProperties) copy().additionalProperties = widened;
      } else if (schema.additionalProperties === false) {
        setProp(k, {}); // a member the sample shows is allowed, whatever it holds
      }
    }
    if (newProps !== undefined) copy().properties = newProps;
  } else if (Array.isArray(value) && schema.items !== undefined) {
    const items = widenBySamples(schema.items, value, depth + 1);
    if (items !== schema.items) copy().items = items;
  }
  return out;
}

/**
 * The placeholder-named members of a properties object, as patterns: built once per
 * object, since every sample value at that place asks for them again.
 */
const patternCache = new WeakMap<object, { name: string; re: RegExp }[]>();
function placeholderPatterns(props: Record<string, JsonSchema>): { name: string; re: RegExp }[] {
  let patterns = patternCache.get(props);
  if (patterns === undefined) {
    patterns = Object.keys(props).filter(isPlaceholderName).map((name) => ({ name, re: new RegExp(memberPattern(name, []), 'u') }));
    patternCache.set(props, patterns);
  }
  return patterns;
}

/** A member name with a `{placeholder}` in it (`gigabytes_{volume_type}`, `{key}`) documents a family of keys, not one key. */
export function isPlaceholderName(name: string): boolean {
  return /\{[^{}]*\}/.test(name);
}

/**
 * The regular expression for a placeholder-named member: the literal parts
 * as written, each `{…}` one or more characters (`gigabytes_{volume_type}` is
 * `^gigabytes_.+$`). The object's literal members are excluded, so that
 * `{key}` beside documented keys does not also constrain them. Only syntax
 * characters are escaped: the pattern must also be valid with the `u` flag.
 */
export function memberPattern(name: string, literals: string[]): string {
  const escape = (s: string): string => s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
  const body = name.split(/\{[^{}]*\}/).map(escape).join('.+');
  const exclude = literals.filter((l) => new RegExp(`^${body}$`, 'u').test(l));
  return exclude.length > 0 ? `^(?!(?:${exclude.map(escape).join('|')})$)${body}$` : `^${body}$`;
}

/** The same schema, also accepting null. */
function nullable(schema: Schema): Schema {
  if (schema.type === undefined) return schema;
  const types = typesOf(schema);
  if (types.includes('null')) return schema;
  const out: Schema = { ...schema, type: [...types, 'null'] };
  if (out.enum !== undefined && !out.enum.includes(null)) out.enum = [...out.enum, null];
  return out;
}

function typesOfJson(schema: JsonSchema): JsonType[] {
  return schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
}

function typesOf(schema: Schema): string[] {
  return schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
}

/**
 * Keeps the keywords the runtime checks and drops documentation (request and
 * response schemas reach it already widened by their samples: `widenBySamples`).
 * A member named with a placeholder (`gigabytes_{volume_type}`) becomes a
 * `patternProperties` entry and is never required. Four policies besides:
 * - a type inferred from a sample's `null` says nothing about the real type, so it constrains nothing;
 * - other scalar types inferred from a sample also accept null;
 * - in requests, an optional property also accepts null, as OpenStack services do
 *   (python-cinderclient sends `"availability_zone": null` for a volume it does not place);
 *   the router then drops it (`x-null-as-absent`), so handlers see it absent, as their types say;
 * - in responses, a property bounded by microversions is never required (it is absent outside its range).
 */
export function cleanSchema(schema: JsonSchema, role: 'request' | 'response', depth = 0): Schema {
  const out: Schema = {};
  if (depth > 32) return out;
  if (schema['x-inferred'] && schema.type === 'null') return out;
  if (schema.type !== undefined) out.type = Array.isArray(schema.type) ? [...schema.type] : schema.type;
  // A type read off one sample value is a hint, not a contract: null is accepted too
  // (openstackclient sends `"platform": null` in a connector the sample shows as text).
  if (schema['x-inferred'] && typeof out.type === 'string' && out.type !== 'object' && out.type !== 'array') out.type = [out.type, 'null'];
  if (schema.enum !== undefined) out.enum = [...schema.enum];
  if (schema.properties !== undefined) {
    const props: Record<string, Schema> = {};
    const patterns: Record<string, Schema> = {};
    const required = new Set(schema.required ?? []);
    const literals = Object.keys(schema.properties).filter((k) => !isPlaceholderName(k));
    for (const [k, v] of Object.entries(schema.properties)) {
      let prop = cleanSchema(v, role, depth + 1);
      // `gigabytes_{volume_type}` is a family of members (one per volume type), not a key
      // to send literally: checked as a pattern, and never required.
      if (isPlaceholderName(k)) {
        Object.defineProperty(patterns, memberPattern(k, literals), { value: prop, enumerable: true, writable: true, configurable: true });
        continue;
      }
      // Null for an optional field means "not given": accepted, and removed before the handler sees it.
      const documentedNull = typesOfJson(v).includes('null');
      if (role === 'request' && !required.has(k) && !documentedNull && prop.type !== undefined) prop = { ...nullable(prop), 'x-null-as-absent': true };
      Object.defineProperty(props, k, { value: prop, enumerable: true, writable: true, configurable: true });
    }
    if (Object.keys(props).length > 0 || Object.keys(patterns).length === 0) out.properties = props;
    if (Object.keys(patterns).length > 0) out.patternProperties = patterns;
  }
  if (schema.required !== undefined) {
    const versioned = (k: string): boolean => {
      const p = schema.properties?.[k];
      return p !== undefined && (p['x-min-version'] !== undefined || p['x-max-version'] !== undefined);
    };
    const required = schema.required.filter((k) => !isPlaceholderName(k) && (role === 'request' || !versioned(k)));
    if (required.length > 0) out.required = required;
  }
  if (schema.additionalProperties !== undefined) {
    out.additionalProperties = typeof schema.additionalProperties === 'boolean' ? schema.additionalProperties : cleanSchema(schema.additionalProperties, role, depth + 1);
  }
  if (schema.items !== undefined) out.items = cleanSchema(schema.items, role, depth + 1);
  if (schema.anyOf !== undefined) out.anyOf = schema.anyOf.map((s) => cleanSchema(s, role, depth + 1));
  if (schema['x-min-version'] !== undefined) out['x-min-version'] = schema['x-min-version'];
  if (schema['x-max-version'] !== undefined) out['x-max-version'] = schema['x-max-version'];
  return out;
}
