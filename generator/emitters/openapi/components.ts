import { pascalCase } from '../naming.ts';
import { byText, fromEntries, isObject, StructuralKeys, type Json, type JsonObject } from './json.ts';

/** `#/components/<kind>/<name>`. */
export function ref(kind: string, name: string): JsonObject {
  return { $ref: `#/components/${kind}/${name}` };
}

/** Component names must match `^[a-zA-Z0-9._-]+$`. */
export function componentName(text: string, fallback = 'Component'): string {
  const clean = text.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '');
  return clean === '' ? fallback : clean;
}

/**
 * One map of `components` (schemas, responses, parameters) that stores each
 * distinct value once: adding a value equal to one already stored returns the
 * existing name, so identical schemas are emitted once and referenced.
 */
export class ComponentSet {
  private readonly values = new Map<string, JsonObject>();
  private readonly names = new Map<string, string>();
  /** Keys values by structure; hoisting keys nested schemas with it too, so their keys compare. */
  private readonly keys = new StructuralKeys();
  /**
   * Each object's key, by identity. Valid because nothing the exporter stores is
   * changed afterwards: values are built whole, then added, and hoisting builds
   * new objects (keeping unchanged subtrees as they are) instead of editing.
   * Shared by every add and by hoisting, each subtree is keyed once.
   */
  private readonly memo = new WeakMap<object, string>();

  constructor(readonly kind: 'schemas' | 'responses' | 'parameters') {}

  /**
   * Stores `value` (or finds its twin) and returns the component's name.
   * `value` must not be changed afterwards (see `memo`).
   */
  add(preferred: string, value: JsonObject): string {
    const key = this.keyOf(value);
    const existing = this.names.get(key);
    if (existing !== undefined) return existing;
    const base = componentName(preferred);
    let name = base;
    for (let n = 2; this.values.has(name); n++) name = `${base}${n}`;
    this.values.set(name, value);
    this.names.set(key, name);
    return name;
  }

  /** The structural key of a value (or a part of one) this set stores. */
  keyOf(value: JsonObject): string {
    return this.keys.key(value, this.memo);
  }

  /** `{ $ref }` to the stored value. */
  ref(preferred: string, value: JsonObject): JsonObject {
    return ref(this.kind, this.add(preferred, value));
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  get size(): number {
    return this.values.size;
  }

  /** The stored values, sorted by name. */
  toJson(): JsonObject {
    return fromEntries([...this.values.keys()].sort(byText).map((n) => [n, this.values.get(n)!] as const));
  }

  /** Replaces every stored value through `fn` (used by hoisting); names stay. */
  rewrite(fn: (name: string, value: JsonObject) => JsonObject): void {
    for (const [name, value] of [...this.values]) {
      const next = fn(name, value);
      this.values.set(name, next);
    }
    this.names.clear();
    for (const [name, value] of this.values) {
      const key = this.keyOf(value);
      if (!this.names.has(key)) this.names.set(key, name);
    }
  }

  entries(): [string, JsonObject][] {
    return [...this.values];
  }
}

/** Object schemas worth sharing: they have properties of their own. */
function isSharable(s: JsonObject): boolean {
  return isObject(s['properties']) && Object.keys(s['properties']).length > 0 && s['$ref'] === undefined;
}

/**
 * Moves object schemas that occur more than once inside the stored schemas into
 * components of their own and references them. Largest first: an object that
 * is shared is hoisted whole, and its own shared parts in a later round only if
 * they are still shared once it stands alone. A nested object equal to a stored
 * component is replaced by a reference to it. Names come from the property the
 * object was first found under (`connector` -> `Connector`).
 */
export function hoistSharedSchemas(schemas: ComponentSet): void {
  // Schemas are never mutated once built (rewriting builds new objects and keeps
  // unchanged subtrees as they are), so their keys are memoized across rounds.
  const keyOf = (value: JsonObject): string => schemas.keyOf(value);
  for (let round = 0; round < 64; round++) {
    const roots = new Map<string, string>();
    for (const [name, value] of schemas.entries()) {
      const key = keyOf(value);
      if (!roots.has(key)) roots.set(key, name);
    }
    // Pass 1: how often each nested object occurs, and the first name it was seen under.
    const counts = new Map<string, { count: number; hint: string }>();
    const count = (s: JsonObject, hint: string, isRoot: boolean): void => {
      if (!isRoot && isSharable(s)) {
        const key = keyOf(s);
        const c = counts.get(key);
        if (c) c.count++;
        else counts.set(key, { count: 1, hint });
      }
      forEachSubschema(s, hint, (child, childHint) => count(child, childHint, false));
    };
    for (const [name, value] of schemas.entries()) count(value, name, true);
    const isShared = (key: string): boolean => roots.has(key) || (counts.get(key)?.count ?? 0) > 1;
    // Pass 2: replace the outermost shared objects; what is inside them waits for the next round.
    const refs = new Map<string, JsonObject>();
    const refFor = (key: string, value: JsonObject): JsonObject => {
      let r = refs.get(key);
      if (!r) {
        const root = roots.get(key);
        r = ref('schemas', root ?? schemas.add(pascalCase(counts.get(key)!.hint), value));
        refs.set(key, r);
      }
      return r;
    };
    let replaced = 0;
    const replace = (s: JsonObject, isRoot: boolean): JsonObject => {
      if (!isRoot && isSharable(s)) {
        const key = keyOf(s);
        if (isShared(key)) {
          replaced++;
          return refFor(key, s);
        }
      }
      return mapSubschemas(s, (child) => replace(child, false));
    };
    // New components are added while rewriting; they are visited in the next round.
    const before = schemas.entries().map(([n]) => n);
    const toRewrite = new Set(before);
    schemas.rewrite((name, value) => (toRewrite.has(name) ? replace(value, true) : value));
    if (replaced === 0) return;
  }
}

/** Calls `fn` on each direct subschema, with a name hint: the property it sits under, or the parent's hint and a suffix. */
function forEachSubschema(s: JsonObject, hint: string, fn: (child: JsonObject, hint: string) => void): void {
  const props = s['properties'];
  if (isObject(props)) for (const k of Object.keys(props)) if (isObject(props[k])) fn(props[k], k);
  if (isObject(s['items'])) fn(s['items'], `${hint}Item`);
  if (isObject(s['additionalProperties'])) fn(s['additionalProperties'], `${hint}Value`);
  for (const kw of ['anyOf', 'oneOf', 'allOf']) {
    const list = s[kw];
    if (Array.isArray(list)) for (const x of list) if (isObject(x)) fn(x, `${hint}Variant`);
  }
}

/** A copy of `s` with each direct subschema replaced by `fn(child)`. */
function mapSubschemas(s: JsonObject, fn: (child: JsonObject) => JsonObject): JsonObject {
  // Unchanged subtrees are returned as they are, so memoized texts stay valid across rounds.
  let changed = false;
  const apply = (child: JsonObject): JsonObject => {
    const next = fn(child);
    if (next !== child) changed = true;
    return next;
  };
  const out: JsonObject = fromEntries(Object.keys(s).map((k) => [k, s[k]!] as const));
  const props = s['properties'];
  if (isObject(props)) out['properties'] = fromEntries(Object.keys(props).map((k) => [k, isObject(props[k]) ? apply(props[k]) : props[k]!] as const));
  if (isObject(s['items'])) out['items'] = apply(s['items']);
  if (isObject(s['additionalProperties'])) out['additionalProperties'] = apply(s['additionalProperties']);
  for (const kw of ['anyOf', 'oneOf', 'allOf']) {
    const list = s[kw];
    if (Array.isArray(list)) out[kw] = list.map((x) => (isObject(x) ? apply(x) : x));
  }
  return changed ? out : s;
}
