/**
 * Plain JSON values and the two operations the exporter needs on them: setting
 * a key taken from a spec safely, and a structural key for equality.
 */
export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

/**
 * Sets `key` as an own, enumerable property. Keys come from specs, and a plain
 * `o[key] = v` with key `__proto__` would replace the prototype instead.
 */
export function setKey(target: JsonObject, key: string, value: Json): void {
  // Plain assignment for every other key: defineProperty turns objects into slow dictionaries.
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** A new object from entries, safe for any key. */
export function fromEntries(entries: Iterable<readonly [string, Json]>): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of entries) setKey(out, k, v);
  return out;
}

/**
 * Structural keys for JSON values: equal values get equal keys, different
 * values different keys (object member order does not count). A scalar's key
 * is its JSON text (a long string's, a short id of its own); a structure's is a short id (`#c`) standing for the list
 * of its own members, in which nested structures stand as their ids
 * (`{"items":#b,"type":"array"}`). Keying every node of a tree so costs time
 * linear in its size, where a full text per node (`JSON.stringify` with
 * sorted keys) costs size × depth; and the keys that callers store and
 * compare stay a few characters long.
 *
 * Keys are comparable only within one instance, which owns the id table.
 */
export class StructuralKeys {
  private readonly ids = new Map<string, string>();
  /** Long strings (descriptions) stand as ids too: hashed once, never escaped or copied into keys. */
  private readonly strings = new Map<string, string>();
  /** Member names as they are written in keys, quoted once each. */
  private readonly names = new Map<string, string>();

  /**
   * The key of `value`. A `memo` caches each structure's key by identity:
   * pass one only while the values it has seen are not mutated.
   */
  key(value: unknown, memo?: WeakMap<object, string>): string {
    if (value === null || typeof value !== 'object') return this.scalar(value);
    const cached = memo?.get(value);
    if (cached !== undefined) return cached;
    let text: string;
    if (Array.isArray(value)) {
      text = '[';
      for (let i = 0; i < value.length; i++) text += (i > 0 ? ',' : '') + this.key(value[i], memo);
      text += ']';
    } else {
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj).sort();
      text = '{';
      let first = true;
      for (const k of keys) {
        const member = obj[k];
        if (member === undefined) continue;
        let name = this.names.get(k);
        if (name === undefined) {
          name = JSON.stringify(k);
          this.names.set(k, name);
        }
        text += `${first ? '' : ','}${name}:${this.key(member, memo)}`;
        first = false;
      }
      text += '}';
    }
    let id = this.ids.get(text);
    if (id === undefined) {
      id = `#${this.ids.size.toString(36)}`;
      this.ids.set(text, id);
    }
    memo?.set(value, id);
    return id;
  }

  /** JSON text for short scalars; `$id` for a long string (JSON text never starts with `$` or `#`). */
  private scalar(value: unknown): string {
    if (typeof value !== 'string' || value.length <= 32) return JSON.stringify(value) ?? 'null';
    let id = this.strings.get(value);
    if (id === undefined) {
      id = `$${this.strings.size.toString(36)}`;
      this.strings.set(value, id);
    }
    return id;
  }
}

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Code-unit order, the same on every machine (no locale). */
export function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
