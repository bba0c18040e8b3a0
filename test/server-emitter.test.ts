/**
 * The server emitter: deterministic output, the route table embedded in
 * server.ts equal to the one `apiref mock` builds, strict type-checking of the
 * generated server for hostile and real api-refs, and nothing from a spec
 * breaking out of a comment or string.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../generator/model/build.ts';
import type { ApiModel } from '../generator/model/ir.ts';
import type { EmitOptions, GeneratedFile } from '../generator/emitters/emitter.ts';
import { typesEmitter } from '../generator/emitters/types/types-emitter.ts';
import { serverEmitter, RUNTIME_FILES } from '../generator/emitters/server/server-emitter.ts';
import { buildApiSpec } from '../generator/emitters/server/route-spec.ts';
import { jsonParseExpression } from '../generator/emitters/server/json-literal.ts';
import { typecheckGenerated } from '../generator/emitters/typecheck.ts';
import { apiSpec } from '../generated/server.ts';
import { writeGenerated } from './helpers/emit-to-dir.ts';
import { corpusApi } from './helpers/corpus.ts';

const SPEC_OPTIONS: EmitOptions = { serviceType: 'volume', microversionHeader: 'OpenStack-API-Version' };
const specModel = (): ApiModel => JSON.parse(readFileSync('generated/model.json', 'utf8')) as ApiModel;

const HOSTILE: EmitOptions = {
  serviceType: 'vol*/ume`${globalThis.__apirefCanary = "service"}',
  microversionHeader: 'X-Evil*/"${globalThis.__apirefCanary = "header"}',
};
const hostileModel = (): ApiModel => buildModel(resolve('test/fixtures/hostile'), { pathBase: process.cwd(), ...HOSTILE });

describe('server emitter', () => {
  it('writes server.ts and the runtime files, the same bytes every time, matching generated/', () => {
    const a = serverEmitter.emit(specModel(), SPEC_OPTIONS);
    const b = serverEmitter.emit(specModel(), SPEC_OPTIONS);
    expect(a.map((f) => f.path)).toEqual(['server.ts', ...RUNTIME_FILES.map((f) => `server-runtime/${f}`)]);
    expect(b).toEqual(a);
    for (const f of a) expect(readFileSync(join('generated', f.path), 'utf8'), `generated/${f.path} is stale: run npm run generate`).toBe(f.content);
  });

  it('copies the runtime from templates/ unchanged below its header (one implementation for server and mock)', () => {
    for (const f of serverEmitter.emit(specModel(), SPEC_OPTIONS).filter((x) => x.path.startsWith('server-runtime/'))) {
      const template = readFileSync(join('templates/server/runtime', f.path.slice('server-runtime/'.length)), 'utf8');
      expect(f.content.split('\n').slice(1).join('\n')).toBe(template);
    }
  });

  it('embeds the same route table that the mock builds from the model', () => {
    expect(apiSpec).toEqual(JSON.parse(JSON.stringify(buildApiSpec(specModel(), SPEC_OPTIONS))));
    expect(apiSpec.minVersion).toBe('3.0');
    expect(apiSpec.maxVersion).toBe('3.54');
  });

  it("names the service's error envelope in the route table: neutron's and keystone's fixed keys (the OpenAPI exporter's), none for volume", () => {
    expect(apiSpec.errorEnvelope).toBeUndefined();
    expect(buildApiSpec(specModel(), { serviceType: 'network' }).errorEnvelope).toEqual({ key: 'NeutronError', fields: ['type', 'message', 'detail'] });
    expect(buildApiSpec(specModel(), { serviceType: 'identity' }).errorEnvelope).toEqual({ key: 'error', fields: ['code', 'title', 'message'] });
    for (const type of ['compute', 'shared-file-system', 'image', 'constructor']) expect(buildApiSpec(specModel(), { serviceType: type }).errorEnvelope).toBeUndefined();
  });

  it('writes the route table as single-quoted JSON lines that cannot be escaped from', () => {
    const nasty = `'\\\u2028\u2029\n\u0000'); globalThis.__apirefCanary = 1; ('`;
    const value = { [nasty]: [nasty, { deeper: nasty }], plain: 'x' };
    const expression = jsonParseExpression(value, 'unknown');
    // One literal per line, and nothing raw that a JavaScript parser would end a line at.
    expect(expression).not.toMatch(/[\u2028\u2029]/);
    const lines = expression.split('\n').slice(2, -2);
    for (const line of lines) expect(line).toMatch(/^ {4}'(?:[^'\\]|\\.)*',$/);
    // eslint-disable-next-line no-eval -- evaluating the expression is the point: it must give back the value
    expect((0, eval)(expression.replace(/ as unknown$/, ''))).toEqual(value);
  });
});

describe('hostile spec', () => {
  const canary = globalThis as { __apirefCanary?: unknown };

  it('gives a server.ts that type-checks and runs without executing any spec text', async () => {
    const model = hostileModel();
    const files: GeneratedFile[] = [...typesEmitter.emit(model, HOSTILE), ...serverEmitter.emit(model, HOSTILE)];
    const [result] = typecheckGenerated([{ name: 'hostile', files }]);
    expect(result?.errors).toEqual([]);
    const server = files.find((f) => f.path === 'server.ts')!.content;
    expect(server).not.toMatch(/[\u2028\u2029]/);
    expect(server).toContain('"constructor"(input: ConstructorInput)');

    const dir = writeGenerated(files, 'apiref-server-hostile-');
    const mod = (await import(pathToFileURL(join(dir, 'server.ts')).href)) as {
      apiSpec: unknown;
      createRouter: (h: object, o: object) => { fetch(r: Request): Promise<Response> };
    };
    expect(canary.__apirefCanary).toBeUndefined();
    // `__proto__` keys survive as data, exactly as the mock sees them.
    expect(mod.apiSpec).toEqual(JSON.parse(JSON.stringify(buildApiSpec(model, HOSTILE))));
    const op = (mod.apiSpec as { operations: { params: { path: { name: string }[] } }[] }).operations[0]!;
    expect(op.params.path.map((p) => p.name)).toContain('__proto__');

    // The operation named `constructor`, with a `__proto__` path parameter, is served like any other.
    let received: Record<string, unknown> | undefined;
    const router = mod.createRouter(
      {
        constructor: (input: { path: Record<string, unknown> }) => {
          received = input.path;
          return { status: 404, message: 'no such thing' };
        },
      },
      { microversionHeader: 'X-Version' },
    );
    // The router refuses `__proto__` keys in bodies whatever the spec documents, so the sample goes without them.
    const body = JSON.stringify(model.operations[0]!.request!.samples[0]!.value, (k, v: unknown) => (k === '__proto__' ? undefined : v));
    const res = await router.fetch(new Request('http://x/v1/p/things/c/d/e/f', { method: 'POST', body, headers: { 'X-Version': 'latest' } }));
    expect(await res.json()).toEqual({ itemNotFound: { code: 404, message: 'no such thing' } });
    expect(Object.getOwnPropertyDescriptor(received, '__proto__')?.value).toBe('p');
    expect(received).toMatchObject({ class: 'c', 'a-b': 'd', 'x.y': 'e', 'ns:name': 'f' });
    expect(canary.__apirefCanary).toBeUndefined();
  });
});

const sample = ['nova', 'manila', 'neutron'].map(corpusApi);

describe.skipIf(sample.some((a) => !a))('generated servers of real api-refs', () => {
  it('type-check under strict flags (nova: actions and versions; manila: its own header; neutron: duplicate paths, slashes in names)', () => {
    const inputs = sample.map((api) => {
      const options: EmitOptions = { serviceType: api!.serviceType ?? 'service', microversionHeader: api!.microversionHeader ?? 'OpenStack-API-Version' };
      const model = buildModel(api!.entry, options);
      return { name: api!.name, files: [...typesEmitter.emit(model, options), ...serverEmitter.emit(model, options)] };
    });
    const results = typecheckGenerated(inputs);
    expect(results.map((r) => [r.name, r.errors])).toEqual(inputs.map((i) => [i.name, []]));
  });
});
