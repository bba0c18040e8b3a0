import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildModel } from '../generator/model/build.ts';
import type { EmitOptions } from '../generator/emitters/emitter.ts';
import { typecheckGenerated } from '../generator/emitters/typecheck.ts';
import { clientFiles } from '../generator/emitters/typecheck-apis.ts';
import { startServer, type TestServer } from './helpers/http-server.ts';
import { writeGenerated } from './helpers/emit-to-dir.ts';

/**
 * test/fixtures/hostile is a spec written to break generated code: prose with
 * `*\/`, backticks, `${…}`, quotes and U+2028/U+2029 that would assign
 * `globalThis.__apirefCanary` if it ever escaped a comment or string; names
 * that are reserved words, start with a digit, hold `-` `.` `:` or are
 * `__proto__` / `constructor`; and a hostile service type and header name.
 * Its output must compile and run without executing any of it.
 */

const FIXTURE = resolve('test/fixtures/hostile');
const api: EmitOptions = {
  serviceType: 'vol*/ume`${globalThis.__apirefCanary = "service"}',
  microversionHeader: 'X-Evil*/"${globalThis.__apirefCanary = "header"}',
};

/** This emitter's files (types, client, runtime) for the fixture. */
function generate(options: EmitOptions) {
  const model = buildModel(FIXTURE, { pathBase: process.cwd(), ...options });
  return { model, files: clientFiles(model, options) };
}
const canary = globalThis as { __apirefCanary?: unknown };

describe('hostile spec', () => {
  const { model, files: ts } = generate(api);
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('builds without errors and emits types, client and runtime', () => {
    expect(model.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(ts.map((f) => f.path).sort()).toEqual(['client.ts', 'runtime.ts', 'types.ts']);
    // The fixture really holds the hostile names (so the checks below mean something).
    const types = ts.find((f) => f.path === 'types.ts')!.content;
    for (const key of ['"__proto__"', '"constructor"', '"a-b"', '"x.y"', '"ns:name"', '"1abc"', '"os-vol-host-attr:host"']) expect(types).toContain(key);
  });

  it('type-checks with zero errors under strict flags', () => {
    const [result] = typecheckGenerated([{ name: 'hostile', files: ts }]);
    expect(result?.errors).toEqual([]);
  });

  it('puts no raw U+2028/U+2029 and no unescaped comment end from the spec into the code', () => {
    for (const f of ts) {
      expect(f.content).not.toMatch(/[\u2028\u2029]/);
      // Every "*/" that is not a real comment closer is written as "*\/" (or sits inside a string literal).
      for (const line of f.content.split('\n')) {
        if (/^\s*\*\/$/.test(line)) continue;
        const bare = line.replace(/"(?:[^"\\]|\\.)*"/g, '""');
        expect(bare.includes('*/') && !/^\s*(\/\*\*.*)?\*\/$/.test(bare), line).toBe(false);
      }
    }
  });

  it('is deterministic', () => {
    const again = generate(api).files;
    expect(again).toEqual(ts);
  });

  it('imports and runs without executing anything from the spec', async () => {
    delete canary.__apirefCanary;
    // The hostile header name is not a legal HTTP header (fetch would refuse it); run with the standard one.
    const runnable = generate({ ...api, microversionHeader: 'OpenStack-API-Version' }).files;
    const dir = writeGenerated(runnable, 'apiref-hostile-');
    await import(pathToFileURL(resolve(dir, 'types.ts')).href);
    const mod = (await import(pathToFileURL(resolve(dir, 'client.ts')).href)) as Record<string, unknown>;
    expect(canary.__apirefCanary).toBeUndefined();

    const ClientClass = Object.entries(mod).find(([name]) => name.endsWith('Client'))?.[1] as new (o: object) => Record<string, Record<string, Function>>;
    expect(typeof ClientClass).toBe('function');
    const client = new ClientClass({ endpoint: server.url, token: 't' });
    expect(Object.keys(client).sort()).toEqual(['constructor_', 'delete', 'proto']);

    server.handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"thing": {"constructor": "c", "__proto__": {"polluted": true}, "class": 2}}');
    };
    // JSON.parse makes `__proto__` an own key, as a careful caller would.
    const path = JSON.parse('{"__proto__": "p/1", "class": "c?2", "a-b": "#3", "x.y": "4", "ns:name": "5"}') as object;
    const body = JSON.parse('{"constructor": "x", "class": 1, "__proto__": {"polluted": true}}') as object;
    const got = await client['constructor_']!['constructor_']!({ path, body, query: { constructor: 'q', delete: true, '1abc': 7 } }, { microversion: '2.5' });
    const req = server.requests.at(-1)!;
    expect(req.url).toBe('/v1/p%2F1/things/c%3F2/%233/4/5?constructor=q&delete=true&1abc=7');
    expect(req.body).toBe('{"thing":{"constructor":"x","class":1,"__proto__":{"polluted":true}}}');
    expect(req.headers['openstack-api-version']).toBe(`${api.serviceType} 2.5`);
    expect(Object.getOwnPropertyNames(got as object)).toContain('__proto__');

    // A HEAD operation (titled "1st delete") returns nothing, whatever the server sends.
    server.handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '2' });
      res.end();
    };
    expect(await client['proto']!['op1stDelete']!({ path: { class: 'k' } })).toBeUndefined();
    expect(server.requests.at(-1)?.method).toBe('HEAD');

    // Nothing leaked into Object.prototype, and the canary is still untouched.
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(canary.__apirefCanary).toBeUndefined();
  });
});
