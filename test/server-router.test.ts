/**
 * The server runtime's router (templates/server/runtime), driven through its
 * Fetch API entry point with small hand-written route tables: matching,
 * dispatch among operations that share a path, microversions, envelopes,
 * parameter coercion, and the development-mode check of handler results.
 */
import { describe, expect, it } from 'vitest';
import { createRouter, type HandlerInput, type RouterOptions } from '../templates/server/runtime/router.ts';
import { HttpError } from '../templates/server/runtime/errors.ts';
import { ERROR_NAMES } from '../templates/server/runtime/spec.ts';
import type { ApiSpec, RouteSpec } from '../templates/server/runtime/spec.ts';
import { ERROR_NAMES as GENERATOR_ERROR_NAMES } from '../generator/frontend/status-codes.ts';

function route(id: string, method: string, path: string, extra: Partial<RouteSpec> = {}): RouteSpec {
  const names = [...path.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1]!);
  return {
    id,
    method,
    path,
    params: { path: names.map((name) => ({ name, required: true, schema: { type: 'string' } })), query: [], header: [] },
    success: [200],
    errors: { '400': 'badRequest', '404': 'itemNotFound' },
    ...extra,
  };
}

/** Every handler echoes what it received, so tests see the dispatch and the parsed input. */
function echoHandlers(spec: ApiSpec): Record<string, (input: HandlerInput) => { status: number; body?: unknown }> {
  return Object.fromEntries(
    spec.operations.map((op) => [
      op.id,
      (input: HandlerInput) => ({ status: op.success[0] ?? 200, body: { op: op.id, path: input.path, query: input.query, body: input.body, version: input.microversion?.toString() ?? null } }),
    ]),
  );
}

async function send(router: { fetch(r: Request): Promise<Response> }, method: string, path: string, init: { body?: unknown; headers?: Record<string, string> } = {}) {
  const res = await router.fetch(
    new Request(`http://localhost${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...init.headers },
      ...(init.body !== undefined ? { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) } : {}),
    }),
  );
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text === '' ? undefined : (JSON.parse(text) as any) };
}

/** Echo handlers return bodies the little specs do not document: result checks are off where they are used. */
const noLog: RouterOptions = { log: () => undefined, validateResponses: false };

describe('path matching', () => {
  const spec: ApiSpec = {
    title: 't',
    operations: [
      route('listItems', 'GET', '/v1/{project_id}/items'),
      route('listDetail', 'GET', '/v1/{project_id}/items/detail'),
      route('showItem', 'GET', '/v1/{project_id}/items/{item_id}'),
      route('deleteItem', 'DELETE', '/v1/{project_id}/items/{item_id}'),
      route('showJson', 'GET', '/v1/files/{name}.json'),
      route('showGlued', 'GET', '/v1/files/os-{kind}:{id}'),
      route('showSlashName', 'GET', '/v1/flows/{flow_id/name}'),
      route('root', 'GET', '/v1/'),
    ],
  };
  const router = createRouter(spec, echoHandlers(spec), noLog);

  it('prefers literal segments, and extracts parameters by each template own names', async () => {
    expect((await send(router, 'GET', '/v1/p1/items/detail')).body.op).toBe('listDetail');
    expect((await send(router, 'GET', '/v1/p1/items/abc')).body).toMatchObject({ op: 'showItem', path: { project_id: 'p1', item_id: 'abc' } });
  });

  it('falls back to a parameter when the literal branch lacks the method (DELETE …/detail is a delete)', async () => {
    expect((await send(router, 'DELETE', '/v1/p1/items/detail')).body).toMatchObject({ op: 'deleteItem', path: { item_id: 'detail' } });
  });

  it('matches parameters glued to text, and names holding a slash', async () => {
    expect((await send(router, 'GET', '/v1/files/report.json')).body).toMatchObject({ op: 'showJson', path: { name: 'report' } });
    expect((await send(router, 'GET', '/v1/files/os-disk:42')).body).toMatchObject({ op: 'showGlued', path: { kind: 'disk', id: '42' } });
    expect((await send(router, 'GET', '/v1/flows/f1')).body).toMatchObject({ op: 'showSlashName', path: { 'flow_id/name': 'f1' } });
  });

  it('treats a trailing slash as optional, both in templates and in requests', async () => {
    expect((await send(router, 'GET', '/v1/p1/items/')).body.op).toBe('listItems');
    expect((await send(router, 'GET', '/v1')).body.op).toBe('root');
    expect((await send(router, 'GET', '/v1/')).body.op).toBe('root');
  });

  it('percent-decodes segments before matching and before handing them over', async () => {
    expect((await send(router, 'GET', '/v1/p%201/items/a%2Fb')).body).toMatchObject({ op: 'showItem', path: { project_id: 'p 1', item_id: 'a/b' } });
    expect((await send(router, 'GET', '/v1/p1/items/%64etail')).body.op).toBe('listDetail');
  });

  it('answers 404 for unknown paths and empty parameter segments, 405 with Allow for known paths', async () => {
    expect((await send(router, 'GET', '/v1/p1/widgets')).status).toBe(404);
    expect((await send(router, 'GET', '/v1//items')).status).toBe(404);
    const res = await send(router, 'PUT', '/v1/p1/items/x');
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, DELETE');
    expect(res.body).toEqual({ badMethod: { code: 405, message: expect.stringContaining('PUT') } });
  });

  it('serves under a base path when told to', async () => {
    const mounted = createRouter(spec, echoHandlers(spec), { ...noLog, basePath: '/volume/' });
    expect((await send(mounted, 'GET', '/volume/v1/p1/items')).body.op).toBe('listItems');
    expect((await send(mounted, 'GET', '/v1/p1/items')).status).toBe(404);
  });

  it('matches among thousands of routes (a segment trie: no scan of all templates)', async () => {
    const many: ApiSpec = { title: 'big', operations: [] };
    for (let i = 0; i < 2000; i++) many.operations.push(route(`show${i}`, 'GET', `/r${i}/{id}/sub${i % 7}`));
    const big = createRouter(many, echoHandlers(many), noLog);
    for (const i of [0, 999, 1999]) expect((await send(big, 'GET', `/r${i}/x/sub${i % 7}`)).body.op).toBe(`show${i}`);
    expect((await send(big, 'GET', '/r5/x/sub6')).status).toBe(404);
  });
});

describe('operations sharing a path', () => {
  const body = (envelope: string, required: string[] = []) => ({
    envelope,
    schema: { type: 'object', properties: Object.fromEntries(required.map((r) => [r, { type: 'string' }])), required },
    required: true,
  });
  const spec: ApiSpec = {
    title: 't',
    operations: [
      route('start', 'POST', '/servers/{id}/action', { action: 'os-start', request: { envelope: 'os-start', schema: { anyOf: [{ type: 'object' }, { type: 'null' }] }, required: true } }),
      route('rename', 'POST', '/servers/{id}/action', { action: 'rename', request: body('rename', ['name']) }),
      route('createOne', 'POST', '/networks', { request: body('network', ['name']) }),
      route('createMany', 'POST', '/networks', { request: { envelope: 'networks', schema: { type: 'array' }, required: true } }),
      route('quotas', 'GET', '/quotas/{id}'),
      route('quotasUsage', 'GET', '/quotas/{id}', { fixedQuery: '{usage}=True' }),
      route('old', 'GET', '/things', { maxVersion: '2.9' }),
      route('new', 'GET', '/things', { minVersion: '2.10' }),
    ],
    microversionHeader: 'OpenStack-API-Version',
    serviceType: 'compute',
    minVersion: '2.1',
    maxVersion: '2.20',
  };
  const router = createRouter(spec, echoHandlers(spec), noLog);

  it('dispatches POST …/action by the body key and hands over the action value', async () => {
    expect((await send(router, 'POST', '/servers/1/action', { body: { 'os-start': null } })).body).toMatchObject({ op: 'start', body: null });
    expect((await send(router, 'POST', '/servers/1/action', { body: { rename: { name: 'n' } } })).body).toMatchObject({ op: 'rename', body: { name: 'n' } });
    const bad = await send(router, 'POST', '/servers/1/action', { body: { rename: {} } });
    expect(bad.body.badRequest.message).toMatch(/rename\.name: is a required property/);
    expect((await send(router, 'POST', '/servers/1/action', { body: { explode: null } })).body.badRequest.message).toBe('There is no such action: explode');
    expect((await send(router, 'POST', '/servers/1/action')).body.badRequest.message).toMatch(/must name the action/);
  });

  it('tells apart same-path operations by the shape of the body', async () => {
    expect((await send(router, 'POST', '/networks', { body: { network: { name: 'a' } } })).body.op).toBe('createOne');
    expect((await send(router, 'POST', '/networks', { body: { networks: [{ name: 'a' }] } })).body.op).toBe('createMany');
  });

  it('tells apart same-path operations by their fixed query (a placeholder key names the parameter)', async () => {
    expect((await send(router, 'GET', '/quotas/p')).body.op).toBe('quotas');
    expect((await send(router, 'GET', '/quotas/p?usage=true')).body.op).toBe('quotasUsage');
  });

  it('among same-path operations the body fits, prefers the one whose required headers were sent', async () => {
    const loose = { envelope: 'auth', schema: { type: 'object' }, required: true };
    const receipt = { name: 'Openstack-Auth-Receipt', required: true, schema: { type: 'string' } };
    const auth: ApiSpec = {
      title: 't',
      operations: [
        route('multiStep', 'POST', '/v3/auth/tokens', { request: loose, params: { path: [], query: [], header: [receipt] } }),
        route('password', 'POST', '/v3/auth/tokens', { request: loose }),
      ],
    };
    const r = createRouter(auth, echoHandlers(auth), noLog);
    expect((await send(r, 'POST', '/v3/auth/tokens', { body: { auth: {} } })).body.op).toBe('password');
    expect((await send(r, 'POST', '/v3/auth/tokens', { body: { auth: {} }, headers: { 'Openstack-Auth-Receipt': 'r' } })).body.op).toBe('multiStep');
  });

  it('tells apart same-path operations by microversion range', async () => {
    expect((await send(router, 'GET', '/things', { headers: { 'OpenStack-API-Version': 'compute 2.9' } })).body.op).toBe('old');
    expect((await send(router, 'GET', '/things', { headers: { 'OpenStack-API-Version': 'compute 2.10' } })).body.op).toBe('new');
  });
});

describe('microversions', () => {
  const spec: ApiSpec = {
    title: 't',
    serviceType: 'volume',
    microversionHeader: 'OpenStack-API-Version',
    minVersion: '3.0',
    maxVersion: '3.44',
    operations: [route('list', 'GET', '/items', { minVersion: '3.27' })],
  };
  const router = createRouter(spec, echoHandlers(spec), noLog);
  const at = (value: string) => send(router, 'GET', '/items', { headers: { 'OpenStack-API-Version': value } });

  it('reads the service entry of the header, `latest`, and several services at once', async () => {
    expect((await at('volume 3.30')).body.version).toBe('3.30');
    expect((await at('volume latest')).body.version).toBe('3.44');
    expect((await at('compute 2.90, volume 3.28')).body.version).toBe('3.28');
    expect((await at('3.31')).body.version).toBe('3.31');
  });

  it('takes the minimum when the header is absent or names another service only', async () => {
    expect((await send(router, 'GET', '/items')).status).toBe(404);
    expect((await at('compute 2.90')).body.itemNotFound.message).toMatch(/3\.0 is not supported/);
  });

  it('answers 406 outside the range and 400 for malformed values, echoing on every answer it negotiated', async () => {
    const high = await at('volume 3.45');
    expect(high.status).toBe(406);
    expect(Object.keys(high.body)).toEqual(['notAcceptable']);
    expect(high.headers.get('vary')).toBe('OpenStack-API-Version');
    expect((await at('volume 3')).status).toBe(400);
    // Leading zeros are malformed, as in Cinder and Nova: 3.044 is not 3.44.
    for (const v of ['volume 3.044', 'volume 03.30', '3.030', 'volume v3.30', 'volume 3.-1']) {
      const res = await at(v);
      expect(res.status, v).toBe(400);
      expect(res.body.badRequest.message, v).toMatch(/is of invalid format/);
    }
    expect((await at('volume 3.0')).status).toBe(404); // well formed (3.0 is below the operation's 3.27)
    expect((await at('volume 3.30 extra')).status).toBe(400);
    const ok = await at('volume 3.30');
    expect(ok.headers.get('openstack-api-version')).toBe('volume 3.30');
    const low = await at('volume 3.26');
    expect(low.status).toBe(404);
    expect(low.headers.get('openstack-api-version')).toBe('volume 3.26');
  });

  it('takes its range from the options, and echoes service-specific headers with the bare version', async () => {
    const manila = createRouter({ ...spec, microversionHeader: 'X-OpenStack-Manila-API-Version' }, echoHandlers(spec), { ...noLog, minVersion: '3.27', maxVersion: '3.70' });
    expect(manila.microversions).toEqual({ header: 'X-OpenStack-Manila-API-Version', min: '3.27', max: '3.70' });
    const res = await send(manila, 'GET', '/items', { headers: { 'X-OpenStack-Manila-API-Version': '3.70' } });
    expect(res.body.version).toBe('3.70');
    expect(res.headers.get('x-openstack-manila-api-version')).toBe('3.70');
    expect((await send(manila, 'GET', '/items')).body.version).toBe('3.27');
    expect(() => createRouter(spec, {}, { minVersion: '3.9', maxVersion: '3.1' })).toThrow(/above/);
  });

  it('without a service type, takes the first typed entry whatever its type, and echoes that type', async () => {
    const { serviceType: _none, ...untyped } = spec;
    const anyType = createRouter(untyped, echoHandlers(spec), noLog);
    const res = await send(anyType, 'GET', '/items', { headers: { 'OpenStack-API-Version': 'compute 3.30' } });
    expect(res.body.version).toBe('3.30');
    expect(res.headers.get('openstack-api-version')).toBe('compute 3.30');
    expect((await send(anyType, 'GET', '/items', { headers: { 'OpenStack-API-Version': 'volume 3.31, compute 3.40' } })).body.version).toBe('3.31');
    expect((await send(anyType, 'GET', '/items', { headers: { 'OpenStack-API-Version': '3.28' } })).headers.get('openstack-api-version')).toBe('3.28');
  });

  it('negotiates nothing for a spec without microversions', async () => {
    const plain = createRouter({ title: 't', operations: spec.operations.map(({ minVersion: _dropped, ...o }) => o) }, echoHandlers(spec), noLog);
    expect(plain.microversions).toBeUndefined();
    const res = await send(plain, 'GET', '/items', { headers: { 'OpenStack-API-Version': 'volume 9.99' } });
    expect(res.status).toBe(200);
    expect(res.body.version).toBeNull();
    expect(res.headers.get('vary')).toBeNull();
  });

  it('refuses request fields outside their microversion bounds', async () => {
    const versioned: ApiSpec = {
      ...spec,
      operations: [
        route('create', 'POST', '/items', {
          request: {
            envelope: 'item',
            required: true,
            schema: { type: 'object', properties: { mode: { type: 'string', 'x-min-version': '3.40' }, legacy: { type: 'string', 'x-max-version': '3.10' }, tags: { type: 'array', items: { type: 'object', properties: { color: { type: 'string', 'x-min-version': '3.42' } } } } } },
          },
        }),
      ],
    };
    const r = createRouter(versioned, echoHandlers(versioned), noLog);
    const post = (v: string, item: unknown) => send(r, 'POST', '/items', { body: { item }, headers: { 'OpenStack-API-Version': `volume ${v}` } });
    expect((await post('3.40', { mode: 'ro' })).status).toBe(200);
    expect((await post('3.39', { mode: 'ro' })).body.badRequest.message).toMatch(/item\.mode: it is accepted in microversion 3\.40 or later, not 3\.39/);
    expect((await post('3.11', { legacy: 'x' })).body.badRequest.message).toMatch(/item\.legacy: it is accepted in microversion up to 3\.10/);
    expect((await post('3.41', { tags: [{}] })).status).toBe(200);
    expect((await post('3.41', { tags: [{ color: 'red' }] })).body.badRequest.message).toMatch(/item\.tags\.color/);
    // A null outside the range is "not given": python-cinderclient sends `"backup_id": null` at 3.44.
    const nullable: ApiSpec = {
      ...versioned,
      operations: [route('create', 'POST', '/items', { request: { envelope: 'item', required: true, schema: { type: 'object', properties: { mode: { type: ['string', 'null'], 'x-min-version': '3.40' } } } } })],
    };
    const n = createRouter(nullable, echoHandlers(nullable), noLog);
    expect((await send(n, 'POST', '/items', { body: { item: { mode: null } }, headers: { 'OpenStack-API-Version': 'volume 3.39' } })).status).toBe(200);
    expect((await send(n, 'POST', '/items', { body: { item: { mode: 'ro' } }, headers: { 'OpenStack-API-Version': 'volume 3.39' } })).status).toBe(400);
  });
});

describe('parameters', () => {
  const spec: ApiSpec = {
    title: 't',
    operations: [
      {
        ...route('list', 'GET', '/items/{n}'),
        params: {
          path: [{ name: 'n', required: true, schema: { type: 'integer' } }],
          query: [
            { name: 'limit', required: false, schema: { type: 'integer' } },
            { name: 'all_tenants', required: false, schema: { type: 'boolean' } },
            { name: 'status', required: false, schema: { type: 'array', items: { type: 'string' } } },
            { name: 'metadata', required: false, schema: { type: 'object' } },
            { name: 'sort', required: true, schema: { type: 'string', enum: ['asc', 'desc'] } },
          ],
          header: [
            { name: 'X-Auth-Token', required: true, schema: { type: 'string' } },
            { name: 'X-Trace', required: true, schema: { type: 'string' } },
          ],
        },
      },
    ],
  };
  const router = createRouter(spec, echoHandlers(spec), noLog);
  const H = { 'X-Auth-Token': 't', 'X-Trace': '1' };

  it('converts path and query values to their documented types and passes undocumented ones as text', async () => {
    const res = await send(router, 'GET', '/items/7?limit=5&all_tenants=True&status=a&status=b&metadata=%7B%22k%22%3A%22v%22%7D&sort=asc&extra=x', { headers: H });
    expect(res.body.path).toEqual({ n: 7 });
    expect(res.body.query).toEqual({ limit: 5, all_tenants: true, status: ['a', 'b'], metadata: { k: 'v' }, sort: 'asc', extra: 'x' });
  });

  it('names the parameter that is wrong', async () => {
    expect((await send(router, 'GET', '/items/x?sort=asc', { headers: H })).body.badRequest.message).toBe('Invalid input for path parameter n: must be integer, not string.');
    expect((await send(router, 'GET', '/items/1?sort=up', { headers: H })).body.badRequest.message).toMatch(/query parameter sort: must be one of \["asc","desc"\]/);
    expect((await send(router, 'GET', '/items/1', { headers: H })).body.badRequest.message).toMatch(/query parameter sort: is a required property/);
    expect((await send(router, 'GET', '/items/1?sort=asc&metadata=nope', { headers: H })).body.badRequest.message).toMatch(/metadata: must be object/);
  });

  it('requires documented headers: 401 for a missing token, 400 for others', async () => {
    expect((await send(router, 'GET', '/items/1?sort=asc', { headers: { 'X-Trace': '1' } })).status).toBe(401);
    const res = await send(router, 'GET', '/items/1?sort=asc', { headers: { 'X-Auth-Token': 't' } });
    expect(res.body.badRequest.message).toBe('Missing required header X-Trace.');
  });
});

describe('handler results', () => {
  const spec: ApiSpec = {
    title: 't',
    operations: [
      route('list', 'GET', '/items', {
        response: { envelope: 'items', linkKeys: ['items_links'], schema: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } } },
        errors: { '409': 'conflict' },
      }),
      route('remove', 'DELETE', '/items/{id}', { success: [202, 204] }),
      route('head', 'HEAD', '/items/{id}', { success: [200], response: { schema: { type: 'object' } } }),
      route('constructor', 'GET', '/ctor'),
      route('missing', 'GET', '/missing'),
    ],
  };

  function make(result: (input: HandlerInput) => unknown, options: RouterOptions = {}) {
    const logs: string[] = [];
    const handlers = { list: result, remove: result, head: result };
    const router = createRouter(spec, handlers, { log: (m) => logs.push(m), ...options });
    return { router, logs };
  }

  it('wraps the body in the envelope and puts documented links beside it', async () => {
    const { router, logs } = make(() => ({ status: 200, body: [{ id: 'a' }], links: { items_links: [{ rel: 'next', href: 'x' }] } }));
    const res = await send(router, 'GET', '/items');
    expect(res.body).toEqual({ items: [{ id: 'a' }], items_links: [{ rel: 'next', href: 'x' }] });
    expect(logs).toEqual([]);
  });

  it('answers a returned or thrown error in the documented envelope', async () => {
    expect((await send(make(() => ({ status: 409, message: 'busy' })).router, 'GET', '/items')).body).toEqual({ conflict: { code: 409, message: 'busy' } });
    const thrown = make(() => {
      throw new HttpError(403, 'not yours');
    });
    expect((await send(thrown.router, 'GET', '/items')).body).toEqual({ forbidden: { code: 403, message: 'not yours' } });
  });

  it("writes errors in the service's fixed envelope where the spec names one", async () => {
    const neutron = createRouter({ ...spec, errorEnvelope: { key: 'NeutronError', fields: ['type', 'message', 'detail'] } }, { list: () => ({ status: 409, message: 'busy' }), remove: () => { throw new HttpError(404, 'Network n could not be found.', 'NetworkNotFound'); } }, noLog);
    expect((await send(neutron, 'GET', '/items')).body).toEqual({ NeutronError: { type: 'HTTPConflict', message: 'busy', detail: '' } });
    expect((await send(neutron, 'DELETE', '/items/n')).body).toEqual({ NeutronError: { type: 'NetworkNotFound', message: 'Network n could not be found.', detail: '' } });
    expect((await send(neutron, 'GET', '/nowhere')).body).toEqual({ NeutronError: { type: 'HTTPNotFound', message: 'The resource could not be found.', detail: '' } });
    const keystone = createRouter({ ...spec, errorEnvelope: { key: 'error', fields: ['code', 'title', 'message'] } }, {}, noLog);
    expect(await send(keystone, 'GET', '/nowhere')).toMatchObject({ status: 404, body: { error: { code: 404, title: 'Not Found', message: 'The resource could not be found.' } } });
    expect((await send(keystone, 'GET', '/items')).body).toEqual({ error: { code: 501, title: 'Not Implemented', message: 'Operation list is not implemented by this server.' } });
  });

  it('turns a crashing handler into a logged 500 and keeps serving', async () => {
    let calls = 0;
    const { router, logs } = make(() => {
      calls++;
      if (calls === 1) throw new Error('boom');
      return { status: 200, body: [] };
    });
    const res = await send(router, 'GET', '/items');
    expect(res.status).toBe(500);
    expect(Object.keys(res.body)).toEqual(['computeFault']);
    expect(res.body.computeFault.message).not.toContain('boom');
    expect(logs.join('\n')).toContain('boom');
    expect((await send(router, 'GET', '/items')).status).toBe(200);
  });

  it('in development, refuses results the spec forbids with a 500 and a log line naming the problem', async () => {
    const cases: [unknown, RegExp][] = [
      [{ status: 200, body: [{ id: 1 }] }, /field items\[0\]\.id must be string, not integer/],
      [{ status: 200, body: [{}] }, /field items\[0\]\.id is a required property/],
      [{ status: 201, body: [] }, /status 201 is not documented \(documented: 200\)/],
      [{ status: 418, message: 'teapot' }, /error status 418 is not documented/],
      [{ status: 200 }, /returned no body/],
      [{ status: 200, body: [], links: { next: 'x' } }, /link key "next" is not documented/],
    ];
    for (const [result, problem] of cases) {
      const { router, logs } = make(() => result);
      const res = await send(router, 'GET', '/items');
      expect(res.status, JSON.stringify(result)).toBe(500);
      expect(logs.join('\n')).toMatch(problem);
      expect(logs.join('\n')).toContain('operation list (GET /items)');
    }
    const noBody = make(() => ({ status: 204, body: { surprise: true } }));
    expect((await send(noBody.router, 'DELETE', '/items/1')).status).toBe(500);
    expect(noBody.logs.join()).toMatch(/documents no response body/);
  });

  it('in production, passes results through unchecked', async () => {
    const { router, logs } = make(() => ({ status: 200, body: [{ id: 1 }] }), { validateResponses: false });
    expect((await send(router, 'GET', '/items')).body).toEqual({ items: [{ id: 1 }] });
    expect(logs).toEqual([]);
  });

  it('sends no body for 204 and HEAD', async () => {
    const del = await send(make(() => ({ status: 204 })).router, 'DELETE', '/items/1');
    expect(del).toMatchObject({ status: 204, body: undefined });
    const head = await make(() => ({ status: 200, body: { a: 1 } })).router.fetch(new Request('http://localhost/items/1', { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('answers 501 for operations without a handler, never calling what every object inherits', async () => {
    const { router } = make(() => ({ status: 200, body: [] }));
    expect((await send(router, 'GET', '/missing')).status).toBe(501);
    // `constructor` is an operation id here; the handlers object only inherits one.
    expect((await send(router, 'GET', '/ctor')).body).toEqual({ notImplemented: { code: 501, message: expect.stringContaining('constructor') } });
  });
});

it('uses the same conventional error names as the generator', () => {
  expect(ERROR_NAMES).toEqual(GENERATOR_ERROR_NAMES);
});
