/**
 * Orders an API's operations into resource lifecycles, from the path
 * structure alone:
 *
 *   POST /things            create      GET /things          list
 *   GET  /things/{id}       show        GET /things/detail   list (a variant)
 *   PUT  /things/{id}       update      POST /things/{id}/action   action
 *   DELETE /things/{id}     delete      anything else        other
 *
 * Resources nest (`/things/{id}/tags` is a child of `/things`), and each root
 * resource becomes one test file whose order is
 *   create -> show -> list -> update -> children -> others -> actions -> delete
 * so that later tests can address what earlier ones created. Nested resources
 * whose members are the keys of one object (`/volumes/{volume_id}/metadata/{key}`)
 * are marked `map` (map-resource.ts).
 */
import type { HttpMethod, Operation } from '../../model/ir.ts';
import { isMapResource } from './map-resource.ts';

export type Role = 'create' | 'show' | 'list' | 'update' | 'action' | 'delete' | 'other';

export interface PlannedOperation {
  op: Operation;
  role: Role;
  /** The collection path of the resource it acts on. */
  resource: string;
}

export interface ResourceNode {
  collection: string;
  /** The path parameter naming one member, when the spec addresses members. */
  idParam?: string;
  create?: Operation;
  shows: Operation[];
  lists: Operation[];
  updates: Operation[];
  actions: Operation[];
  deletes: Operation[];
  others: Operation[];
  children: ResourceNode[];
  parent?: ResourceNode;
  /** Members are the keys of a free-form object (metadata, extra specs): see map-resource.ts. */
  map?: boolean;
}

/** One test file: a root resource and its descendants, operations in lifecycle order. */
export interface LifecycleGroup {
  /** A file name stem: the root collection's last literal segment, made unique. */
  name: string;
  root: ResourceNode;
  /** Every resource of the group (root first, depth first). */
  resources: ResourceNode[];
  /** The operations in the order their tests run. */
  ordered: PlannedOperation[];
}

const PARAM = /^\{([^{}]+)\}$/;

export function segments(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

const join = (segs: string[]): string => `/${segs.join('/')}`;

function paramName(segment: string | undefined): string | undefined {
  return segment === undefined ? undefined : PARAM.exec(segment)?.[1];
}

const READS: HttpMethod[] = ['GET', 'HEAD'];

/** The first pass: where each operation sits, from its own path and method. */
function placeOne(op: Operation): { role: Role; collection: string; idParam?: string } {
  const segs = segments(op.path);
  const last = segs[segs.length - 1];
  const beforeLast = segs[segs.length - 2];
  if (op.method === 'POST' && (op.action !== undefined || last === 'action') && paramName(beforeLast) !== undefined) {
    return { role: 'action', collection: join(segs.slice(0, -2)), idParam: paramName(beforeLast)! };
  }
  const lastParam = paramName(last);
  if (lastParam !== undefined && segs.length > 1 && paramName(beforeLast) === undefined) {
    const collection = join(segs.slice(0, -1));
    switch (op.method) {
      case 'GET':
      case 'HEAD':
        return { role: 'show', collection, idParam: lastParam };
      case 'PUT':
      case 'PATCH':
        return { role: 'update', collection, idParam: lastParam };
      case 'DELETE':
        return { role: 'delete', collection, idParam: lastParam };
      default:
        return { role: 'other', collection, idParam: lastParam };
    }
  }
  if (lastParam === undefined) {
    if (op.method === 'POST') return { role: 'create', collection: op.path };
    if (READS.includes(op.method)) return { role: 'list', collection: op.path };
  }
  return { role: 'other', collection: lastParam !== undefined ? join(segs.slice(0, -1)) : op.path };
}

function newNode(collection: string): ResourceNode {
  return { collection, shows: [], lists: [], updates: [], actions: [], deletes: [], others: [], children: [] };
}

/** The item path of a resource (`/things/{thing_id}`), which children's paths start with. */
function itemPath(node: ResourceNode): string | undefined {
  return node.idParam !== undefined ? `${node.collection === '/' ? '' : node.collection}/{${node.idParam}}` : undefined;
}

export function planLifecycles(operations: Operation[]): LifecycleGroup[] {
  const placed = operations.map((op) => ({ op, ...placeOne(op) }));
  const nodes = new Map<string, ResourceNode>();
  const nodeFor = (collection: string): ResourceNode => {
    let n = nodes.get(collection);
    if (!n) {
      n = newNode(collection);
      nodes.set(collection, n);
    }
    return n;
  };
  // Members are addressed by the parameter of their show/update/delete/action paths.
  for (const p of placed) if (p.idParam !== undefined) nodeFor(p.collection).idParam ??= p.idParam;

  // `GET /things/detail` (an array answer beside a known collection) lists `/things`.
  for (const p of placed) {
    if (p.role !== 'list') continue;
    const segs = segments(p.collection);
    const parent = join(segs.slice(0, -1));
    const parentNode = nodes.get(parent);
    if (segs.length > 1 && parentNode?.idParam !== undefined && p.op.response?.schema.type === 'array') p.collection = parent;
  }
  // A POST on a collection creates only when members can be addressed; otherwise it is just an operation.
  for (const p of placed) {
    if (p.role !== 'create') continue;
    const node = nodeFor(p.collection);
    if (node.idParam === undefined || node.create !== undefined) p.role = 'other';
    else node.create = p.op;
  }
  for (const p of placed) {
    const node = nodeFor(p.collection);
    const list: Record<Exclude<Role, 'create'>, Operation[]> = {
      show: node.shows,
      list: node.lists,
      update: node.updates,
      action: node.actions,
      delete: node.deletes,
      other: node.others,
    };
    if (p.role !== 'create') list[p.role].push(p.op);
  }

  // Nest: a resource is the child of the one whose member path its collection
  // starts with (`/servers/{server_id}/metadata`), or whose collection it
  // extends with literal segments only (`/os-services/disable`); the longest such.
  const all = [...nodes.values()];
  for (const node of all) {
    let best: { parent: ResourceNode; length: number } | undefined;
    for (const candidate of all) {
      if (candidate === node) continue;
      const prefix = parentPrefix(candidate, node.collection);
      if (prefix !== undefined && (!best || prefix > best.length)) best = { parent: candidate, length: prefix };
    }
    if (best) {
      node.parent = best.parent;
      best.parent.children.push(node);
    }
  }
  for (const node of all) if (isMapResource(node)) node.map = true;

  const roles = new Map(placed.map((p) => [p.op, p]));
  const used = new Set<string>();
  const groups: LifecycleGroup[] = [];
  // Roots in the order their first operation appears in the document.
  const firstIndex = (n: ResourceNode): number => Math.min(...descendants(n).flatMap((d) => operationsOf(d)).map((op) => operations.indexOf(op)));
  const roots = all.filter((n) => !n.parent && descendants(n).some((d) => operationsOf(d).length > 0));
  roots.sort((a, b) => firstIndex(a) - firstIndex(b));
  for (const root of roots) {
    const ordered: PlannedOperation[] = [];
    orderNode(root, ordered, roles);
    groups.push({ name: uniqueName(root.collection, used), root, resources: descendants(root), ordered });
  }
  return groups;
}

/** The length of `candidate`'s path that `collection` extends as its child, or undefined when it does not. */
function parentPrefix(candidate: ResourceNode, collection: string): number | undefined {
  const item = itemPath(candidate);
  if (item !== undefined && (collection === item || collection.startsWith(`${item}/`))) return item.length;
  const base = candidate.collection === '/' ? '' : candidate.collection;
  if (base === '' || !collection.startsWith(`${base}/`)) return undefined;
  const rest = segments(collection.slice(base.length));
  return rest.length > 0 && rest.every((s) => !PARAM.test(s)) ? base.length : undefined;
}

function operationsOf(n: ResourceNode): Operation[] {
  return [...(n.create ? [n.create] : []), ...n.shows, ...n.lists, ...n.updates, ...n.actions, ...n.deletes, ...n.others];
}

function descendants(n: ResourceNode): ResourceNode[] {
  return [n, ...n.children.flatMap(descendants)];
}

function orderNode(node: ResourceNode, out: PlannedOperation[], roles: Map<Operation, { role: Role; collection: string }>): void {
  const push = (op: Operation): void => {
    const r = roles.get(op)!;
    out.push({ op, role: r.role, resource: node.collection });
  };
  if (node.create) push(node.create);
  // Without a create, a listing comes first: it can discover a member for the show to read.
  if (node.create) {
    node.shows.forEach(push);
    node.lists.forEach(push);
  } else {
    node.lists.forEach(push);
    node.shows.forEach(push);
  }
  node.updates.forEach(push);
  for (const child of node.children) orderNode(child, out, roles);
  node.others.forEach(push);
  node.actions.forEach(push);
  node.deletes.forEach(push);
}

/** `/v3/{project_id}/attachments` -> `attachments`; `/` -> `root`. */
export function fileStem(collection: string): string {
  const literals = segments(collection).filter((s) => !PARAM.test(s));
  const stem = slug(literals[literals.length - 1] ?? '');
  return stem === '' ? 'root' : stem;
}

const slug = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '');

/** The file stem, lengthened with earlier literal segments on a clash (`os-hypervisors-servers`), then numbered. */
function uniqueName(collection: string, used: Set<string>): string {
  const literals = segments(collection)
    .filter((s) => !PARAM.test(s))
    .map(slug)
    .filter((s) => s !== '');
  const candidates = [fileStem(collection)];
  for (let n = 2; n <= literals.length; n++) candidates.push(literals.slice(-n).join('-'));
  let name = candidates.find((c) => !used.has(c));
  for (let i = 2; name === undefined; i++) if (!used.has(`${candidates[0]}-${i}`)) name = `${candidates[0]}-${i}`;
  used.add(name);
  return name;
}
