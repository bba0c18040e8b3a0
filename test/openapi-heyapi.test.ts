import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@hey-api/openapi-ts';
import { buildModel } from '../generator/model/build.ts';
import { buildOpenApi } from '../generator/emitters/openapi/export.ts';
import { serializeOpenApi } from '../generator/emitters/openapi/serialize.ts';
import { corpus } from './helpers/corpus.ts';

/**
 * A second, independent consumer: @hey-api/openapi-ts must accept the export
 * of spec/ and of every corpus API (read from a file) and write a client.
 */

const dir = mkdtempSync(join(tmpdir(), 'apiref-openapi-heyapi-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function generateWithHeyApi(name: string, entry: string, serviceType?: string, microversionHeader?: string): Promise<string[]> {
  const model = buildModel(entry, {
    ...(serviceType ? { serviceType } : {}),
    ...(microversionHeader ? { microversionHeader } : {}),
  });
  const input = join(dir, `${name}.json`);
  writeFileSync(input, serializeOpenApi(buildOpenApi(model).document, 'json'));
  const output = join(dir, name);
  await createClient({ input, output: { path: output }, logs: { level: 'silent' } });
  return existsSync(output) ? readdirSync(output) : [];
}

describe('@hey-api/openapi-ts reads the export', () => {
  it('spec/', async () => {
    const out = await generateWithHeyApi('spec', 'spec', 'volume', 'OpenStack-API-Version');
    expect(out).toEqual(expect.arrayContaining(['types.gen.ts', 'sdk.gen.ts']));
  });

  describe.skipIf(!corpus)('corpus', () => {
    for (const api of corpus ?? []) {
      it(api.name, async () => {
        const out = await generateWithHeyApi(api.name, api.entry, api.serviceType, api.microversionHeader);
        expect(out).toEqual(expect.arrayContaining(['types.gen.ts', 'sdk.gen.ts']));
      });
    }
  });
});
