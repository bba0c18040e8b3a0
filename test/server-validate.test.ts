/**
 * The server's own schema validator (no eval, runs on workers) agrees with
 * ajv on the JSON Schema subset apiref's model uses: checked on every request
 * and response schema of the embedded spec and of a corpus API, against
 * random JSON values and against mutations of the spec's own samples.
 */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../generator/model/build.ts';
import type { ApiModel } from '../generator/model/ir.ts';
import { buildApiSpec } from '../generator/emitters/server/route-spec.ts';
import { compileSchema, coerceParam, formatPath } from '../templates/server/runtime/validate.ts';
import type { Schema } from '../templates/server/runtime/spec.ts';
import { corpusApi } from './helpers/corpus.ts';

// ownProperties: by default ajv counts an inherited `constructor` as present for `required`; JSON has own keys only.
const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: false, ownProperties: true });

function wire(envelope: string | undefined, schema: Schema): Schema {
  return envelope === undefined ? schema : { type: 'object', properties: { [envelope]: schema }, required: [envelope] };
}

/** Every body schema of a model (as the router checks them), with the samples that go with it. */
function bodySchemas(model: ApiModel): { name: string; schema: Schema; samples: unknown[] }[] {
  const spec = buildApiSpec(model);
  const out: { name: string; schema: Schema; samples: unknown[] }[] = [];
  model.operations.forEach((op, i) => {
    const route = spec.operations[i]!;
    if (route.request) out.push({ name: `${op.id} request`, schema: wire(route.request.envelope, route.request.schema), samples: op.request!.samples.map((s) => s.value).filter((v) => v !== undefined) });
    if (route.response) out.push({ name: `${op.id} response`, schema: wire(route.response.envelope, route.response.schema), samples: op.response!.samples.map((s) => s.value).filter((v) => v !== undefined) });
  });
  return out;
}

/** Small random edits of a JSON value: drop a key, change a leaf's type, add a key, empty an array. */
function mutations(value: unknown): fc.Arbitrary<unknown> {
  const leaves = fc.oneof(fc.constant(null), fc.boolean(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string(), fc.constant([]), fc.constant({}));
  const mutate = (v: unknown, depth: number): fc.Arbitrary<unknown> => {
    if (depth > 4 || v === null || typeof v !== 'object') return fc.oneof(fc.constant(v), leaves);
    if (Array.isArray(v)) {
      if (v.length === 0) return fc.oneof(fc.constant(v), fc.array(leaves, { maxLength: 2 }));
      return fc.oneof(fc.constant([]), fc.integer({ min: 0, max: v.length - 1 }).chain((i) => mutate(v[i], depth + 1).map((m) => v.map((x, j) => (j === i ? m : x)))));
    }
    const keys = Object.keys(v);
    if (keys.length === 0) return fc.oneof(fc.constant(v), fc.dictionary(fc.string({ maxLength: 5 }), leaves, { maxKeys: 2 }));
    return fc.oneof(
      fc.constantFrom(...keys).map((k) => Object.fromEntries(Object.entries(v).filter(([key]) => key !== k))),
      fc.constantFrom(...keys).chain((k) => mutate((v as Record<string, unknown>)[k], depth + 1).map((m) => ({ ...v, [k]: m }))),
      leaves.map((l) => ({ ...v, extra_key: l })),
      leaves,
    );
  };
  return mutate(value, 0);
}

function agrees(schema: Schema, value: unknown): void {
  const mine = compileSchema(schema)(value);
  const theirs = ajv.validate(schema, value);
  if ((mine === undefined) !== theirs) {
    throw new Error(`disagreement on ${JSON.stringify(value)}: ours ${mine ? `${formatPath(mine.path)} ${mine.message}` : 'valid'}, ajv ${theirs ? 'valid' : ajv.errorsText()}`);
  }
}

function checkModel(model: ApiModel, runs: number): number {
  let checked = 0;
  for (const { schema, samples } of bodySchemas(model)) {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 3 }), (v) => agrees(schema, v)), { numRuns: runs, seed: 42 });
    for (const sample of samples) {
      agrees(schema, sample);
      fc.assert(fc.property(mutations(sample), (v) => agrees(schema, v)), { numRuns: runs, seed: 7 });
    }
    checked++;
  }
  return checked;
}

describe('the runtime validator agrees with ajv', () => {
  it('on every body schema of the embedded spec', () => {
    const model = JSON.parse(readFileSync('generated/model.json', 'utf8')) as ApiModel;
    expect(checkModel(model, 200)).toBeGreaterThan(0);
  });

  const cinder = corpusApi('cinder-v3');
  it.skipIf(!cinder)('on every body schema of cinder v3', () => {
    const model = buildModel(cinder!.entry, {});
    expect(checkModel(model, 25)).toBeGreaterThan(100);
  });

  it('on the keywords one by one', () => {
    const schemas: Schema[] = [
      { type: ['string', 'null'] },
      { type: 'integer' },
      { type: 'number' },
      { enum: ['a', 1, null, { k: [1] }] },
      { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false },
      { type: 'object', additionalProperties: { type: 'integer' } },
      { type: 'array', items: { type: 'object', required: ['id'] } },
      { anyOf: [{ type: 'object', required: ['x'] }, { type: 'null' }] },
      JSON.parse('{"type":"object","properties":{"__proto__":{"type":"string"}},"required":["constructor"]}') as Schema,
    ];
    for (const schema of schemas) fc.assert(fc.property(fc.jsonValue({ maxDepth: 3 }), (v) => agrees(schema, v)), { numRuns: 300, seed: 1 });
  });
});

describe('coercion of path and query text', () => {
  it('converts by the documented type and leaves what does not convert as text', () => {
    expect(coerceParam('10', { type: 'integer' })).toBe(10);
    expect(coerceParam('1.5', { type: 'number' })).toBe(1.5);
    expect(coerceParam('ten', { type: 'integer' })).toBe('ten');
    expect(coerceParam('Yes', { type: 'boolean' })).toBe(true);
    expect(coerceParam('off', { type: 'boolean' })).toBe(false);
    expect(coerceParam('maybe', { type: 'boolean' })).toBe('maybe');
    expect(coerceParam(['1', '2'], { type: 'array', items: { type: 'integer' } })).toEqual([1, 2]);
    expect(coerceParam('a,b', { type: 'array' })).toEqual(['a', 'b']);
    expect(coerceParam(['x', 'y'], { type: 'string' })).toBe('y');
    expect(coerceParam('{"a":1}', { type: 'object' })).toEqual({ a: 1 });
    expect(coerceParam('{"__proto__":{"x":1}}', { type: 'object' })).toBe('{"__proto__":{"x":1}}');
    expect(coerceParam('007', { type: 'string' })).toBe('007');
  });
});
