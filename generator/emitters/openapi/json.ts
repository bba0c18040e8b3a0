/**
 * Plain JSON values and the two operations the exporter needs on them: setting
 * a key taken from a spec safely, and a canonical text for equality.
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
 * JSON text with object keys sorted at every level: equal values, equal text.
 * With a `memo`, each object's text is computed once: callers that ask for
 * the text of every nested schema (component hoisting) stay linear instead of
 * re-serializing each subtree once per ancestor. Only pass a memo while the
 * values it has seen are not mutated.
 */
export function canonical(value: unknown, memo?: WeakMap<object, string>): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const cached = memo?.get(value);
  if (cached !== undefined) return cached;
  // Plain loops and concatenation: this runs on every node of every exported schema.
  let text: string;
  if (Array.isArray(value)) {
    text = '[';
    for (let i = 0; i < value.length; i++) text += (i > 0 ? ',' : '') + canonical(value[i], memo);
    text += ']';
  } else {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj).sort();
    text = '{';
    let first = true;
    for (const k of keys) {
      const member = obj[k];
      if (member === undefined) continue;
      text += `${first ? '' : ','}${JSON.stringify(k)}:${canonical(member, memo)}`;
      first = false;
    }
    text += '}';
  }
  memo?.set(value, text);
  return text;
}

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Code-unit order, the same on every machine (no locale). */
export function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
