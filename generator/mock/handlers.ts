/**
 * The mock's handlers, one per operation, in two flavours:
 * - sample handlers answer every call with the spec's own response sample;
 * - stateful handlers keep each collection in memory (create, list, show,
 *   update, delete), refuse unknown ids with 404, and answer everything else
 *   from samples once the ids on its path have been checked.
 * Handlers return the whole wire body (samples already carry the envelope).
 */
import { randomUUID } from 'node:crypto';
import type { ApiModel, JsonSchema, Operation } from '../model/ir.ts';
import type { Handler, HandlerInput, HandlerResult } from '../../templates/server/runtime/router.ts';
import { HttpError } from '../../templates/server/runtime/errors.ts';
import { findCollections, itemsOnPath, isWholeParam, templateSegments, type Collection } from './collections.ts';
import { responseBody, responseSample, successStatus, unwrapEnvelope, wrapInEnvelope, exampleFromSchema } from './sample-values.ts';

export type HandlerTable = Record<string, Handler>;

const NO_BODY = new Set([204, 205, 304]);

/** The response header that names the operation that answered (several can share a path). */
export const OPERATION_HEADER = 'x-apiref-operation';

/** Registers a handler that also names its operation in a response header, for tests and for people reading traffic. */
function defineHandler(table: HandlerTable, id: string, handler: Handler): void {
  const named: Handler = async (input) => {
    const result = await handler(input);
    const body = result.body === undefined ? undefined : linksToHere(result.body, new URL(input.request.url).origin);
    return { ...result, ...(body === undefined ? {} : { body }), headers: { ...result.headers, [OPERATION_HEADER]: id } };
  };
  Object.defineProperty(table, id, { value: named, enumerable: true, writable: true, configurable: true });
}

/** Keys whose absolute URLs are links back into the API: `href` of `links` entries, keystone's `links.self`/`next`. */
const LINK_KEYS = new Set(['href', 'self', 'next', 'previous', 'first', 'last']);

/**
 * The body with the links that samples write to the documentation's host
 * (`http://openstack.example.com/v2.1/…`, a version document's `self`) pointing at
 * the mock instead, so that clients that follow links (discovery, pagination) stay on it.
 */
function linksToHere(value: unknown, origin: string, depth = 0): unknown {
  if (depth > 64 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => linksToHere(v, origin, depth + 1));
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'string' && LINK_KEYS.has(k) && /^https?:\/\//i.test(v) && URL.canParse(v)) {
      const url = new URL(v);
      (value as Record<string, unknown>)[k] = `${origin}${url.pathname}${url.search}${url.hash}`;
    } else if (typeof v === 'object') {
      linksToHere(v, origin, depth + 1);
    }
  }
  return value;
}

/** Answers from the sample: the first documented success status and the sample body. */
function sampleResult(op: Operation): HandlerResult {
  const status = successStatus(op);
  const body = NO_BODY.has(status) || op.method === 'HEAD' ? undefined : responseBody(op);
  return body === undefined ? { status } : { status, body: structuredClone(body) };
}

export function sampleHandlers(model: ApiModel): HandlerTable {
  const table: HandlerTable = Object.create(null) as HandlerTable;
  for (const op of model.operations) defineHandler(table, op.id, () => sampleResult(op));
  return table;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Resources of each collection instance (`v3/p1/attachments`), by id. */
export class MemoryStore {
  private readonly data = new Map<string, Map<string, Record<string, unknown>>>();

  list(key: string): Record<string, unknown>[] {
    return [...(this.data.get(key)?.values() ?? [])];
  }

  get(key: string, id: string): Record<string, unknown> | undefined {
    return this.data.get(key)?.get(id);
  }

  put(key: string, id: string, resource: Record<string, unknown>): void {
    let c = this.data.get(key);
    if (!c) this.data.set(key, (c = new Map()));
    c.set(id, resource);
  }

  /** Removes a resource and everything nested under it (`servers/1/metadata`). */
  delete(key: string, id: string): void {
    this.data.get(key)?.delete(id);
    const prefix = `${key}/${id}/`;
    for (const k of [...this.data.keys()]) if (k.startsWith(prefix)) this.data.delete(k);
  }
}

/** What a new resource of a collection looks like before the request's fields go in. */
interface ResourceShape {
  template: Record<string, unknown>;
  /** Keys a request may set: those the responses document or show. */
  keys: Set<string>;
  /** The key that holds the id (`id`, `uuid`, or `name` for `…/{keypair_name}`), if the resource shows one. */
  idKey: string | undefined;
  /** Ids the server picks: integers where the path documents them so (`{aggregate_id}`), else UUIDs. */
  integerIds: boolean;
  /** Whether the client names the resource (`{keypair_name}`): its `name` is its id. */
  namedByClient: boolean;
}

/** The item's id parameter, from the first of show, update and delete. */
function itemParameter(c: Collection): { name: string; type: unknown } | undefined {
  const op = c.show ?? c.update?.[0] ?? c.delete;
  if (!op) return undefined;
  const last = templateSegments(op).at(-1)!;
  const name = last.slice(1, -1);
  return { name, type: op.parameters.path.find((p) => p.name === name)?.schema.type };
}

function contentSchema(op: Operation | undefined): JsonSchema | undefined {
  const s = op?.response?.schema;
  return s?.type === 'array' ? s.items : s;
}

function resourceShape(c: Collection): ResourceShape {
  const sources = [...c.create, ...(c.show ? [c.show] : [])];
  let template: Record<string, unknown> | undefined;
  for (const op of sources) {
    const sample = responseSample(op);
    if (!sample) continue;
    let content = unwrapEnvelope(op.response, sample.value);
    if (Array.isArray(content)) content = content[0];
    if (isObject(content)) {
      template = structuredClone(content);
      break;
    }
  }
  if (!template) {
    const example = exampleFromSchema(contentSchema(sources[0]) ?? {});
    template = isObject(example) ? example : {};
  }
  const keys = new Set(Object.keys(template));
  for (const op of sources) for (const k of Object.keys(contentSchema(op)?.properties ?? {})) keys.add(k);
  const param = itemParameter(c);
  const namedByClient = param !== undefined && /name$/i.test(param.name) && keys.has('name');
  const idKey = namedByClient ? 'name' : keys.has('id') ? 'id' : keys.has('uuid') ? 'uuid' : undefined;
  return { template, keys, idKey, integerIds: param?.type === 'integer', namedByClient };
}

/** The concrete key of the collection instance an operation addresses: its path up to the collection, filled in. */
function instanceKey(segments: string[], depth: number, path: Record<string, unknown>): string {
  return segments
    .slice(0, depth)
    .map((s) => (isWholeParam(s) ? String(path[s.slice(1, -1)]) : s))
    .join('/');
}

function paramValue(segment: string, path: Record<string, unknown>): string {
  return String(path[segment.slice(1, -1)]);
}

/** Copies the request's documented fields onto a resource (never the id). */
function merge(target: Record<string, unknown>, fields: unknown, shape: ResourceShape): void {
  if (!isObject(fields)) return;
  for (const [k, v] of Object.entries(fields)) {
    if (!shape.keys.has(k) || (k === shape.idKey && !shape.namedByClient)) continue;
    Object.defineProperty(target, k, { value: structuredClone(v), enumerable: true, writable: true, configurable: true });
  }
}

type Role = { kind: 'create' | 'list' | 'show' | 'update' | 'delete'; collection: Collection; itemsKey?: string };

/**
 * The resource's fields in a request body. Where the spec found no request envelope
 * because the sample has siblings (cinder's volume create sends `"volume"` beside
 * `"OS-SCH-HNT:scheduler_hints"`), the request names the resource the way its
 * response does: the fields are under the response's envelope key.
 */
function resourceFields(op: Operation, body: unknown): unknown {
  const envelope = op.response?.envelope;
  if (op.request?.envelope !== undefined || envelope === undefined || !isObject(body)) return body;
  const inner = Object.prototype.hasOwnProperty.call(body, envelope) ? body[envelope] : undefined;
  return isObject(inner) ? inner : body;
}

/** Query parameters that page or shape a list rather than filter it. */
const PAGING_PARAMS = new Set(['limit', 'marker', 'offset', 'sort', 'sort_key', 'sort_dir', 'page_reverse', 'with_count', 'fields']);

function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** A query value, as text (a repeated parameter: its last value, as the router's coercion does). */
function queryText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.length > 0 ? queryText(value[value.length - 1]) : undefined;
  return typeof value === 'object' ? undefined : String(value);
}

/** Whether a stored scalar equals a query value (`true` matches `True`, `1` matches `1`). */
function sameScalar(stored: unknown, wanted: unknown): boolean {
  if (stored === wanted) return true;
  const text = queryText(wanted);
  if (text === undefined || (typeof stored === 'object' && stored !== null)) return false;
  if (typeof stored === 'boolean') return ['true', '1', 'yes', 'y', 'on', 't'].includes(text.toLowerCase()) === stored;
  return String(stored) === text;
}

/**
 * A stateful list, as OpenStack services page it: equality filters on the
 * resource's top-level scalar fields for the query parameters the spec
 * documents on this list (undocumented ones are ignored, as are paging and
 * sorting ones), then `marker` (the items after the one with that id; an
 * unknown marker is a 400, as in nova and glance: the request, not the
 * collection, is wrong), then `limit`. When items remain, a next link goes
 * where the spec puts it: the documented links key (`volumes_links` as a list
 * of `{href, rel}`; keystone's `links` object gets `next`), glance's `next`
 * path (in bodies that show or document `first` or `next`), or else
 * `<collection>_links`. A `count` the sample shows counts every
 * match, not just the page.
 */
function listPage(op: Operation, role: Role, resources: Record<string, unknown>[], input: HandlerInput, shape: ResourceShape, status: number): HandlerResult {
  let items = resources;
  for (const p of op.parameters.query) {
    if (PAGING_PARAMS.has(p.name) || !hasOwn(input.query, p.name) || !shape.keys.has(p.name)) continue;
    const example = shape.template[p.name];
    if (typeof example === 'object' && example !== null) continue; // not a scalar field: no equality on it
    const wanted = input.query[p.name];
    items = items.filter((r) => hasOwn(r, p.name) && sameScalar(r[p.name], wanted));
  }
  const total = items.length;
  const marker = queryText(input.query['marker']);
  if (marker !== undefined) {
    const at = shape.idKey === undefined ? -1 : items.findIndex((r) => String(r[shape.idKey!]) === marker);
    if (at < 0) throw new HttpError(400, `Marker ${marker} could not be found.`);
    items = items.slice(at + 1);
  }
  let more = false;
  const limitText = queryText(input.query['limit']);
  if (limitText !== undefined) {
    if (!/^\d+$/.test(limitText.trim())) throw new HttpError(400, `Invalid input for query parameter limit: must be a non-negative integer, not ${JSON.stringify(limitText)}.`);
    const limit = Number(limitText);
    more = items.length > limit;
    items = items.slice(0, limit);
  }
  const page = structuredClone(items);
  const sample = responseSample(op)?.value;
  const content = role.itemsKey === undefined ? page : (() => {
    // Items inside an unwrapped body (glance): the sample's other keys stay, its `next` link goes.
    const body: Record<string, unknown> = isObject(sample) ? structuredClone(sample) : {};
    delete body['next'];
    setOwn(body, role.itemsKey!, page);
    return body;
  })();
  const wire = wrapInEnvelope(op.response ?? {}, content);
  if (NO_BODY.has(status) || op.method === 'HEAD' || !isObject(wire)) return { status, body: wire };
  if (isObject(sample) && hasOwn(sample, 'count')) setOwn(wire, 'count', total);

  const last = page[page.length - 1];
  let next: URL | undefined;
  if (more && last !== undefined && shape.idKey !== undefined) {
    next = new URL(input.request.url);
    next.searchParams.set('marker', String(last[shape.idKey]));
  }
  const documented = op.response?.linkKeys?.[0] ?? role.collection.list.map((l) => l.op.response?.linkKeys?.[0]).find((k) => k !== undefined);
  // glance pages with `next` beside `first`, where either is shown or documented.
  const unwrappedKeys = role.itemsKey === undefined ? [] : [...Object.keys(isObject(sample) ? sample : {}), ...Object.keys(op.response?.schema.properties ?? {})];
  const glanceStyle = unwrappedKeys.includes('next') || unwrappedKeys.includes('first');
  const linkKey = documented ?? (glanceStyle ? 'next' : `${op.response?.envelope ?? role.itemsKey ?? role.collection.name}_links`);
  const shown = isObject(sample) ? sample[linkKey] : undefined;
  if (isObject(shown)) {
    // keystone: `"links": {"self": …, "previous": null, "next": null}`, always present.
    setOwn(wire, linkKey, { ...shown, self: input.request.url, previous: null, next: next?.href ?? null });
  } else if (next && linkKey === 'next') {
    setOwn(wire, linkKey, `${next.pathname}${next.search}`); // glance: a path, beside the items
  } else if (next) {
    setOwn(wire, linkKey, [{ href: next.href, rel: 'next' }]);
  }
  return { status, body: wire };
}

export function statefulHandlers(model: ApiModel, store = new MemoryStore()): HandlerTable {
  const collections = findCollections(model.operations);
  const byShape = new Map(collections.map((c) => [c.shape, c]));
  const shapes = new Map(collections.map((c) => [c, resourceShape(c)]));
  const roles = new Map<string, Role>();
  for (const c of collections) {
    for (const op of c.create) roles.set(op.id, { kind: 'create', collection: c });
    for (const l of c.list) roles.set(l.op.id, { kind: 'list', collection: c, ...(l.itemsKey !== undefined ? { itemsKey: l.itemsKey } : {}) });
    if (c.show) roles.set(c.show.id, { kind: 'show', collection: c });
    for (const op of c.update ?? []) roles.set(op.id, { kind: 'update', collection: c });
    if (c.delete) roles.set(c.delete.id, { kind: 'delete', collection: c });
  }

  let lastIntegerId = 0;
  const table: HandlerTable = Object.create(null) as HandlerTable;
  for (const op of model.operations) {
    const segments = templateSegments(op);
    const items = itemsOnPath(op, byShape);
    const role = roles.get(op.id);
    defineHandler(table, op.id, (input: HandlerInput): HandlerResult => {
      // Every id on the path must name a stored resource.
      let found: Record<string, unknown> | undefined;
      for (const { collection, idIndex } of items) {
        const key = instanceKey(segments, collection.depth, input.path);
        const id = paramValue(segments[idIndex]!, input.path);
        found = store.get(key, id);
        if (!found) throw new HttpError(404, `${collection.name} ${id} could not be found.`);
      }
      if (!role) return sampleResult(op);
      const { collection } = role;
      const key = instanceKey(segments, collection.depth, input.path);
      const shape = shapes.get(collection)!;
      const status = successStatus(op);
      const reply = (content: unknown): HandlerResult =>
        content !== undefined && op.response && !NO_BODY.has(status) && op.method !== 'HEAD' ? { status, body: wrapInEnvelope(op.response, structuredClone(content)) } : { status };
      switch (role.kind) {
        case 'create': {
          const requested = Array.isArray(input.body) ? input.body : [resourceFields(op, input.body)];
          const created = requested.map((fields) => {
            const resource = structuredClone(shape.template);
            merge(resource, fields, shape);
            const named = shape.namedByClient && isObject(fields) && typeof fields['name'] === 'string' ? fields['name'] : undefined;
            const id = named ?? (shape.integerIds ? ++lastIntegerId : randomUUID());
            if (shape.idKey) resource[shape.idKey] = id;
            store.put(key, String(id), resource);
            return resource;
          });
          return reply(Array.isArray(input.body) ? created : created[0]);
        }
        case 'list':
          return listPage(op, role, store.list(key), input, shape, status);
        case 'show':
          return reply(found);
        case 'update':
          merge(found!, resourceFields(op, input.body), shape);
          return reply(found);
        case 'delete': {
          const last = items[items.length - 1]!;
          store.delete(key, paramValue(segments[last.idIndex]!, input.path));
          return reply(undefined);
        }
      }
    });
  }
  return table;
}
