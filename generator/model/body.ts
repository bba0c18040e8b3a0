import type { Body, BodyField, JsonSchema, JsonType, Parameter, Sample } from './ir.ts';
import { maxVersion, minVersion } from './version.ts';

/** A body parameter as listed in a `rest_parameters` stanza, before nesting is known. */
export type ListedField = Omit<Parameter, 'in'>;

const ARRAY = '[]';
const LINKS_KEY = /(^|_)links$/;

/**
 * Where each key occurs in the samples: key -> parent paths (segments, `[]`
 * for array items). api-refs list body parameters flat; the samples show how
 * deep each one really sits.
 */
function indexSampleKeys(values: unknown[]): Map<string, string[][]> {
  const index = new Map<string, string[][]>();
  const seen = new Set<string>();
  const visit = (value: unknown, parent: string[], depth: number): void => {
    if (depth > 32) return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, [...parent, ARRAY], depth + 1);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    for (const [k, v] of Object.entries(value)) {
      const sig = `${parent.join('\u0000')}\u0001${k}`;
      if (!seen.has(sig)) {
        seen.add(sig);
        const list = index.get(k) ?? [];
        list.push(parent);
        index.set(k, list);
      }
      visit(v, [...parent, k], depth + 1);
    }
  };
  for (const v of values) visit(v, [], 0);
  return index;
}

function isEnvelopeArray(value: unknown, envelope: string): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.prototype.hasOwnProperty.call(value, envelope) && Array.isArray((value as Record<string, unknown>)[envelope]);
}

/** The envelope of a sample: its one top-level key holding an object, array or null (beside `*_links`). */
function sampleEnvelope(values: unknown[]): { envelope?: string; linkKeys: string[] } {
  for (const v of values) {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) continue;
    const keys = Object.keys(v);
    const main = keys.filter((k) => !LINKS_KEY.test(k));
    if (main.length !== 1) return { linkKeys: [] };
    const inner = (v as Record<string, unknown>)[main[0]!];
    if (inner !== null && typeof inner !== 'object') return { linkKeys: [] };
    return { envelope: main[0]!, linkKeys: keys.filter((k) => LINKS_KEY.test(k)) };
  }
  return { linkKeys: [] };
}

/** Whether a schema admits `type`: `object (or null)` is `['object', 'null']` and still an object. */
function hasType(schema: JsonSchema, type: JsonType): boolean {
  return Array.isArray(schema.type) ? schema.type.includes(type) : schema.type === type;
}

function isContainer(schema: JsonSchema): boolean {
  return hasType(schema, 'object') || hasType(schema, 'array');
}

/**
 * Places each flat-listed field at its depth: by the samples where they show it,
 * by dotted names (`block_device_mapping_v2.boot_index`), and otherwise under a
 * leading container field (the os-api-ref habit of listing `attachment` first,
 * then its members).
 */
function placeFields(fields: ListedField[], sampleIndex: Map<string, string[][]>, envelope: string | undefined, envelopeIsArray: boolean): string[][] {
  const envelopePath = envelope ? (envelopeIsArray ? [envelope, ARRAY] : [envelope]) : [];
  const placed: string[][] = [];
  const container = fields[0] && isContainer(fields[0].schema) && fields.length > 1 ? fields[0] : undefined;
  const containerPath = container ? (hasType(container.schema, 'array') ? [container.name, ARRAY] : [container.name]) : undefined;
  const fieldPaths = new Map<string, string[]>();
  let lastObject: string[] | undefined;
  let previous: string[] | undefined;
  for (const [i, f] of fields.entries()) {
    let path: string[] | undefined;
    const candidates = sampleIndex.get(f.name);
    const dotted = f.name.includes('.') && !candidates ? f.name.split('.') : undefined;
    if (candidates && candidates.length > 0) {
      // Prefer the shallowest place under the envelope; among equals, the first seen.
      const ranked = [...candidates].sort((a, b) => rank(a) - rank(b));
      path = [...ranked[0]!, f.name];
    } else if (dotted) {
      const prefix = dotted.slice(0, -1);
      const parent = fieldPaths.get(prefix.join('.')) ?? resolveDotted(prefix, sampleIndex, fieldPaths);
      path = [...parent, dotted[dotted.length - 1]!];
    } else if (f.name.startsWith('{') && lastObject) {
      // `{key}` documents the free-form members of the object listed before it.
      path = [...lastObject, f.name];
    } else if (envelope && LINKS_KEY.test(f.name)) {
      // Pagination links sit beside the envelope (`volumes_links`), never inside it.
      path = [f.name];
    } else if (envelope && previous?.length === 1 && previous[0] !== envelope && !previous[0]!.startsWith('{')) {
      // Stanzas list fields grouped by depth: after a field beside the envelope
      // (`volumes_links`), an unplaced one (`count`) stands beside it too.
      path = [f.name];
    } else if (i > 0 && envelope && f.name !== envelope) {
      // The sample shows the envelope (and whether it holds a list): a field it lacks goes inside.
      path = [...envelopePath, f.name];
    } else if (i > 0 && containerPath) {
      path = [...containerPath, f.name];
    } else {
      path = [f.name];
    }
    // Array-typed parents hold their members in `[]`.
    path = insertArraySteps(path, fieldPaths, fields);
    fieldPaths.set(f.name, path);
    placed.push(path);
    previous = path;
    if (hasType(f.schema, 'object') && !f.name.startsWith('{')) lastObject = path;
  }
  return placed;

  function rank(parent: string[]): number {
    const underEnvelope = envelope && parent[0] === envelope ? 0 : 1000;
    return underEnvelope + parent.length;
  }
}

function resolveDotted(prefix: string[], index: Map<string, string[][]>, known: Map<string, string[]>): string[] {
  const head = prefix[0]!;
  const base = known.get(head) ?? [...(index.get(head)?.[0] ?? []), head];
  return [...base, ...prefix.slice(1)];
}

function insertArraySteps(path: string[], known: Map<string, string[]>, fields: ListedField[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < path.length; i++) {
    out.push(path[i]!);
    if (i === path.length - 1 || path[i + 1] === ARRAY || path[i] === ARRAY) continue;
    const field = fields.find((f) => f.name === path[i] && sameArray(known.get(f.name), out));
    if (field && hasType(field.schema, 'array')) out.push(ARRAY);
  }
  return out;
}

function sameArray(a: string[] | undefined, b: string[]): boolean {
  return a !== undefined && a.length === b.length && a.every((s, i) => s === b[i]);
}

/** The JSON Schema of a sample value, for shapes the parameters leave open. */
export function inferSchema(value: unknown, depth = 0): JsonSchema {
  if (value === null) return { type: 'null' };
  if (Array.isArray(value)) {
    const first = value.find((v) => v !== null);
    return first === undefined || depth > 16 ? { type: 'array' } : { type: 'array', items: inferSchema(first, depth + 1) };
  }
  switch (typeof value) {
    case 'string':
      return { type: 'string' };
    case 'number':
      return { type: Number.isInteger(value) ? 'integer' : 'number' };
    case 'boolean':
      return { type: 'boolean' };
    case 'object': {
      if (depth > 16) return { type: 'object' };
      const properties: Record<string, JsonSchema> = {};
      for (const [k, v] of Object.entries(value as object)) setProp(properties, k, { ...inferSchema(v, depth + 1), 'x-inferred': true });
      return { type: 'object', properties };
    }
    default:
      return {};
  }
}

/** Sets a node's `x-min-version`/`x-max-version` to the union of `own`'s range and `earlier`'s; an open end stays open. */
function unionVersionRange(node: JsonSchema, own: JsonSchema, earlier: { min: string | undefined; max: string | undefined }): void {
  const ownMin = own['x-min-version'];
  const ownMax = own['x-max-version'];
  const min = ownMin !== undefined && earlier.min !== undefined ? minVersion([ownMin, earlier.min]) : undefined;
  const max = ownMax !== undefined && earlier.max !== undefined ? maxVersion([ownMax, earlier.max]) : undefined;
  if (min !== undefined) node['x-min-version'] = min;
  else delete node['x-min-version'];
  if (max !== undefined) node['x-max-version'] = max;
  else delete node['x-max-version'];
}

function fieldSchema(f: ListedField): JsonSchema {
  const s = cloneSchema(f.schema);
  if (f.description) s.description = f.description;
  if (f.minVersion) s['x-min-version'] = f.minVersion;
  if (f.maxVersion) s['x-max-version'] = f.maxVersion;
  s['x-lookup-key'] = f.key;
  return s;
}

/** A deep copy of a schema (plain JSON data): a direct walk, several times cheaper than a JSON round trip or structuredClone. */
export function cloneSchema(schema: JsonSchema): JsonSchema {
  return cloneJson(schema) as JsonSchema;
}

function cloneJson(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(cloneJson);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const member = (value as Record<string, unknown>)[key];
    if (member !== undefined) setOwn(out, key, cloneJson(member));
  }
  return out;
}

/** The node at `path` under root, created as needed (objects, or array items at `[]`). */
function ensureNode(root: JsonSchema, path: string[]): JsonSchema {
  let node = root;
  for (const seg of path) {
    if (seg === ARRAY) {
      if (!hasType(node, 'array')) node.type = 'array';
      node.items ??= {};
      node = node.items;
      continue;
    }
    if (seg.startsWith('{') && seg.endsWith('}')) {
      if (node.type === undefined) node.type = 'object';
      if (typeof node.additionalProperties !== 'object') node.additionalProperties = {};
      node = node.additionalProperties;
      continue;
    }
    if (node.type === undefined) node.type = 'object';
    node.properties ??= {};
    let child = ownProp(node.properties, seg);
    if (!child) setProp(node.properties, seg, (child = {}));
    node = child;
  }
  return node;
}

/** The own member `key` of a properties map, never an inherited one (`constructor`, `__proto__`). */
function ownProp(props: Record<string, JsonSchema> | undefined, key: string): JsonSchema | undefined {
  return props && Object.prototype.hasOwnProperty.call(props, key) ? props[key] : undefined;
}

/** Sets `key` as an own data property: a spec's `__proto__` field is a key like any other, not the prototype. */
function setProp(props: Record<string, JsonSchema>, key: string, value: JsonSchema): void {
  setOwn(props, key, value);
}

/** Plain assignment, except for `__proto__`, whose assignment would replace the prototype. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** Adds sample-inferred members to objects the parameters leave without properties. */
function fillOpenShapes(schema: JsonSchema, value: unknown, depth = 0): void {
  if (depth > 32 || value === null || value === undefined) return;
  if (hasType(schema, 'array') && Array.isArray(value)) {
    const first = value.find((v) => v !== null && v !== undefined);
    if (first === undefined) return;
    if (!schema.items || Object.keys(schema.items).every((k) => k === 'description')) schema.items = { ...inferSchema(first), ...schema.items, 'x-inferred': true };
    else fillOpenShapes(schema.items, first, depth + 1);
    return;
  }
  if (typeof value !== 'object' || Array.isArray(value)) return;
  if (schema.type !== undefined && !hasType(schema, 'object')) return;
  if (!schema.properties && schema.additionalProperties === undefined) {
    const inferred = inferSchema(value);
    if (inferred.properties && Object.keys(inferred.properties).length > 0) schema.properties = inferred.properties;
    return;
  }
  for (const [k, v] of Object.entries(value as object)) {
    const child = ownProp(schema.properties, k);
    if (child) fillOpenShapes(child, v, depth + 1);
  }
}

export function buildBody(fields: ListedField[], samples: Sample[]): Body | undefined {
  const values = samples.filter((s) => s.value !== undefined).map((s) => s.value);
  if (fields.length === 0 && samples.length === 0) return undefined;
  // Only non-JSON samples (raw HTTP, PEM, XML): the body is there, its shape unknown.
  if (fields.length === 0 && values.length === 0) return { schema: {}, fields: [], samples };
  const { envelope: sampleEnv, linkKeys } = sampleEnvelope(values);
  const index = indexSampleKeys(values);
  const envelopeIsArray = sampleEnv !== undefined && values.some((v) => isEnvelopeArray(v, sampleEnv));
  const paths = placeFields(fields, index, sampleEnv, envelopeIsArray);
  const root: JsonSchema = { type: 'object', properties: {} };
  const bodyFields: BodyField[] = [];
  fields.forEach((f, i) => {
    const path = paths[i]!;
    const node = ensureNode(root, path);
    const own = fieldSchema(f);
    // A container documented after its members (or inferred from them) keeps what they built.
    const { properties, items, additionalProperties } = node;
    // The same wire field documented twice for different microversion ranges
    // (cinder's shared_targets up to 3.68, shared_targets_tristate from 3.69):
    // the node exists in the union of the ranges, not in the last one's.
    const earlier = node['x-lookup-key'] !== undefined ? { min: node['x-min-version'], max: node['x-max-version'] } : undefined;
    Object.assign(node, own);
    if (earlier) unionVersionRange(node, own, earlier);
    if (properties) node.properties = { ...(own.properties ?? {}), ...properties };
    if (items && hasType(own, 'array')) node.items = items;
    if (additionalProperties !== undefined && hasType(own, 'object')) node.additionalProperties = additionalProperties;
    const parent = parentOf(root, path);
    const last = path[path.length - 1]!;
    if (f.required && parent && !last.startsWith('{')) {
      parent.required ??= [];
      if (!parent.required.includes(last)) parent.required.push(last);
    }
    const field: BodyField = {
      name: last,
      key: f.key,
      in: 'body',
      description: f.description,
      required: f.required,
      schema: f.schema,
      path: path,
      source: f.source,
    };
    if (f.minVersion) field.minVersion = f.minVersion;
    if (f.maxVersion) field.maxVersion = f.maxVersion;
    if (f.deprecated) field.deprecated = true;
    bodyFields.push(field);
  });
  for (const v of values) fillOpenShapes(root, v);

  let envelope = sampleEnv;
  if (!envelope) {
    // No sample to show it: a lone documented container at the top is the envelope.
    const top = Object.keys(root.properties ?? {});
    const only = top.length === 1 ? root.properties![top[0]!]! : undefined;
    if (only && isContainer(only) && fields.length > 1) envelope = top[0];
  }
  const body: Body = { schema: root, fields: bodyFields, samples };
  if (envelope) {
    body.envelope = envelope;
    // An envelope no parameter documents (cinder's `{"os-complete": {}}`): its content's shape comes from the sample.
    body.schema = ownProp(root.properties, envelope) ?? undocumentedContent(values, envelope);
  }
  // Documented pagination links beside the envelope count even where no sample shows them.
  if (envelope) for (const f of bodyFields) if (f.path.length === 1 && LINKS_KEY.test(f.name) && !linkKeys.includes(f.name)) linkKeys.push(f.name);
  if (linkKeys.length > 0) body.linkKeys = linkKeys;
  return body;
}

/** The shape of an envelope's content that no parameter documents: inferred from the first sample that has it, else open. */
function undocumentedContent(values: unknown[], envelope: string): JsonSchema {
  for (const v of values) {
    if (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.prototype.hasOwnProperty.call(v, envelope)) {
      return { ...inferSchema((v as Record<string, unknown>)[envelope]), 'x-inferred': true };
    }
  }
  return {};
}

function parentOf(root: JsonSchema, path: string[]): JsonSchema | undefined {
  if (path.length === 1) return root;
  let node: JsonSchema | undefined = root;
  for (const seg of path.slice(0, -1)) {
    if (!node) return undefined;
    if (seg === ARRAY) node = node.items;
    else if (seg.startsWith('{')) node = typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined;
    else node = ownProp(node.properties, seg);
  }
  return node;
}
