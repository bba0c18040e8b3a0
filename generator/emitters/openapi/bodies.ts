import type { Body, Operation, Sample } from '../../model/ir.ts';
import { operationTypeNames } from '../naming.ts';
import { componentName } from './components.ts';
import { fromEntries, setKey, type Json, type JsonObject } from './json.ts';
import type { ExportNotes } from './notes.ts';
import type { OperationContext } from './operations.ts';
import { convertSchema, versionExtension } from './schema.ts';

/** Request and response bodies: wire schemas (envelope included), unions of several, examples. */

export const JSON_MEDIA = 'application/json';

/** The pagination links beside a list's envelope (`volumes_links`). */
const LINKS_SCHEMA: JsonObject = {
  type: 'array',
  description: 'Links to other pages of the list.',
  items: {
    type: 'object',
    properties: {
      href: { type: 'string', description: 'The URL of the page.' },
      rel: { type: 'string', description: 'The relation, e.g. `next`.' },
    },
  },
};

/** The body as it is on the wire: the content inside its envelope, with the link keys beside it. */
export function wireBody(body: Body, where: string, notes: ExportNotes): JsonObject {
  const content = convertSchema(body.schema, where, notes);
  if (!body.envelope) return content;
  const properties: JsonObject = {};
  setKey(properties, body.envelope, content);
  for (const key of body.linkKeys ?? []) {
    if (key === body.envelope) continue;
    const field = body.fields.find((f) => f.path.length === 1 && f.path[0] === key);
    setKey(properties, key, field?.description ? { ...LINKS_SCHEMA, description: field.description } : LINKS_SCHEMA);
  }
  return { type: 'object', properties, required: [body.envelope] };
}

/** `schema` with `ext` merged into its `x-openstack` (the body's own bounds stay unless the operation's replace them). */
export function withExtension(schema: JsonObject, ext: JsonObject | undefined): JsonObject {
  if (!ext) return schema;
  const own = schema['x-openstack'];
  return { ...schema, 'x-openstack': { ...(own !== null && typeof own === 'object' && !Array.isArray(own) ? own : {}), ...ext } };
}

/** An action's body with its action key required, whatever the api-ref documented. */
function actionBody(op: Operation & { action: string }, ctx: OperationContext): JsonObject {
  const where = `${op.id} request`;
  if (!op.request) {
    ctx.notes.add(`${op.id}: action ${op.action} documents no request body; its value is left open`);
    return {
      type: 'object',
      properties: fromEntries([[op.action, { type: ['object', 'null'], description: 'The action takes no arguments.' }]]),
      required: [op.action],
    };
  }
  const wire = wireBody(op.request, where, ctx.notes);
  if (op.request.envelope === op.action) return wire;
  const props = wire['properties'] as JsonObject | undefined;
  if (!op.request.envelope && props && Object.hasOwn(props, op.action)) {
    const required = (wire['required'] as string[] | undefined) ?? [];
    return required.includes(op.action) ? wire : { ...wire, required: [...required, op.action] };
  }
  if (op.request.envelope) {
    ctx.notes.add(`${op.id}: action ${op.action} has envelope ${op.request.envelope}; kept as documented`);
    return wire;
  }
  return { type: 'object', properties: fromEntries([[op.action, wire]]), required: [op.action] };
}

/** Whether a value holds a `$ref` key anywhere (Glance's schema samples do). */
function hasRefKey(v: unknown, depth = 0): boolean {
  if (v === null || typeof v !== 'object' || depth > 64) return false;
  if (Array.isArray(v)) return v.some((x) => hasRefKey(x, depth + 1));
  return Object.keys(v).some((k) => k === '$ref' || hasRefKey((v as Record<string, unknown>)[k], depth + 1));
}

/**
 * Samples as media type `examples`, named after their files. A sample holding
 * a `$ref` key is left out: OpenAPI reads example values literally, but
 * reference resolvers (hey-api's among them) follow `$ref` wherever it is.
 */
export function addExamples(target: Map<string, JsonObject>, samples: Sample[], op: Operation, role: string, notes: ExportNotes): void {
  for (const s of samples) {
    if (s.value === undefined) continue;
    if (hasRefKey(s.value)) {
      notes.add(`${op.id}: ${role} sample ${s.file ?? `at line ${s.source.line}`} holds a "$ref" key; not included as an example`);
      continue;
    }
    const file = s.file?.split('/').pop()?.replace(/\.[^.]*$/, '');
    const base = componentName(file ?? `${op.id}-${role}`, `${op.id}-${role}`);
    let name = base;
    for (let n = 2; target.has(name); n++) name = `${base}-${n}`;
    target.set(name, { summary: op.title, value: s.value as Json });
  }
}

export function examplesJson(examples: Map<string, JsonObject>): JsonObject | undefined {
  if (examples.size === 0) return undefined;
  return fromEntries([...examples]);
}

/**
 * The schema of several bodies: one reference when they are the same,
 * otherwise `oneOf` when a required key tells them apart (the envelopes or
 * action keys differ), `anyOf` when not. `discriminator` says, the way
 * OpenStack's specs do, what picks the branch: the action key or the microversion.
 */
export function unionOf(branches: { ref: JsonObject; key: string | undefined }[], discriminator: 'action' | 'microversion' | undefined): JsonObject {
  const unique: typeof branches = [];
  for (const b of branches) if (!unique.some((u) => u.ref['$ref'] === b.ref['$ref'])) unique.push(b);
  if (unique.length === 1) return unique[0]!.ref;
  const keys = unique.map((b) => b.key);
  const distinct = keys.every((k) => k !== undefined) && new Set(keys).size === keys.length;
  const out: JsonObject = { [distinct ? 'oneOf' : 'anyOf']: unique.map((b) => b.ref) };
  if (discriminator) out['x-openstack'] = { discriminator };
  return out;
}

/** Whether the operations differ only by microversion range: each has a bound, no two the same range. */
export function byMicroversion(ops: Operation[]): boolean {
  const ranges = ops.map((o) => `${o.minVersion ?? ''}-${o.maxVersion ?? ''}`);
  return ops.length > 1 && ops.every((o) => o.minVersion !== undefined || o.maxVersion !== undefined) && new Set(ranges).size === ranges.length;
}

export function buildRequestBody(ops: Operation[], merged: boolean, actions: boolean, ctx: OperationContext): JsonObject | undefined {
  const branches: { ref: JsonObject; key: string | undefined }[] = [];
  const examples = new Map<string, JsonObject>();
  for (const op of ops) {
    if (!op.request && !op.action) continue;
    const names = operationTypeNames(op);
    let schema: JsonObject;
    let key: string | undefined;
    if (op.action !== undefined) {
      schema = actionBody(op as Operation & { action: string }, ctx);
      key = op.request?.envelope ?? op.action;
      schema = withExtension(schema, versionExtension(op.minVersion, op.maxVersion, { 'action-name': op.action }));
    } else {
      schema = wireBody(op.request!, `${op.id} request`, ctx.notes);
      key = op.request!.envelope;
      if (merged) schema = withExtension(schema, versionExtension(op.minVersion, op.maxVersion));
    }
    branches.push({ ref: ctx.schemas.ref(`${names.base}RequestBody`, schema), key });
    if (op.request) addExamples(examples, op.request.samples, op, 'request', ctx.notes);
  }
  if (branches.length === 0) return undefined;
  const media: JsonObject = { schema: unionOf(branches, actions ? 'action' : byMicroversion(ops) ? 'microversion' : undefined) };
  const ex = examplesJson(examples);
  if (ex) media['examples'] = ex;
  return { required: branches.length === ops.length, content: { [JSON_MEDIA]: media } };
}
