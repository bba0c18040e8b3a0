import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import openapiTS, { astToString } from 'openapi-typescript';
import { loadConfig } from '../generator/config.ts';
import { generateInMemory } from '../generator/pipeline.ts';
import { buildOpenApi } from '../generator/emitters/openapi/export.ts';
import { operationTypeNames } from '../generator/emitters/naming.ts';
import type { Body, Operation } from '../generator/model/ir.ts';

/**
 * openapi-typescript's types for spec/'s export must accept every JSON sample
 * of spec/ that our own generated types (types.ts) accept. Each sample is
 * written inline into two small files, one assigning it to our type and one
 * to openapi-typescript's, and one strict TypeScript program checks them all.
 */

const STRICT: ts.CompilerOptions = {
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  allowImportingTsExtensions: true,
  skipLibCheck: true,
  types: [],
};

interface Check {
  label: string;
  ours: string;
  theirs: string;
}

describe('openapi-typescript types of spec/', () => {
  const dir = mkdtempSync(join(tmpdir(), 'apiref-openapi-ts-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const cfg = loadConfig('apiref.config.yaml');
  const api = cfg.apis[0]!;
  const { model, files } = generateInMemory(api, cfg.dir);
  const types = files.find((f) => f.path === 'types.ts');
  const { document, locations } = buildOpenApi(model, { serviceType: api.serviceType, microversionHeader: api.microversionHeader });

  /** The sample checks: our unwrapped type gets the envelope's content, theirs the whole wire body. */
  function checks(): Check[] {
    const out: Check[] = [];
    const add = (op: Operation, body: Body, role: 'request' | 'response', typeName: string, theirType: string): void => {
      body.samples.forEach((s, i) => {
        if (s.value === undefined) return;
        const inner = body.envelope !== undefined ? (s.value as Record<string, unknown>)[body.envelope] : s.value;
        const label = `${op.id} ${role} ${s.file ?? i}`;
        out.push({
          label,
          ours: `import type * as T from './types.ts';\nexport const x: T.${typeName} = ${JSON.stringify(inner, null, 2)};\n`,
          theirs: `import type { paths } from './openapi.ts';\nexport const x: ${theirType} = ${JSON.stringify(s.value, null, 2)};\n`,
        });
      });
    };
    for (const op of model.operations) {
      const loc = locations[op.id]!;
      const item = `NonNullable<paths[${JSON.stringify(loc.path)}][${JSON.stringify(loc.method)}]>`;
      const names = operationTypeNames(op);
      if (op.request) add(op, op.request, 'request', names.request, `NonNullable<${item}["requestBody"]>["content"]["application/json"]`);
      if (op.response) {
        const status = op.responses.find((r) => r.kind === 'success' && r.status !== 204)?.status;
        if (status !== undefined) add(op, op.response, 'response', names.response, `${item}["responses"][${JSON.stringify(String(status))}]["content"]["application/json"]`);
      }
    }
    return out;
  }

  it('accepts every sample that our types accept', async () => {
    expect(types, 'the types emitter produces types.ts').toBeDefined();
    writeFileSync(join(dir, 'types.ts'), types!.content);
    writeFileSync(join(dir, 'openapi.ts'), astToString(await openapiTS(document as never, { silent: true })));
    const list = checks();
    const roots = [join(dir, 'types.ts'), join(dir, 'openapi.ts')];
    list.forEach((c, i) => {
      writeFileSync(join(dir, `ours-${i}.ts`), c.ours);
      writeFileSync(join(dir, `theirs-${i}.ts`), c.theirs);
      roots.push(join(dir, `ours-${i}.ts`), join(dir, `theirs-${i}.ts`));
    });
    const program = ts.createProgram(roots, STRICT);
    const problemsIn = (file: string): string[] =>
      ts.getPreEmitDiagnostics(program, program.getSourceFile(join(dir, file))).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    // Both generated files compile on their own.
    expect(problemsIn('types.ts')).toEqual([]);
    expect(problemsIn('openapi.ts')).toEqual([]);
    const acceptedByOurs = list.map((_, i) => problemsIn(`ours-${i}.ts`).length === 0);
    const rejectedByTheirs = list.flatMap((c, i) => (acceptedByOurs[i] ? problemsIn(`theirs-${i}.ts`).map((p) => `${c.label}: ${p}`) : []));
    console.log(`[openapi] spec/ samples: ${list.length}, accepted by our types: ${acceptedByOurs.filter(Boolean).length}, of those rejected by openapi-typescript's: ${rejectedByTheirs.length}`);
    // spec/ has samples for every body; a broken check would accept none.
    expect(list.length).toBe(model.operations.flatMap((o) => [...(o.request?.samples ?? []), ...(o.response?.samples ?? [])]).filter((s) => s.value !== undefined).length);
    expect(acceptedByOurs.filter(Boolean).length).toBeGreaterThan(0);
    expect(rejectedByTheirs).toEqual([]);
  });

  it('rejects a sample with one field of the wrong type, so the check can fail', async () => {
    writeFileSync(join(dir, 'openapi-neg.ts'), astToString(await openapiTS(document as never, { silent: true })));
    const op = model.operations.find((o) => o.id === 'createAttachment')!;
    const sample = structuredClone(op.request!.samples[0]!.value) as { attachment: Record<string, unknown> };
    sample.attachment['volume_uuid'] = 42;
    const loc = locations[op.id]!;
    const bad = `import type { paths } from './openapi-neg.ts';\nexport const x: NonNullable<paths[${JSON.stringify(loc.path)}]["post"]>["requestBody"]["content"]["application/json"] = ${JSON.stringify(sample)};\n`;
    writeFileSync(join(dir, 'neg.ts'), bad);
    const program = ts.createProgram([join(dir, 'neg.ts')], STRICT);
    const messages = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain("Type 'number' is not assignable to type 'string'");
  });
});
