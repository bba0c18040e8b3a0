/**
 * The model, reduced to what the server runtime needs (`ApiSpec`): one place
 * that decides how the IR becomes routes, shared by the server emitter (which
 * embeds the result in `server.ts`) and `apiref mock` (which builds it at run
 * time), so the generated server and the mock behave the same.
 */
import type { ApiModel, Body, JsonSchema, Operation, Parameter } from '../../model/ir.ts';
import { ERROR_NAMES } from '../../frontend/status-codes.ts';
import { pathParameterNames } from '../../frontend/rest-method.ts';
import { maxVersion, minVersion, parseVersion } from '../../model/version.ts';
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
  const spec: BodySpec = { schema: cleanSchema(body.schema, role) };
  if (body.envelope !== undefined) spec.envelope = body.envelope;
  if (body.linkKeys && body.linkKeys.length > 0) spec.linkKeys = [...body.linkKeys];
  return spec;
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

function typesOfJson(schema: JsonSchema): string[] {
  return schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
}

function typesOf(schema: Schema): string[] {
  return schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
}

/**
 * Keeps the keywords the runtime checks and drops documentation. Four policies:
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
    const required = new Set(schema.required ?? []);
    for (const [k, v] of Object.entries(schema.properties)) {
      let prop = cleanSchema(v, role, depth + 1);
      // Null for an optional field means "not given": accepted, and removed before the handler sees it.
      const documentedNull = typesOfJson(v).includes('null');
      if (role === 'request' && !required.has(k) && !documentedNull && prop.type !== undefined) prop = { ...nullable(prop), 'x-null-as-absent': true };
      Object.defineProperty(props, k, { value: prop, enumerable: true, writable: true, configurable: true });
    }
    out.properties = props;
  }
  if (schema.required !== undefined) {
    const versioned = (k: string): boolean => {
      const p = schema.properties?.[k];
      return p !== undefined && (p['x-min-version'] !== undefined || p['x-max-version'] !== undefined);
    };
    const required = role === 'response' ? schema.required.filter((k) => !versioned(k)) : [...schema.required];
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
