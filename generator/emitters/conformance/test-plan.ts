/**
 * Which tests each operation gets, named for readers: one positive check by
 * role, and the negative checks the spec supports (a missing required field,
 * malformed JSON, an unknown id, a microversion below the operation's minimum,
 * an unsupported microversion), plus "gone after delete" for deletes.
 * Negative checks run before the positive one, so that they can still address
 * the resource a delete removes.
 */
import type { Operation } from '../../model/ir.ts';
import { parseVersion } from '../../model/version.ts';
import type { PlannedOperation, ResourceNode } from './lifecycle.ts';
import { mapKeyParam } from './map-resource.ts';

export interface PlannedTest {
  /** The test's name (plain text; the renderer quotes it). */
  name: string;
  /** The suite method and its arguments after `t`. */
  method: 'positive' | 'missingField' | 'malformedJson' | 'unknownId' | 'belowMinVersion' | 'unsupportedVersion' | 'goneAfterDelete';
  args: unknown[];
}

/** At most this many missing-field checks per operation: enough to catch a server that validates nothing. */
const MAX_MISSING_FIELD_CHECKS = 5;

const PROJECT_PARAMS = new Set(['project_id', 'tenant_id', 'projectId', 'tenantId', 'project', 'tenant']);

export interface TestPlanContext {
  /** Whether the API negotiates microversions (a header and at least one version). */
  microversions: boolean;
  /** The version the suite sends by default (the highest an operation names). */
  defaultVersion: string | undefined;
  resources: ResourceNode[];
}

function inRange(v: string | undefined, min: string | undefined, max: string | undefined): boolean {
  if (v === undefined) return true;
  const pv = parseVersion(v);
  if (!pv) return true;
  const cmp = (x: string): number => {
    const px = parseVersion(x);
    return px ? pv[0] - px[0] || pv[1] - px[1] : 0;
  };
  return (min === undefined || cmp(min) >= 0) && (max === undefined || cmp(max) <= 0);
}

const POSITIVE_NAMES: Record<PlannedOperation['role'], (op: Operation) => string> = {
  create: () => 'creates a resource: documented status, envelope and schema',
  show: () => 'shows the resource: documented status, envelope and schema',
  list: () => 'lists resources, the created one included: documented status, envelope and schema',
  update: () => 'updates the created resource: documented status, envelope and schema',
  action: (op) => `runs the ${op.action ?? 'action'} action on the created resource: documented status and body`,
  delete: () => 'deletes the created resource: documented status and body',
  other: () => 'answers as documented: status, envelope and schema',
};

/** For the members of a map resource (metadata, extra specs: see map-resource.ts), the member is a key. */
const MAP_POSITIVE_NAMES: Partial<Record<PlannedOperation['role'], string>> = {
  create: 'adds a key to the map: documented status, envelope and schema, the key in the answer',
  show: 'shows the added key: documented status, envelope and schema',
  list: 'shows the map, the added key included: documented status, envelope and schema',
  update: 'updates the added key: documented status, envelope and schema',
  delete: 'deletes the added key: documented status and body',
};

function pathParams(op: Operation): string[] {
  return [...op.path.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1]!).filter((p) => !PROJECT_PARAMS.has(p));
}

/** The path parameter an unknown-id check replaces: the resource's own id, else the nearest parent's. */
function idParamFor(planned: PlannedOperation, ctx: TestPlanContext): string | undefined {
  const node = ctx.resources.find((r) => r.collection === planned.resource);
  const params = pathParams(planned.op);
  if (['show', 'update', 'delete', 'action'].includes(planned.role) && node?.idParam !== undefined && params.includes(node.idParam)) return node.idParam;
  return params[params.length - 1];
}

/**
 * The unknown-id check, if the operation gets one. A request whose body repeats
 * a map key of the path (`PUT …/metadata/{key}` with `{"meta": {"<key>": …}}`)
 * creates an unknown key rather than failing, so there the check replaces the
 * nearest parent's id instead (`{volume_id}`), and its name says why; without
 * a parent id in the path it is left out.
 */
function unknownIdTest(planned: PlannedOperation, ctx: TestPlanContext): PlannedTest | undefined {
  const { op } = planned;
  const idParam = idParamFor(planned, ctx);
  const documents404 = op.responses.some((r) => r.status === 404);
  if (idParam === undefined || !(documents404 || ['show', 'update', 'delete', 'action'].includes(planned.role))) return undefined;
  const node = ctx.resources.find((r) => r.collection === planned.resource);
  const keyParam = node ? mapKeyParam(op, node) : undefined;
  if (keyParam === undefined || keyParam !== idParam) {
    return { name: `answers 404 for an unknown {${idParam}}`, method: 'unknownId', args: [op.id, idParam] };
  }
  const parent = pathParams(op).filter((p) => p !== keyParam).pop();
  if (parent === undefined) return undefined;
  return {
    name: `answers 404 for an unknown {${parent}} (not for an unknown {${keyParam}}: a ${op.method} on a map key creates the key)`,
    method: 'unknownId',
    args: [op.id, parent],
  };
}

/** Required fields of the request content (inside the envelope) at the default version, as wire paths. */
function requiredFieldPaths(op: Operation, ctx: TestPlanContext): string[][] {
  const request = op.request;
  if (!request) return [];
  const prefix = request.envelope !== undefined ? [request.envelope] : [];
  const out: string[][] = [];
  // The envelope itself is a required field, except for an action, where it names the operation.
  if (request.envelope !== undefined && op.action === undefined) out.push([request.envelope]);
  if (request.schema.type === 'object' || request.schema.properties !== undefined) {
    for (const name of request.schema.required ?? []) {
      const prop = request.schema.properties?.[name];
      if (prop && !inRange(ctx.defaultVersion, prop['x-min-version'], prop['x-max-version'])) continue;
      out.push([...prefix, name]);
    }
  }
  return out.slice(0, MAX_MISSING_FIELD_CHECKS);
}

export function testsFor(planned: PlannedOperation, ctx: TestPlanContext): PlannedTest[] {
  const { op } = planned;
  const tests: PlannedTest[] = [];
  for (const field of requiredFieldPaths(op, ctx)) {
    tests.push({ name: `answers 400 without the required field ${field.join('.')}`, method: 'missingField', args: [op.id, field] });
  }
  if (op.request) tests.push({ name: 'answers 400 to malformed JSON', method: 'malformedJson', args: [op.id] });
  const unknownId = unknownIdTest(planned, ctx);
  if (unknownId) tests.push(unknownId);
  if (ctx.microversions && op.minVersion !== undefined) {
    const v = parseVersion(op.minVersion);
    if (v && v[1] > 0) {
      tests.push({ name: `answers 404 at microversion ${v[0]}.${v[1] - 1}, below its minimum ${op.minVersion}`, method: 'belowMinVersion', args: [op.id] });
    }
  }
  if (ctx.microversions) tests.push({ name: 'answers 406 to an unsupported microversion', method: 'unsupportedVersion', args: [op.id] });
  const node = ctx.resources.find((r) => r.collection === planned.resource);
  const mapName = node?.map ? MAP_POSITIVE_NAMES[planned.role] : undefined;
  tests.push({ name: mapName ?? POSITIVE_NAMES[planned.role](op), method: 'positive', args: [op.id] });
  if (planned.role === 'delete' && node?.shows[0] && node.create) {
    tests.push({ name: `shows 404 for the deleted ${node.map ? 'key' : 'resource'}`, method: 'goneAfterDelete', args: [op.id] });
  }
  return tests;
}
