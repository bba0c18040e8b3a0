import type { ApiModel, HttpMethod } from '../../model/ir.ts';
import { uniqueIn } from '../../model/ids.ts';
import { ComponentSet, hoistSharedSchemas, ref } from './components.ts';
import { ErrorResponses } from './errors.ts';
import { byText, fromEntries, type JsonObject } from './json.ts';
import { ExportNotes } from './notes.ts';
import { buildOperation, type OperationContext } from './operations.ts';
import { pathParameter } from './parameters.ts';
import { groupPaths } from './paths.ts';

/**
 * The model as an OpenAPI 3.1 document.
 *
 * Operations that share a method and a path (the `/action` family, a create
 * and its bulk form) become one operation whose request body is a `oneOf`
 * over theirs; microversions are `x-openstack` extensions the way OpenStack's
 * code-derived specs write them (`min-ver`, `max-ver`, `action-name`).
 */
export interface OpenApiExportOptions {
  /** The service type (`volume`): picks the error body shape, fills the microversion header example. */
  serviceType?: string;
  /** The microversion header; default: the model's, else `OpenStack-API-Version`. */
  microversionHeader?: string;
}

export interface OpenApiExport {
  document: JsonObject;
  /** What was changed to fit OpenAPI, one line each (see ExportNotes). */
  notes: string[];
  /** Where each api-ref operation (by IR id) ended up; merged ones share a place. */
  locations: Record<string, OperationLocation>;
}

export interface OperationLocation {
  /** The key in `paths`. */
  path: string;
  /** The lower-case method key in the path item. */
  method: string;
  operationId: string;
}

/** OpenAPI path item keys, in the order the document lists them. COPY has none in 3.1. */
const METHOD_ORDER: HttpMethod[] = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH'];

export const OPENAPI_VERSION = '3.1.0';

/** The document alone: for `npm run bench` and anything that feeds it to other tools. */
export function exportOpenApi(model: ApiModel, options: OpenApiExportOptions = {}): JsonObject {
  return buildOpenApi(model, options).document;
}

/**
 * The export as a plain tree: parts built once (shared references, link
 * schemas) are copies, so tools that annotate the document in place cannot
 * change one place through another.
 */
export function buildOpenApi(model: ApiModel, options: OpenApiExportOptions = {}): OpenApiExport {
  const built = assembleOpenApi(model, options);
  return { ...built, document: JSON.parse(JSON.stringify(built.document)) as JsonObject };
}

/**
 * The export whose parts may be shared between places: the same text when
 * serialized, without the copy (a sizeable share of the export's time on
 * nova), for callers that only turn it into text.
 */
export function assembleOpenApi(model: ApiModel, options: OpenApiExportOptions = {}): OpenApiExport {
  const notes = new ExportNotes();
  const serviceType = options.serviceType ?? model.api.serviceType;
  const header = options.microversionHeader ?? model.api.microversionHeader ?? 'OpenStack-API-Version';
  const schemas = new ComponentSet('schemas');
  const responses = new ComponentSet('responses');
  const parameters = new ComponentSet('parameters');

  const tags = sectionTags(model);
  const ctx: OperationContext = {
    schemas,
    errors: new ErrorResponses(serviceType, schemas, responses),
    notes,
    tags: new Map(tags.map((t) => [t.id, t.name])),
  };
  if (model.api.maxVersion !== undefined) {
    ctx.microversion = { name: header, ref: ref('parameters', parameters.add('microversion', microversionParameter(header, serviceType, model))) };
  }

  const supported = model.operations.filter((op) => {
    if (METHOD_ORDER.includes(op.method)) return true;
    notes.add(`${op.id}: method ${op.method} has no OpenAPI 3.1 operation; left out`);
    return false;
  });
  const groups = groupPaths(supported, notes).sort((a, b) => byText(a.path, b.path));

  // Operation ids: every api-ref id is kept where it stands alone; merged operations get new, unused ones.
  const used = new Set<string>();
  for (const g of groups) {
    for (const m of METHOD_ORDER) {
      const ops = g.ops.filter((x) => x.op.method === m);
      if (ops.length === 1) used.add(ops[0]!.op.id);
    }
  }

  const paths: JsonObject = {};
  const locations: Record<string, OperationLocation> = Object.create(null) as Record<string, OperationLocation>;
  for (const g of groups) {
    const item: JsonObject = {};
    for (const { op, ownNames } of g.ops) {
      const stray = op.parameters.path.filter((p) => !ownNames.includes(p.name)).map((p) => p.name);
      if (stray.length > 0) notes.add(`${op.id}: path parameter(s) ${stray.join(', ')} not in ${op.path}; left out`);
    }
    if (g.params.length > 0) item['parameters'] = g.params.map((name, i) => pathParameter(name, i, g.ops, notes));
    for (const m of METHOD_ORDER) {
      const ops = g.ops.filter((x) => x.op.method === m).map((x) => x.op);
      if (ops.length === 0) continue;
      const id = ops.length === 1 ? ops[0]!.id : uniqueIn(mergedOperationId(m, g.path), used);
      if (ops.length > 1) notes.add(`${ops.map((o) => o.id).join(', ')}: share ${m} ${g.path}; one operation ${id}`);
      item[m.toLowerCase()] = buildOperation(ops, id, ctx);
      for (const op of ops) locations[op.id] = { path: g.path, method: m.toLowerCase(), operationId: id };
    }
    Object.defineProperty(paths, g.path, { value: item, enumerable: true, writable: true, configurable: true });
  }

  hoistSharedSchemas(schemas);

  const components: JsonObject = {};
  if (schemas.size > 0) components['schemas'] = schemas.toJson();
  if (responses.size > 0) components['responses'] = responses.toJson();
  if (parameters.size > 0) components['parameters'] = parameters.toJson();
  components['securitySchemes'] = {
    keystoneToken: {
      type: 'apiKey',
      in: 'header',
      name: 'X-Auth-Token',
      description: 'A token issued by the Identity service (Keystone).',
    },
  };

  const document: JsonObject = {
    openapi: OPENAPI_VERSION,
    info: {
      title: model.api.title,
      version: model.api.maxVersion ?? '1.0',
      description: infoDescription(model, serviceType, header),
    },
    servers: [
      {
        url: '{endpoint}',
        description: `The ${serviceType ?? 'service'} endpoint from the Identity service's catalog.`,
        variables: { endpoint: { default: 'http://localhost', description: 'The endpoint URL, without a trailing slash.' } },
      },
    ],
    security: [{ keystoneToken: [] }],
    tags: tags.map((t) => (t.description ? { name: t.name, description: t.description } : { name: t.name })),
    paths,
    components,
  };
  return { document, notes: notes.items, locations };
}

/** One tag per section, named by its title (made unique where two sections share one). */
function sectionTags(model: ApiModel): { id: string; name: string; description: string }[] {
  const used = new Set<string>();
  return model.sections.map((s) => {
    let name = s.title || s.id;
    if (used.has(name)) name = `${name} (${s.id})`;
    for (let n = 2; used.has(name); n++) name = `${s.title} (${s.id} ${n})`;
    used.add(name);
    return { id: s.id, name, description: s.description };
  });
}

/** `postVolumesAction` for POST /v3/{project_id}/volumes/{volume_id}/action: the method and the literal segments, version prefixes left out. */
function mergedOperationId(method: HttpMethod, path: string): string {
  const words = path
    .split('/')
    .filter((seg) => seg !== '' && !seg.includes('{') && !/^v\d+(\.\d+)?$/i.test(seg))
    .flatMap((seg) => seg.split(/[^A-Za-z0-9]+/))
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1));
  return `${method.toLowerCase()}${words.join('') || 'Root'}`;
}

function microversionParameter(header: string, serviceType: string | undefined, model: ApiModel): JsonObject {
  // OpenStack-API-Version carries the service type; the older per-service headers only the version.
  const withType = header.toLowerCase() === 'openstack-api-version';
  const version = model.api.maxVersion!;
  return {
    name: header,
    in: 'header',
    description: `The microversion to use (${model.api.minVersion ?? version} to ${version}), written \`${withType ? `${serviceType ?? 'SERVICE_TYPE'} ` : ''}X.Y\`. Without it the service uses its minimum.`,
    required: false,
    schema: { type: 'string' },
    example: `${withType ? `${serviceType ?? 'service'} ` : ''}${version}`,
  };
}

function infoDescription(model: ApiModel, serviceType: string | undefined, header: string): string {
  const lines = [`Exported by apiref from the api-ref document \`${model.api.entry}\`.`];
  if (serviceType) lines.push(`Service type: \`${serviceType}\`.`);
  if (model.api.maxVersion) {
    lines.push(`Microversions ${model.api.minVersion ?? model.api.maxVersion} to ${model.api.maxVersion}, chosen with the \`${header}\` header; \`x-openstack\` \`min-ver\`/\`max-ver\` mark what is bounded.`);
  }
  return lines.join(' ');
}
