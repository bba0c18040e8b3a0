import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { StructuralKeys } from '../generator/emitters/openapi/json.ts';

/** Sorted-key JSON text: the reference notion of "the same value" the keys must agree with. */
function sortedText(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(sortedText).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj).sort().map((k) => `${JSON.stringify(k)}:${sortedText(obj[k])}`).join(',')}}`;
}

/** The same value with every object's members in reverse order. */
function reordered(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(reordered);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value).reverse()) Object.defineProperty(out, k, { value: reordered((value as Record<string, unknown>)[k]), enumerable: true, writable: true, configurable: true });
  return out;
}

// Strings up to 60 characters: both the short ones written into keys and the long ones keyed by id.
const json = fc.jsonValue({ maxDepth: 4 });
const withLongStrings = fc.oneof(json, fc.string({ minLength: 30, maxLength: 60 }).map((t) => ({ description: t, items: [t, t.slice(1)] })));

describe('StructuralKeys', () => {
  it('gives equal keys exactly to equal values, whatever the member order', () => {
    fc.assert(
      fc.property(withLongStrings, withLongStrings, (a, b) => {
        const keys = new StructuralKeys();
        expect(keys.key(a)).toBe(keys.key(reordered(a)));
        expect(keys.key(a) === keys.key(b)).toBe(sortedText(a) === sortedText(b));
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with and without a memo, and keeps __proto__ members as data', () => {
    const keys = new StructuralKeys();
    const memo = new WeakMap<object, string>();
    const shared = { type: 'string' };
    const a = JSON.parse('{"__proto__": {"type": "string"}, "x": [1, "1", null]}') as unknown;
    const b = { x: [1, '1', null], nested: shared, again: shared };
    expect(keys.key(a, memo)).toBe(keys.key(JSON.parse('{"x": [1, "1", null], "__proto__": {"type": "string"}}')));
    expect(keys.key(b, memo)).toBe(keys.key(structuredClone(b)));
    expect(keys.key(a)).not.toBe(keys.key({ x: [1, '1', null] }));
    // 1 and "1", [] and {} are different values.
    expect(keys.key([1])).not.toBe(keys.key(['1']));
    expect(keys.key([])).not.toBe(keys.key({}));
    // Long strings (keyed by an id of their own) compare by content, and never like a structure.
    const long = 'A description long enough to be keyed by an id of its own.';
    expect(keys.key({ description: long })).toBe(keys.key({ description: `${long.slice(0, 10)}${long.slice(10)}` }));
    expect(keys.key({ description: long })).not.toBe(keys.key({ description: `${long}.` }));
    expect(keys.key([long])).not.toBe(keys.key([{ description: long }]));
    expect(keys.key(long)).not.toBe(keys.key(`${long} `));
  });
});
