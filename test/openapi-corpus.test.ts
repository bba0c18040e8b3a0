import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import openapiTS, { astToString } from 'openapi-typescript';
import { createConfig, lint } from '@redocly/openapi-core';
import { buildModel } from '../generator/model/build.ts';
import { buildOpenApi } from '../generator/emitters/openapi/export.ts';
import { serializeOpenApi } from '../generator/emitters/openapi/serialize.ts';
import { corpus } from './helpers/corpus.ts';

/**
 * Every corpus API's export, read back from disk by tools we did not write:
 * Redocly's linter (recommended rules: zero errors) and openapi-typescript,
 * whose output must compile under strict TypeScript.
 */

const STRICT: ts.CompilerOptions = {
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  skipLibCheck: true,
  types: [],
};

describe.skipIf(!corpus)('OpenAPI export of the corpus', () => {
  const dir = mkdtempSync(join(tmpdir(), 'apiref-openapi-corpus-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const files = new Map<string, string>();
  const summary: string[] = [];

  beforeAll(() => {
    for (const api of corpus ?? []) {
      const model = buildModel(api.entry, {
        ...(api.serviceType ? { serviceType: api.serviceType } : {}),
        ...(api.microversionHeader ? { microversionHeader: api.microversionHeader } : {}),
      });
      const file = join(dir, `${api.name}.json`);
      writeFileSync(file, serializeOpenApi(buildOpenApi(model).document, 'json'));
      files.set(api.name, file);
    }
  });
  afterAll(() => console.log(`[openapi] Redocly recommended, per corpus API:\n${summary.join('\n')}`));

  for (const api of corpus ?? []) {
    it(`${api.name}: Redocly finds no errors`, async () => {
      const config = await createConfig({ extends: ['recommended'] });
      const problems = await lint({ ref: files.get(api.name)!, config });
      const errors = problems.filter((p) => p.severity === 'error');
      const warnings = problems.filter((p) => p.severity === 'warn');
      const byRule = new Map<string, number>();
      for (const w of warnings) byRule.set(w.ruleId, (byRule.get(w.ruleId) ?? 0) + 1);
      summary.push(`  ${api.name}: ${errors.length} errors, ${warnings.length} warnings (${[...byRule].map(([r, n]) => `${r} ${n}`).join(', ')})`);
      expect(errors.map((e) => `${e.ruleId}: ${e.message} at ${e.location[0]?.pointer ?? '?'}`)).toEqual([]);
    });
  }

  it('openapi-typescript turns every export into types that compile under strict TypeScript', async () => {
    const roots: string[] = [];
    for (const [name, file] of files) {
      const ast = await openapiTS(pathToFileURL(file), { silent: true });
      const out = join(dir, `${name}.ts`);
      writeFileSync(out, astToString(ast));
      roots.push(out);
    }
    const program = ts.createProgram(roots, STRICT);
    const problems = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : '';
      return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
    expect(roots.length).toBe(corpus!.length);
    expect(problems).toEqual([]);
  });
});
