/**
 * The data a generated test file hands its runtime (`SuiteSpec`): operations
 * reduced to what requests and checks need, schemas stripped of documentation.
 */
import type { ApiModel, JsonSchema, Operation } from '../../model/ir.ts';
import { ERROR_NAMES } from '../../frontend/status-codes.ts';
import { pathParameterNames } from '../../frontend/rest-method.ts';
import type { ApiSpec, OperationSpec, ResourceSpec, Schema, SuiteSpec } from '../../../templates/conformance/runtime/spec.ts';
import type { LifecycleGroup, ResourceNode } from './lifecycle.ts';
import { isFreeFormObject, mapKeyParam } from './map-resource.ts';

function defineOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Keeps the keywords checks use; drops descriptions and lookup keys. */
export function checkSchema(schema: JsonSchema, depth = 0): Schema {
  const out: Schema = {};
  if (depth > 48) return out;
  if (schema.type !== undefined) out.type = Array.isArray(schema.type) ? [...schema.type] : schema.type;
  if (schema.format !== undefined) out.format = schema.format;
  if (schema.enum !== undefined) out.enum = structuredClone(schema.enum);
  if (schema.properties !== undefined) {
    const props: Record<string, Schema> = {};
    for (const [k, v] of Object.entries(schema.properties)) defineOwn(props, k, checkSchema(v, depth + 1));
    out.properties = props;
  }
  if (schema.required !== undefined && schema.required.length > 0) out.required = [...schema.required];
  if (schema.additionalProperties !== undefined) {
    out.additionalProperties = typeof schema.additionalProperties === 'boolean' ? schema.additionalProperties : checkSchema(schema.additionalProperties, depth + 1);
  }
  if (schema.items !== undefined) out.items = checkSchema(schema.items, depth + 1);
  if (schema.anyOf !== undefined) out.anyOf = schema.anyOf.map((s) => checkSchema(s, depth + 1));
  if (schema['x-min-version'] !== undefined) out['x-min-version'] = schema['x-min-version'];
  if (schema['x-max-version'] !== undefined) out['x-max-version'] = schema['x-max-version'];
  if (schema['x-inferred']) out['x-inferred'] = true;
  return out;
}

/**
 * A map's content (metadata, extra specs) as checks see it: its keys are data,
 * so the keys a sample happened to show become `additionalProperties`, typed
 * like those samples' values when they agree (still `x-inferred`: a value of
 * another type is reported, not failed), and answers with other keys are not
 * drift.
 */
export function mapSchema(schema: JsonSchema): Schema {
  const values = Object.values(schema.properties ?? {}).map((p) => checkSchema(p));
  const texts = new Set(values.map((v) => JSON.stringify(v)));
  const out: Schema = { type: 'object' };
  if (values.length > 0 && texts.size === 1) out.additionalProperties = values[0]!;
  else if (typeof schema.additionalProperties === 'object') out.additionalProperties = checkSchema(schema.additionalProperties);
  return out;
}

export function apiSpec(model: ApiModel, serviceType: string | undefined, microversionHeader: string | undefined): ApiSpec {
  const api: ApiSpec = { title: model.api.title };
  if (serviceType !== undefined) api.serviceType = serviceType;
  if (microversionHeader !== undefined) api.microversionHeader = microversionHeader;
  if (model.api.maxVersion !== undefined) api.defaultMicroversion = model.api.maxVersion;
  const names: Record<string, string> = {};
  for (const [status, name] of Object.entries(ERROR_NAMES)) names[status] = name;
  api.errorNames = names;
  return api;
}

/** `node`: the resource the operation acts on, when it is known (its map-ness shapes the request). */
export function operationSpec(op: Operation, role: OperationSpec['role'], resource: string, node?: ResourceNode): OperationSpec {
  const spec: OperationSpec = {
    id: op.id,
    method: op.method,
    path: op.path,
    title: op.title,
    role,
    resource,
    pathParams: pathParameterNames(op.path),
    requiredQuery: op.parameters.query.filter((p) => p.required).map((p) => p.name),
    success: [],
    errors: [],
    responseHeaders: op.responseHeaders.map((h) => {
      const out: OperationSpec['responseHeaders'][number] = { name: h.name };
      if (h.minVersion !== undefined) out.minVersion = h.minVersion;
      if (h.maxVersion !== undefined) out.maxVersion = h.maxVersion;
      return out;
    }),
  };
  if (op.action !== undefined) spec.action = op.action;
  if (op.fixedQuery !== undefined) spec.fixedQuery = op.fixedQuery;
  if (op.minVersion !== undefined) spec.minVersion = op.minVersion;
  if (op.maxVersion !== undefined) spec.maxVersion = op.maxVersion;
  const seen = new Set<string>();
  for (const r of op.responses) {
    if (r.kind === 'success') {
      const key = `${r.status}|${r.minVersion ?? ''}|${r.maxVersion ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const s: OperationSpec['success'][number] = { status: r.status };
      if (r.minVersion !== undefined) s.minVersion = r.minVersion;
      if (r.maxVersion !== undefined) s.maxVersion = r.maxVersion;
      spec.success.push(s);
    } else if (!spec.errors.some((e) => e.status === r.status)) {
      spec.errors.push({ status: r.status, name: r.name ?? ERROR_NAMES[r.status] ?? (r.status >= 500 ? 'computeFault' : 'badRequest') });
    }
  }
  // In a map resource, free-form contents are maps: see mapSchema.
  const asMap = (schema: JsonSchema): boolean => node?.map === true && isFreeFormObject(schema);
  const contentSchema = (schema: JsonSchema): Schema => (asMap(schema) ? mapSchema(schema) : checkSchema(schema));
  if (op.request) {
    const request: NonNullable<OperationSpec['request']> = { schema: contentSchema(op.request.schema) };
    if (op.request.envelope !== undefined) request.envelope = op.request.envelope;
    const sample = op.request.samples.find((s) => s.role === 'request' && s.value !== undefined);
    if (sample) request.sample = structuredClone(sample.value);
    if (asMap(op.request.schema)) {
      request.map = true;
      const keyParam = node ? mapKeyParam(op, node) : undefined;
      if (keyParam !== undefined) request.keyParam = keyParam;
    }
    spec.request = request;
  }
  if (op.response) {
    const response: NonNullable<OperationSpec['response']> = { schema: contentSchema(op.response.schema) };
    if (op.response.envelope !== undefined) response.envelope = op.response.envelope;
    if (op.response.linkKeys && op.response.linkKeys.length > 0) response.linkKeys = [...op.response.linkKeys];
    spec.response = response;
  }
  return spec;
}

function resourceSpec(node: ResourceNode): ResourceSpec {
  const r: ResourceSpec = { collection: node.collection };
  if (node.idParam !== undefined) r.idParam = node.idParam;
  if (node.map) r.map = true;
  if (node.create) r.create = node.create.id;
  if (node.shows[0]) r.show = node.shows[0].id;
  const del = node.deletes[0];
  if (del) {
    r.delete = del.id;
    const statuses = del.responses.filter((c) => c.kind === 'success').map((c) => c.status);
    if (statuses.length > 0 && statuses.every((s) => s === 202)) r.asyncDelete = true;
  }
  return r;
}

export function suiteSpec(model: ApiModel, group: LifecycleGroup, serviceType: string | undefined, microversionHeader: string | undefined): SuiteSpec {
  return {
    file: group.name,
    api: apiSpec(model, serviceType, microversionHeader),
    resources: group.resources.map(resourceSpec),
    operations: group.ordered.map((p) => operationSpec(p.op, p.role, p.resource, group.resources.find((r) => r.collection === p.resource))),
  };
}
