import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { buildModel } from '../generator/model/build.ts';
import { corpus } from './helpers/corpus.ts';

const schema = JSON.parse(readFileSync('generator/model/ir.schema.json', 'utf8')) as object;
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
const problems = (): string[] => (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath} ${e.message}`);

describe('the IR JSON Schema', () => {
  it('accepts the committed model of spec/', () => {
    const model: unknown = JSON.parse(readFileSync('generated/model.json', 'utf8'));
    expect(validate(model), problems().join('\n')).toBe(true);
  });

  it('rejects a model that breaks it', () => {
    const model = buildModel('spec');
    const broken = { ...model, operations: [{ ...model.operations[0]!, method: 'FETCH' }] };
    expect(validate(broken)).toBe(false);
    expect(validate({ ...model, extra: 1 })).toBe(false);
  });

  it.skipIf(!corpus)('accepts the model of every corpus API', () => {
    for (const api of corpus ?? []) {
      const ok = validate(JSON.parse(JSON.stringify(buildModel(api.entry))));
      expect(ok, `${api.name}: ${problems().join('; ')}`).toBe(true);
    }
  });
});
