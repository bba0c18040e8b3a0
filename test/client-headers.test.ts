import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildModel } from '../generator/model/build.ts';
import type { EmitOptions } from '../generator/emitters/emitter.ts';
import { typecheckGenerated } from '../generator/emitters/typecheck.ts';
import { clientFiles } from '../generator/emitters/typecheck-apis.ts';
import { json, startServer, type TestServer } from './helpers/http-server.ts';
import { writeGenerated } from './helpers/emit-to-dir.ts';

/**
 * Documented request headers (test/fixtures/client-headers: keystone-style
 * `X-Subject-Token`) are typed arguments of the generated method, required
 * where the spec says so; the token and microversion headers, which the
 * client sends itself, are not.
 */

const options: EmitOptions = { serviceType: 'identity', microversionHeader: 'OpenStack-API-Version' };
const model = buildModel(resolve('test/fixtures/client-headers'), { pathBase: process.cwd(), ...options });
const files = clientFiles(model, options);
const client = files.find((f) => f.path === 'client.ts')!.content;

/** Usage that must compile, and lines that must not (tsc reports an unused @ts-expect-error). */
const usage = `
import { IdentityClient } from './client.js';
const c = new IdentityClient({ endpoint: 'http://127.0.0.1:1', token: 't' });
export async function ok(): Promise<void> {
  await c.tokenValidation.validate({ headers: { 'X-Subject-Token': 's' } });
  await c.tokenValidation.validate({ headers: { 'X-Subject-Token': 's', 'X-Trace-Depth': 3 } });
  await c.tokenValidation.revoke();
  await c.tokenValidation.revoke({ headers: { 'X-Subject-Token': 's' } });
}
export async function misuse(): Promise<void> {
  // @ts-expect-error the required header is missing
  await c.tokenValidation.validate();
  // @ts-expect-error the required header is missing
  await c.tokenValidation.validate({ headers: {} });
  // @ts-expect-error a header value of the wrong type
  await c.tokenValidation.validate({ headers: { 'X-Subject-Token': 1 } });
}
`;

describe('documented request headers', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('types them, leaving out the headers the client sends itself', () => {
    expect(client).toContain("headers: { 'X-Subject-Token': string; 'X-Trace-Depth'?: string | number }".replaceAll("'", '"'));
    expect(client).not.toMatch(/"X-Auth-Token"\??:/);
    expect(client).not.toMatch(/"OpenStack-API-Version"\??:/);
    const [result] = typecheckGenerated([{ name: 'headers', files: [...files, { path: 'usage.ts', content: usage }] }]);
    expect(result?.errors).toEqual([]);
  });

  it('sends them, the call options winning', async () => {
    const dir = writeGenerated(files, 'apiref-headers-');
    const mod = (await import(pathToFileURL(join(dir, 'client.ts')).href)) as {
      IdentityClient: new (o: object) => { tokenValidation: { validate(args: object, options?: object): Promise<unknown> } };
    };
    server.handler = (_req, res) => json(res, 200, { token: { methods: ['password'] } });
    const c = new mod.IdentityClient({ endpoint: server.url, token: 'mine' });
    expect(await c.tokenValidation.validate({ headers: { 'X-Subject-Token': 'theirs', 'X-Trace-Depth': 2 } })).toEqual({ token: { methods: ['password'] } });
    await c.tokenValidation.validate({ headers: { 'X-Subject-Token': 'theirs' } }, { headers: { 'X-Subject-Token': 'override' } });
    expect(server.requests.map((r) => [r.headers['x-auth-token'], r.headers['x-subject-token'], r.headers['x-trace-depth']])).toEqual([
      ['mine', 'theirs', '2'],
      ['mine', 'override', undefined],
    ]);
  });
});
