import type { ApiModel, JsonSchema, Operation } from '../../model/ir.ts';
import { operationTypeNames } from '../naming.ts';
import { isStructured, propertyNames, propertySchema, shapeKey, typesOf } from './shape.ts';
import { singular, typeNameFrom } from './ts-text.ts';

/**
 * Decides which shapes get a type of their own and what each is called.
 *
 * - Resources: a response wrapped in `{"attachment": {...}}` names its content
 *   `Attachment` (the singular of the envelope). When several shapes claim the
 *   name, the one a `GET …/{id}` returns wins; a list's item shape that holds a
 *   subset of its fields becomes `AttachmentSummary`. A resource whose shape
 *   another resource already named still gets its own type (see `resources`).
 * - Recurring nested objects (the same structure in two or more places) are
 *   declared once, named after the property that holds them (`connector` ->
 *   `Connector`, prefixed by the parent type when that name is taken).
 * - Operation types (`CreateAttachmentRequest`, …) are declared on the first
 *   operation with that body shape; later operations with the same shape alias
 *   it (or alias the resource type).
 */
export interface SharedType {
  name: string;
  schema: JsonSchema;
}

export interface TypePlan {
  /** Shape key -> people-friendly name, for any reference to that shape. */
  shared: Map<string, string>;
  /**
   * Resource bodies by identity: the schema objects of a resource's bodies (the
   * content of `{"image": …}`, the items of `{"images": […]}`) -> the resource's
   * type. Two resources documented with the same fields are still two resources:
   * `images.list()` returns `ImageSummary[]`, not the `ServerSummary[]` a
   * structural match would give. Looked up before `shared`.
   */
  resources: Map<JsonSchema, string>;
  /** Shared declarations, in order. */
  sharedTypes: SharedType[];
  /** Shape key -> the operation-level name that declares it (for aliasing later operations' bodies). */
  operationRoots: Map<string, string>;
}

export function planTypes(model: ApiModel): TypePlan {
  const used = new Set<string>();
  for (const op of model.operations) {
    const n = operationTypeNames(op);
    for (const name of [n.request, n.response, n.query, n.pathParams]) used.add(name);
  }
  const shared = new Map<string, string>();
  const sharedTypes: SharedType[] = [];
  const claim = (wanted: string, schema: JsonSchema): string | undefined => {
    const key = shapeKey(schema);
    if (shared.has(key)) return undefined;
    const name = unique(wanted, used);
    shared.set(key, name);
    sharedTypes.push({ name, schema });
    return name;
  };

  const resources = new Map<JsonSchema, string>();
  /** A resource's own type: the shared one when its shape is not yet named, else a declaration of its own. */
  const claimResource = (wanted: string, schemas: JsonSchema[]): void => {
    const first = schemas[0]!;
    const name = claim(wanted, first) ?? (shared.get(shapeKey(first)) === wanted ? wanted : ownDeclaration(wanted, first));
    for (const s of schemas) resources.set(s, name);
  };
  const ownDeclaration = (wanted: string, schema: JsonSchema): string => {
    const name = unique(wanted, used);
    sharedTypes.push({ name, schema });
    return name;
  };
  nameResources(model.operations, claimResource);
  nameRecurringShapes(model.operations, shared, used, claim);

  const operationRoots = new Map<string, string>();
  for (const op of model.operations) {
    const n = operationTypeNames(op);
    for (const [body, name] of [[op.request, n.request], [op.response, n.response]] as const) {
      if (!body) continue;
      const key = rootKey(body.schema, resources);
      if (!shared.has(key) && !operationRoots.has(key)) operationRoots.set(key, name);
    }
  }
  return { shared, resources, sharedTypes, operationRoots };
}

/**
 * The key operation bodies are aliased by: their shape, and the resource they
 * hold, so that two lists of different resources with the same fields do not
 * alias each other.
 */
export function rootKey(schema: JsonSchema, resources: Map<JsonSchema, string>): string {
  const resource = resources.get(schema) ?? (schema.items ? resources.get(schema.items) : undefined);
  return resource === undefined ? shapeKey(schema) : `${resource}:${shapeKey(schema)}`;
}

type Claim = (wanted: string, schema: JsonSchema) => string | undefined;
type ClaimResource = (wanted: string, schemas: JsonSchema[]) => void;

interface Candidate {
  schema: JsonSchema;
  /** Returned by `GET` on an item path (`…/{id}`): the resource's full representation. */
  primary: boolean;
  /** An item of a list response. */
  listItem: boolean;
}

function nameResources(operations: Operation[], claim: ClaimResource): void {
  const byName = new Map<string, Candidate[]>();
  const add = (name: string, c: Candidate) => {
    const list = byName.get(name);
    if (list) list.push(c);
    else byName.set(name, [c]);
  };
  for (const op of operations) {
    const body = op.response;
    if (!body?.envelope) continue;
    const name = typeNameFrom(singular(body.envelope), 'Resource');
    const s = body.schema;
    if (isStructured(s)) add(name, { schema: s, primary: op.method === 'GET' && /\}\/?$/.test(op.path), listItem: false });
    else if (typesOf(s).join() === 'array' && isStructured(s.items)) add(name, { schema: s.items, primary: false, listItem: true });
  }
  for (const [name, candidates] of byName) {
    const main = candidates.find((c) => c.primary) ?? candidates.find((c) => !c.listItem) ?? candidates[0]!;
    const mainKey = shapeKey(main.schema);
    claim(name, candidates.filter((c) => shapeKey(c.schema) === mainKey).map((c) => c.schema));
    const mainProps = new Set(propertyNames(main.schema));
    const summary = candidates.find(
      (c) => c.listItem && shapeKey(c.schema) !== mainKey && propertyNames(c.schema).every((p) => mainProps.has(p)),
    );
    if (summary) {
      const summaryKey = shapeKey(summary.schema);
      claim(`${name}Summary`, candidates.filter((c) => c.listItem && shapeKey(c.schema) === summaryKey).map((c) => c.schema));
    }
  }
}

interface Occurrence {
  schema: JsonSchema;
  hint: string;
  parent: string;
  count: number;
}

/** Counts nested structured shapes over the distinct body shapes and names those that occur twice or more. */
function nameRecurringShapes(operations: Operation[], shared: Map<string, string>, used: Set<string>, claim: Claim): void {
  const occurrences = new Map<string, Occurrence>();
  const walkedRoots = new Set<string>();

  const visit = (schema: JsonSchema | undefined, hint: string, parent: string, depth: number): void => {
    if (!schema || depth > 64) return;
    let here = parent;
    if (isStructured(schema) && depth > 0) {
      const key = shapeKey(schema);
      const seen = occurrences.get(key);
      if (seen) seen.count++;
      else occurrences.set(key, { schema, hint, parent, count: 1 });
      here = shared.get(key) ?? typeNameFrom(hint);
    }
    for (const name of propertyNames(schema)) visit(propertySchema(schema, name), name, here, depth + 1);
    if (schema.items) visit(schema.items, depth === 0 ? hint : singular(hint), here, depth + 1);
    if (typeof schema.additionalProperties === 'object') visit(schema.additionalProperties, `${hint} value`, here, depth + 1);
    for (const alt of schema.anyOf ?? []) visit(alt, hint, here, depth + 1);
  };

  for (const op of operations) {
    const n = operationTypeNames(op);
    for (const [body, name] of [[op.request, n.request], [op.response, n.response]] as const) {
      if (!body) continue;
      const key = shapeKey(body.schema);
      if (walkedRoots.has(key)) continue;
      walkedRoots.add(key);
      const rootName = shared.get(key) ?? name;
      // A list response's items are the resource itself: name nested shapes after it, not after the list.
      visit(body.schema, body.envelope ? singular(body.envelope) : rootName, rootName, 0);
    }
  }

  for (const [key, occ] of occurrences) {
    if (occ.count < 2 || shared.has(key)) continue;
    claim(plainOrPrefixed(typeNameFrom(occ.hint), occ.parent, used), occ.schema);
  }
}

/** `Connector`, or `AttachmentConnector` when `Connector` already names another shape. */
function plainOrPrefixed(plain: string, parent: string, used: Set<string>): string {
  return used.has(plain) && !plain.startsWith(parent) ? `${parent}${plain}` : plain;
}

/** `base`, or `base2`, `base3`… whichever is free; records the one returned. */
function unique(base: string, used: Set<string>): string {
  let name = base;
  for (let n = 2; used.has(name); n++) name = `${base}${n}`;
  used.add(name);
  return name;
}
