/**
 * Finds the REST collections of an API in its operations, for the stateful
 * mock: a collection is a path ending in a literal segment that has a create
 * (`POST /v3/{project_id}/attachments`) and a way to read what was created (a
 * `GET` of the same path returning an array, or a `GET` of `…/{id}`).
 */
import type { Operation } from '../model/ir.ts';
import { splitTemplate } from '../../templates/server/runtime/path-trie.ts';

/**
 * A list: its items are the whole content (`{"attachments": [...]}`, an
 * enveloped array), or sit under `itemsKey` in an unwrapped body
 * (glance's `{"images": [...], "first": …}`).
 */
export interface ListOperation {
  op: Operation;
  itemsKey?: string;
}

/** How a GET's response holds a list, if it does. */
function listShape(op: Operation): ListOperation | undefined {
  const body = op.response;
  if (!body) return undefined;
  if (body.schema.type === 'array') return { op };
  if (body.envelope !== undefined) return undefined;
  const arrays = Object.entries(body.schema.properties ?? {}).filter(([, s]) => s.type === 'array');
  return arrays.length === 1 ? { op, itemsKey: arrays[0]![0] } : undefined;
}

export interface Collection {
  /** The path's shape with parameters as `{}`: `v3/{}/attachments`. */
  shape: string;
  /** Number of path segments of the collection path. */
  depth: number;
  /** The last segment (`attachments`), for messages. */
  name: string;
  create: Operation[];
  list: ListOperation[];
  show?: Operation;
  update?: Operation[];
  delete?: Operation;
}

const isWholeParam = (seg: string): boolean => /^\{[^{}]+\}$/.test(seg);
const shapeOf = (segments: string[]): string => segments.map((s) => (isWholeParam(s) ? '{}' : s)).join('/');

/** The operation's path segments (`{…}` kept), for locating its parameters by position. */
export function templateSegments(op: Operation): string[] {
  return splitTemplate(op.path);
}

export function findCollections(operations: Operation[]): Collection[] {
  const byShape = new Map<string, Collection>();
  for (const op of operations) {
    const segs = templateSegments(op);
    const last = segs[segs.length - 1];
    if (op.method !== 'POST' || op.action !== undefined || last === undefined || last.includes('{') || last === 'action') continue;
    const shape = shapeOf(segs);
    let c = byShape.get(shape);
    if (!c) byShape.set(shape, (c = { shape, depth: segs.length, name: last, create: [], list: [] }));
    c.create.push(op);
  }
  for (const op of operations) {
    const segs = templateSegments(op);
    const shape = shapeOf(segs);
    const parentShape = shapeOf(segs.slice(0, -1));
    const last = segs[segs.length - 1] ?? '';
    const asItem = isWholeParam(last) ? byShape.get(parentShape) : undefined;
    if (op.method === 'GET' && (byShape.has(shape) || (last === 'detail' && byShape.has(parentShape)))) {
      const c = byShape.get(shape) ?? byShape.get(parentShape)!;
      const list = listShape(op);
      if (list) c.list.push(list);
    } else if (asItem) {
      if (op.method === 'GET') asItem.show ??= op;
      else if (op.method === 'PUT' || op.method === 'PATCH') (asItem.update ??= []).push(op);
      else if (op.method === 'DELETE') asItem.delete ??= op;
    }
  }
  return [...byShape.values()].filter((c) => c.show !== undefined || c.list.length > 0);
}

/**
 * The collections whose items an operation's path goes through, outermost
 * first, with the position of the item's id segment: `GET /servers/{id}/ips`
 * goes through the item of `/servers`.
 */
export function itemsOnPath(op: Operation, collections: Map<string, Collection>): { collection: Collection; idIndex: number }[] {
  const segs = templateSegments(op);
  const out: { collection: Collection; idIndex: number }[] = [];
  for (let i = 1; i < segs.length; i++) {
    if (!isWholeParam(segs[i]!)) continue;
    const c = collections.get(shapeOf(segs.slice(0, i)));
    if (c) out.push({ collection: c, idIndex: i });
  }
  return out;
}

export { shapeOf, isWholeParam };
