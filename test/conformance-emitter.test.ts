/**
 * The conformance emitter: lifecycle order from path structure, which checks
 * each operation gets, determinism, and safety of spec text in the output.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../generator/model/build.ts';
import type { ApiModel, Operation } from '../generator/model/ir.ts';
import { emitConformance } from '../generator/emitters/conformance/conformance-emitter.ts';
import { fileStem, planLifecycles } from '../generator/emitters/conformance/lifecycle.ts';
import { tsLiteral } from '../generator/emitters/conformance/ts-literal.ts';
import type { SuiteSpec } from '../templates/conformance/runtime/spec.ts';

const SPEC_MODEL = JSON.parse(readFileSync(resolve('generated/model.json'), 'utf8')) as ApiModel;

/** A bare operation for planner tests: only what the planner reads. */
function op(method: Operation['method'], path: string, extra: Partial<Operation> = {}): Operation {
  return {
    id: `${method.toLowerCase()}${path.replace(/[^A-Za-z0-9]+/g, '_')}`,
    method,
    path,
    rawPath: path,
    title: `${method} ${path}`,
    section: 's',
    description: '',
    versionNotes: [],
    parameters: { path: [], query: [], header: [] },
    responseHeaders: [],
    responses: [{ status: method === 'POST' ? 202 : 200, kind: 'success', source: { file: 'x', line: 1 } }],
    source: { file: 'x', line: 1 },
    ...extra,
  };
}

describe('lifecycle planning', () => {
  it('orders the attachments spec create, show, list, detail list, update, action, delete', () => {
    const [group, ...rest] = planLifecycles(SPEC_MODEL.operations);
    expect(rest).toEqual([]);
    expect(group!.name).toBe('attachments');
    expect(group!.ordered.map((p) => `${p.role}:${p.op.id}`)).toEqual([
      'create:createAttachment',
      'show:showAttachmentDetails',
      'list:listAttachments',
      'list:listAttachmentsWithDetails',
      'update:updateAttachment',
      'action:completeAttachment',
      'delete:deleteAttachment',
    ]);
    expect(group!.root.idParam).toBe('attachment_id');
  });

  it('nests child collections inside their parent, before the parent is deleted', () => {
    const ops = [
      op('DELETE', '/v3/{project_id}/volumes/{volume_id}'),
      op('POST', '/v3/{project_id}/volumes/{volume_id}/metadata'),
      op('GET', '/v3/{project_id}/volumes/{volume_id}/metadata/{key}'),
      op('DELETE', '/v3/{project_id}/volumes/{volume_id}/metadata/{key}'),
      op('POST', '/v3/{project_id}/volumes/{volume_id}/action', { action: 'os-extend' }),
      op('GET', '/v3/{project_id}/volumes/{volume_id}'),
      op('POST', '/v3/{project_id}/volumes'),
    ];
    const groups = planLifecycles(ops);
    expect(groups.map((g) => g.name)).toEqual(['volumes']);
    expect(groups[0]!.ordered.map((p) => `${p.role} ${p.op.method} ${p.op.path}`)).toEqual([
      'create POST /v3/{project_id}/volumes',
      'show GET /v3/{project_id}/volumes/{volume_id}',
      'create POST /v3/{project_id}/volumes/{volume_id}/metadata',
      'show GET /v3/{project_id}/volumes/{volume_id}/metadata/{key}',
      'delete DELETE /v3/{project_id}/volumes/{volume_id}/metadata/{key}',
      'action POST /v3/{project_id}/volumes/{volume_id}/action',
      'delete DELETE /v3/{project_id}/volumes/{volume_id}',
    ]);
    expect(groups[0]!.resources.map((r) => [r.collection, r.idParam])).toEqual([
      ['/v3/{project_id}/volumes', 'volume_id'],
      ['/v3/{project_id}/volumes/{volume_id}/metadata', 'key'],
    ]);
  });

  it('keeps literal sub-paths (`/os-services/disable`) with their collection, not as roots of their own', () => {
    const groups = planLifecycles([op('GET', '/os-services'), op('PUT', '/os-services/disable'), op('GET', '/os-services/{id}/log'), op('GET', '/v3/'), op('GET', '/v3/{project_id}/volumes')]);
    expect(groups.map((g) => [g.name, g.ordered.map((p) => p.op.path)])).toEqual([
      ['os-services', ['/os-services', '/os-services/disable']],
      ['log', ['/os-services/{id}/log']],
      ['v3', ['/v3/']],
      ['volumes', ['/v3/{project_id}/volumes']],
    ]);
  });

  it('lists before showing a resource it cannot create, and keeps unrelated roots in document order', () => {
    const groups = planLifecycles([op('GET', '/v2/types/{type_id}'), op('GET', '/v2/types'), op('GET', '/v2/limits')]);
    expect(groups.map((g) => g.name)).toEqual(['types', 'limits']);
    expect(groups[0]!.ordered.map((p) => p.role)).toEqual(['list', 'show']);
  });

  it('names files after the root collection, made unique and file-safe', () => {
    expect(fileStem('/v3/{project_id}/attachments')).toBe('attachments');
    expect(fileStem('/')).toBe('root');
    expect(fileStem('/v3/OS-FEDERATION/identity_providers')).toBe('identity_providers');
    expect(fileStem('/v1/a b/../x*/y')).toBe('y');
    const names = planLifecycles([op('GET', '/v1/things'), op('GET', '/v2/things'), op('GET', '/v2/{p}/things'), op('GET', '/v2/{q}/things')]).map((g) => g.name);
    expect(names).toEqual(['things', 'v2-things', 'things-2', 'things-3']);
  });
});

describe('emitted files', () => {
  const files = emitConformance(SPEC_MODEL, { serviceType: 'volume', microversionHeader: 'OpenStack-API-Version' });

  it('are deterministic and match generated/ (what `npm run generate` wrote)', () => {
    const again = emitConformance(SPEC_MODEL, { serviceType: 'volume', microversionHeader: 'OpenStack-API-Version' });
    expect(again).toEqual(files);
    for (const f of files) expect(readFileSync(resolve('generated', f.path), 'utf8'), f.path).toBe(f.content);
  });

  it('hold a test file, its data, the runtime and a vitest config', () => {
    const paths = files.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['conformance/attachments.test.ts', 'conformance/data/attachments.ts', 'conformance/vitest.config.mts', 'conformance/README.md', 'conformance/support/suite.ts', 'conformance/support/drift.ts']));
    // The suite never uses the generated client: it must be able to send what a client would not.
    for (const f of files) expect(f.content, f.path).not.toMatch(/from '\.\.?\/(\.\.\/)*client/);
  });

  it('emit nothing for a model without operations', () => {
    expect(emitConformance({ ...SPEC_MODEL, operations: [] })).toEqual([]);
  });
});

describe('spec text cannot escape its literal', () => {
  const hostileOptions = { serviceType: 'vol*/ume`${globalThis.__apirefCanary = "service"}', microversionHeader: 'X-Evil*/"${globalThis.__apirefCanary = "header"}' };
  const model = buildModel(resolve('test/fixtures/hostile'), { pathBase: process.cwd(), ...hostileOptions });
  const files = emitConformance(model, hostileOptions).filter((f) => !f.path.startsWith('conformance/support/') && /\.m?ts$/.test(f.path));
  const canary = globalThis as { __apirefCanary?: unknown };

  it('every emitted file parses', () => {
    expect(model.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(files.length).toBeGreaterThan(2);
    for (const f of files) {
      const out = ts.transpileModule(f.content, { fileName: f.path, reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
      expect(out.diagnostics?.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')), f.path).toEqual([]);
    }
  });

  it('data modules evaluate to the spec text without running any of it, keeping __proto__ an own key', async () => {
    delete canary.__apirefCanary;
    const specs: SuiteSpec[] = [];
    for (const f of files.filter((x) => x.path.startsWith('conformance/data/'))) {
      const js = ts.transpileModule(f.content, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
      specs.push(((await import(`data:text/javascript;base64,${Buffer.from(js).toString('base64')}`)) as { spec: SuiteSpec }).spec);
    }
    expect(canary.__apirefCanary).toBeUndefined();
    const ops = specs.flatMap((s) => s.operations);
    const titles = ops.map((o) => o.title);
    expect(titles).toEqual(expect.arrayContaining(model.operations.map((o) => o.title)));
    expect(specs[0]!.api.serviceType).toBe(hostileOptions.serviceType);
    // `__proto__` names survive as data: in operation ids, body fields and path parameters.
    const protoOp = ops.find((o) => o.title === '__proto__');
    expect(protoOp && Object.getPrototypeOf(protoOp)).toBe(Object.prototype);
    const withProtoParam = ops.find((o) => o.pathParams.includes('__proto__'));
    expect(withProtoParam).toBeDefined();
  });

  it('describe and test names are string literals of the spec text', () => {
    const suite = files.find((f) => f.path.endsWith('.test.ts'))!.content;
    for (const line of suite.split('\n').filter((l) => /^\s*(describe|it)\(/.test(l))) {
      const literal = /^\s*(?:describe|it)\(("(?:[^"\\]|\\.)*")/.exec(line)?.[1];
      expect(literal, line).toBeDefined();
      expect(() => JSON.parse(literal!), line).not.toThrow();
    }
  });

  it('tsLiteral writes __proto__ as a computed key and escapes line separators', () => {
    // JSON.parse makes `__proto__` an own key, as the model does.
    const text = tsLiteral(JSON.parse('{"__proto__": 1, "a\\u2028b": "x\\u2029y", "*/": "`${x}`"}'));
    expect(text).toContain('["__proto__"]: 1');
    expect(text).not.toMatch(/[\u2028\u2029]/);
    // eslint-disable-next-line no-new-func
    const value = new Function(`return ${text};`)() as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['__proto__', 'a\u2028b', '*/']);
    expect(value['*/']).toBe('`${x}`');
  });
});
