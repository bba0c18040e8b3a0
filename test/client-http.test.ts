import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  AbortError,
  ApiError,
  MicroversionError,
  NetworkError,
  ResponseParseError,
  TimeoutError,
  VolumeClient,
  serializeQuery,
} from '../generated/client.ts';
import type { Attachment } from '../generated/types.ts';
import { ClientCore, type OperationSpec } from '../generated/runtime.ts';
import { buildModel } from '../generator/model/build.ts';
import { clientFiles } from '../generator/emitters/typecheck-apis.ts';
import { json, reset, startServer, type TestServer } from './helpers/http-server.ts';
import { writeGenerated } from './helpers/emit-to-dir.ts';

/**
 * The generated client (generated/client.ts, from spec/) against a real HTTP
 * server on 127.0.0.1: envelopes, headers, errors, retries, token refresh,
 * timeouts, aborts and pagination as they happen on the wire.
 */

const ATTACHMENT: Attachment = {
  id: 'a1',
  status: 'reserved',
  instance: 'i1',
  volume_id: 'v1',
  attach_mode: 'rw',
  attached_at: '',
  detached_at: '',
  connection_info: {},
};

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.requests.length = 0;
});

const fast = { retries: 2, baseDelayMs: 1, maxDelayMs: 5 };

describe('envelopes, path and headers', () => {
  it('wraps the request body, unwraps the response and sends token and microversion', async () => {
    server.handler = (_req, res) => json(res, 200, { attachment: ATTACHMENT });
    const client = new VolumeClient({ endpoint: `${server.url}/`, token: 'tok-1', microversion: '3.44', headers: { 'X-Extra': 'yes' } });
    const got = await client.attachments.create({ path: { project_id: 'p/1 x' }, body: { volume_uuid: 'v1', connector: { host: 'h' } } });
    expect(got).toEqual(ATTACHMENT);
    const [req] = server.requests;
    expect(req?.method).toBe('POST');
    expect(req?.url).toBe('/v3/p%2F1%20x/attachments');
    expect(JSON.parse(req?.body ?? '')).toEqual({ attachment: { volume_uuid: 'v1', connector: { host: 'h' } } });
    expect(req?.headers['x-auth-token']).toBe('tok-1');
    expect(req?.headers['openstack-api-version']).toBe('volume 3.44');
    expect(req?.headers['content-type']).toBe('application/json');
    expect(req?.headers['x-extra']).toBe('yes');
  });

  it('lets a call override the microversion and its headers', async () => {
    server.handler = (_req, res) => json(res, 200, { attachment: ATTACHMENT });
    const client = new VolumeClient({ endpoint: server.url, token: 't', microversion: '3.27' });
    await client.attachments.showDetails({ path: { project_id: 'p', attachment_id: 'a' } }, { microversion: '3.50', headers: { 'X-Trace': '1' } });
    expect(server.requests[0]?.headers['openstack-api-version']).toBe('volume 3.50');
    expect(server.requests[0]?.headers['x-trace']).toBe('1');
  });

  it('sends the operation minimum when no microversion is pinned', async () => {
    server.handler = (_req, res) => json(res, 200, { attachment: ATTACHMENT });
    const client = new VolumeClient({ endpoint: server.url });
    await client.attachments.showDetails({ path: { project_id: 'p', attachment_id: 'a' } });
    expect(server.requests[0]?.headers['openstack-api-version']).toBe('volume 3.27');
    expect(server.requests[0]?.headers['x-auth-token']).toBeUndefined();
  });

  it('refuses an operation newer than the pinned microversion before sending anything', async () => {
    const client = new VolumeClient({ endpoint: server.url, token: 't', microversion: '3.30' });
    const call = client.attachments.complete({ path: { project_id: 'p', attachment_id: 'a' } });
    await expect(call).rejects.toBeInstanceOf(MicroversionError);
    await expect(call).rejects.toThrow(/completeAttachment needs microversion 3\.44 or later.*3\.30/);
    expect(server.requests).toHaveLength(0);
  });

  it('sends an action with its key as the envelope, and an empty default body', async () => {
    server.handler = (_req, res) => {
      res.writeHead(204);
      res.end();
    };
    const client = new VolumeClient({ endpoint: server.url, token: 't', microversion: '3.44' });
    const result = await client.attachments.complete({ path: { project_id: 'p', attachment_id: 'a 1' } });
    expect(result).toBeUndefined();
    expect(server.requests[0]?.url).toBe('/v3/p/attachments/a%201/action');
    expect(JSON.parse(server.requests[0]?.body ?? '')).toEqual({ 'os-complete': {} });
  });

  it('sends the bare version in a service-specific microversion header', async () => {
    const model = buildModel(resolve('spec'), { serviceType: 'volume' });
    const dir = writeGenerated(clientFiles(model, { serviceType: 'volume', microversionHeader: 'X-OpenStack-Volume-API-Version' }));
    const mod = (await import(pathToFileURL(resolve(dir, 'client.ts')).href)) as typeof import('../generated/client.ts');
    server.handler = (_req, res) => json(res, 200, { attachment: ATTACHMENT });
    const client = new mod.VolumeClient({ endpoint: server.url, token: 't', microversion: '3.40' });
    await client.attachments.showDetails({ path: { project_id: 'p', attachment_id: 'a' } });
    expect(server.requests[0]?.headers['x-openstack-volume-api-version']).toBe('3.40');
    expect(server.requests[0]?.headers['openstack-api-version']).toBeUndefined();
  });

  it('serializes queries the way OpenStack reads them', async () => {
    expect(serializeQuery({ a: ['x', 'y z'], b: true, c: false, d: undefined, e: null, f: 3, g: { k: 'v' } })).toBe(
      'a=x&a=y%20z&b=true&c=false&f=3&g=%7B%22k%22%3A%22v%22%7D',
    );
    server.handler = (_req, res) => json(res, 200, { attachments: [] });
    const client = new VolumeClient({ endpoint: server.url, token: 't' });
    await client.attachments.list({ path: { project_id: 'p' }, query: { volume_id: 'v&1', limit: 5, sort: undefined } });
    expect(server.requests[0]?.url).toBe('/v3/p/attachments?volume_id=v%261&limit=5');
  });

  it('returns undefined for 204, nothing for HEAD-like empty bodies, and text for non-JSON bodies', async () => {
    const client = new VolumeClient({ endpoint: server.url, token: 't' });
    server.handler = (_req, res) => {
      res.writeHead(204);
      res.end();
    };
    expect(await client.attachments.delete({ path: { project_id: 'p', attachment_id: 'a' } })).toBeUndefined();
    server.handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('plain words');
    };
    expect(await client.attachments.showDetails({ path: { project_id: 'p', attachment_id: 'a' } })).toBe('plain words');
    server.handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{not json');
    };
    await expect(client.attachments.showDetails({ path: { project_id: 'p', attachment_id: 'a' } })).rejects.toBeInstanceOf(ResponseParseError);
  });

  it('rejects a call with a missing path parameter before sending', async () => {
    const client = new VolumeClient({ endpoint: server.url, token: 't' });
    const args = { path: { project_id: 'p' } } as unknown as Parameters<typeof client.attachments.showDetails>[0];
    await expect(client.attachments.showDetails(args)).rejects.toThrow(/path parameter "attachment_id" is missing/);
    expect(server.requests).toHaveLength(0);
  });

  it('refuses "." and ".." as path parameters, which URL parsing would resolve to another resource', async () => {
    const client = new VolumeClient({ endpoint: server.url, token: 't' });
    for (const attachment_id of ['.', '..']) {
      await expect(client.attachments.showDetails({ path: { project_id: 'p', attachment_id } })).rejects.toThrow(`path parameter "attachment_id" cannot be "${attachment_id}"`);
      await expect(client.attachments.delete({ path: { project_id: 'p', attachment_id } })).rejects.toThrow(TypeError);
    }
    expect(server.requests).toHaveLength(0);
    // Dots inside a value are ordinary characters.
    server.handler = (_req, res) => json(res, 200, { attachment: ATTACHMENT });
    await client.attachments.showDetails({ path: { project_id: 'p', attachment_id: '..a.' } });
    expect(server.requests[0]!.url).toBe('/v3/p/attachments/..a.');
  });

  it('refuses a microversion that is not MAJOR.MINOR or latest, pinned or per call, before sending', async () => {
    expect(() => new VolumeClient({ endpoint: server.url, token: 't', microversion: 'garbage' })).toThrow(/microversion "garbage" is not MAJOR.MINOR/);
    const client = new VolumeClient({ endpoint: server.url, token: 't', microversion: '3.44' });
    await expect(client.attachments.showDetails({ path: { project_id: 'p', attachment_id: 'a' } }, { microversion: '3.x' })).rejects.toThrow(/microversion "3.x"/);
    expect(server.requests).toHaveLength(0);
  });

  it('hands the response status and headers to onResponse', async () => {
    server.handler = (_req, res) => {
      res.setHeader('X-Subject-Token', 'issued');
      json(res, 200, { attachment: ATTACHMENT });
    };
    const client = new VolumeClient({ endpoint: server.url, token: 't' });
    const seen: { status: number; token: string | null; url: string }[] = [];
    const body = await client.attachments.showDetails({ path: { project_id: 'p', attachment_id: 'a' } }, { onResponse: (r) => seen.push({ status: r.status, token: r.headers.get('x-subject-token'), url: r.url }) });
    expect(body).toEqual(ATTACHMENT);
    expect(seen).toEqual([{ status: 200, token: 'issued', url: `${server.url}/v3/p/attachments/a` }]);
  });
});

describe('errors', () => {
  const client = () => new VolumeClient({ endpoint: server.url, token: 't', retries: 0 });
  const show = (c: VolumeClient) => c.attachments.showDetails({ path: { project_id: 'p', attachment_id: 'gone' } });

  it('reads the compute/volume shape {"itemNotFound": {code, message}} with the request id', async () => {
    server.handler = (_req, res) =>
      json(res, 404, { itemNotFound: { code: 404, message: 'Attachment gone could not be found.' } }, { 'x-openstack-request-id': 'req-123' });
    const err = await show(client()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    const e = err as ApiError;
    expect(e.status).toBe(404);
    expect(e.details).toEqual({ kind: 'itemNotFound', code: 404, message: 'Attachment gone could not be found.' });
    expect(e.requestId).toBe('req-123');
    expect(e.method).toBe('GET');
    expect(e.url).toBe(`${server.url}/v3/p/attachments/gone`);
    expect(e.message).toContain('Attachment gone could not be found.');
    expect(e.message).toContain('req-123');
  });

  it("reads neutron's {NeutronError: {type, message, detail}}", async () => {
    server.handler = (_req, res) => json(res, 409, { NeutronError: { type: 'InUse', message: 'Port is in use.', detail: '' } });
    const e = (await show(client()).catch((x: unknown) => x)) as ApiError;
    expect(e).toBeInstanceOf(ApiError);
    expect(e.details).toEqual({ kind: 'NeutronError', type: 'InUse', message: 'Port is in use.', detail: '' });
  });

  it("reads keystone's {error: {code, title, message}}", async () => {
    server.handler = (_req, res) => json(res, 403, { error: { code: 403, title: 'Forbidden', message: 'You are not authorized.' } });
    const e = (await show(client()).catch((x: unknown) => x)) as ApiError;
    expect(e.details).toEqual({ kind: 'error', code: 403, title: 'Forbidden', message: 'You are not authorized.' });
    expect(e.status).toBe(403);
  });

  it('keeps a non-JSON error body as text', async () => {
    server.handler = (_req, res) => {
      res.writeHead(500, { 'Content-Type': 'text/html' });
      res.end('<html>Internal Server Error</html>');
    };
    const e = (await show(client()).catch((x: unknown) => x)) as ApiError;
    expect(e.status).toBe(500);
    expect(e.body).toBe('<html>Internal Server Error</html>');
  });

  it('reports a connection failure as NetworkError', async () => {
    const dead = await startServer();
    const url = dead.url;
    await dead.close();
    const c = new VolumeClient({ endpoint: url, token: 't', retries: 0 });
    await expect(show(c)).rejects.toBeInstanceOf(NetworkError);
  });

  it('times out with TimeoutError when no answer comes', async () => {
    server.handler = () => {}; // never answers
    const c = new VolumeClient({ endpoint: server.url, token: 't', timeoutMs: 50, retries: 0 });
    const e = await show(c).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(TimeoutError);
    expect((e as TimeoutError).timeoutMs).toBe(50);
  });

  it('cancels with the caller signal as AbortError', async () => {
    server.handler = () => {};
    const c = new VolumeClient({ endpoint: server.url, token: 't' });
    const controller = new AbortController();
    const pending = c.attachments.showDetails({ path: { project_id: 'p', attachment_id: 'a' } }, { signal: controller.signal });
    const seen = new Promise<void>((resolveSeen) => {
      const timer = setInterval(() => {
        if (server.requests.length > 0) {
          clearInterval(timer);
          resolveSeen();
        }
      }, 2);
    });
    await seen;
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(AbortError);
  });
});

describe('token refresh and retries', () => {
  it('asks getToken again after a 401 and repeats the call once', async () => {
    const asked: boolean[] = [];
    const tokens = ['old', 'new'];
    server.handler = (req, res) =>
      req.headers['x-auth-token'] === 'new' ? json(res, 200, { attachment: ATTACHMENT }) : json(res, 401, { error: { code: 401, title: 'Unauthorized', message: 'expired' } });
    const client = new VolumeClient({
      endpoint: server.url,
      getToken: ({ forceRefresh }) => {
        asked.push(forceRefresh);
        return tokens[asked.length - 1] ?? 'none';
      },
    });
    // A POST too: the server refused it before doing anything.
    expect(await client.attachments.create({ path: { project_id: 'p' }, body: { volume_uuid: 'v' } })).toEqual(ATTACHMENT);
    expect(asked).toEqual([false, true]);
    expect(server.requests.map((r) => r.headers['x-auth-token'])).toEqual(['old', 'new']);
    // The fresh token is kept for later calls.
    await client.attachments.showDetails({ path: { project_id: 'p', attachment_id: 'a' } });
    expect(asked).toEqual([false, true]);
  });

  it('refreshes once for calls that are refused together', async () => {
    let asked = 0;
    server.handler = (req, res) =>
      req.headers['x-auth-token'] === 't2' ? json(res, 200, { attachment: ATTACHMENT }) : json(res, 401, { error: { code: 401, title: 'Unauthorized', message: 'expired' } });
    const client = new VolumeClient({ endpoint: server.url, getToken: () => `t${++asked}` });
    const calls = Array.from({ length: 5 }, (_, i) => client.attachments.showDetails({ path: { project_id: 'p', attachment_id: `a${i}` } }));
    expect(await Promise.all(calls)).toEqual(Array(5).fill(ATTACHMENT));
    // One token for the first round, one refresh shared by all five.
    expect(asked).toBe(2);
    expect(server.requests.filter((r) => r.headers['x-auth-token'] === 't2')).toHaveLength(5);
  });

  it('gives up with the 401 when the fresh token is refused too', async () => {
    let asked = 0;
    server.handler = (_req, res) => json(res, 401, { error: { code: 401, title: 'Unauthorized', message: 'no' } });
    const client = new VolumeClient({ endpoint: server.url, getToken: () => `t${++asked}` });
    const e = (await client.attachments.showDetails({ path: { project_id: 'p', attachment_id: 'a' } }).catch((x: unknown) => x)) as ApiError;
    expect(e).toBeInstanceOf(ApiError);
    expect(e.status).toBe(401);
    expect(asked).toBe(2);
    expect(server.requests).toHaveLength(2);
  });

  it('retries a GET on 503 until it succeeds', async () => {
    let n = 0;
    server.handler = (_req, res) => (++n < 3 ? json(res, 503, { serviceUnavailable: { code: 503, message: 'busy' } }) : json(res, 200, { attachment: ATTACHMENT }));
    const client = new VolumeClient({ endpoint: server.url, token: 't', retries: fast });
    expect(await client.attachments.showDetails({ path: { project_id: 'p', attachment_id: 'a' } })).toEqual(ATTACHMENT);
    expect(server.requests).toHaveLength(3);
  });

  it('stops retrying after the configured count', async () => {
    server.handler = (_req, res) => json(res, 503, { serviceUnavailable: { code: 503, message: 'busy' } });
    const client = new VolumeClient({ endpoint: server.url, token: 't', retries: { ...fast, retries: 1 } });
    const e = (await client.attachments.delete({ path: { project_id: 'p', attachment_id: 'a' } }).catch((x: unknown) => x)) as ApiError;
    expect(e.status).toBe(503);
    expect(server.requests.map((r) => r.method)).toEqual(['DELETE', 'DELETE']);
  });

  it('never retries a POST on 503', async () => {
    server.handler = (_req, res) => json(res, 503, { serviceUnavailable: { code: 503, message: 'busy' } });
    const client = new VolumeClient({ endpoint: server.url, token: 't', retries: fast });
    const e = (await client.attachments.create({ path: { project_id: 'p' }, body: { volume_uuid: 'v' } }).catch((x: unknown) => x)) as ApiError;
    expect(e).toBeInstanceOf(ApiError);
    expect(e.status).toBe(503);
    expect(server.requests).toHaveLength(1);
  });

  it('retries a GET after a connection reset, but not a POST', async () => {
    let n = 0;
    server.handler = (_req, res) => (++n === 1 ? reset(res) : json(res, 200, { attachment: ATTACHMENT }));
    const client = new VolumeClient({ endpoint: server.url, token: 't', retries: fast });
    expect(await client.attachments.showDetails({ path: { project_id: 'p', attachment_id: 'a' } })).toEqual(ATTACHMENT);
    expect(server.requests).toHaveLength(2);

    server.requests.length = 0;
    server.handler = (_req, res) => reset(res);
    await expect(client.attachments.create({ path: { project_id: 'p' }, body: { volume_uuid: 'v' } })).rejects.toBeInstanceOf(NetworkError);
    expect(server.requests).toHaveLength(1);
  });
});

describe('pagination', () => {
  const item = (id: string) => ({ id, status: 'attached', instance: 'i', volume_id: 'v' });

  it('follows attachments_links across three pages', async () => {
    server.handler = (req, res) => {
      const url = new URL(req.url, 'http://x');
      const marker = url.searchParams.get('marker');
      const next = (m: string) => [{ rel: 'next', href: `http://elsewhere.example/v3/p/attachments?limit=2&marker=${m}` }];
      if (marker === null) json(res, 200, { attachments: [item('a'), item('b')], attachments_links: next('b') });
      else if (marker === 'b') json(res, 200, { attachments: [item('c'), item('d')], attachments_links: next('d') });
      else json(res, 200, { attachments: [item('e')] , attachments_links: [] });
    };
    const client = new VolumeClient({ endpoint: server.url, token: 't' });
    const pages: string[][] = [];
    for await (const page of client.attachments.listPages({ path: { project_id: 'p' }, query: { limit: 2 } })) pages.push(page.map((a) => a.id));
    expect(pages).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    // The link's query is used against the client's own endpoint: the token never goes to another host.
    expect(server.requests.map((r) => r.url)).toEqual(['/v3/p/attachments?limit=2', '/v3/p/attachments?limit=2&marker=b', '/v3/p/attachments?limit=2&marker=d']);
    expect(server.requests.every((r) => r.headers['x-auth-token'] === 't')).toBe(true);
  });

  it('walks offset/limit lists (manila) by offset, stopping on a short page', async () => {
    const all = ['s1', 's2', 's3', 's4', 's5'].map((id) => ({ id }));
    server.handler = (req, res) => {
      const url = new URL(req.url, 'http://x');
      const offset = Number(url.searchParams.get('offset') ?? 0);
      json(res, 200, { shares: all.slice(offset, offset + Number(url.searchParams.get('limit'))) });
    };
    const op: OperationSpec = { id: 'listShares', method: 'GET', path: '/v2/shares', hasBody: false, responseEnvelope: 'shares', pagination: { items: 'shares', links: ['shares_links'], offset: true } };
    const core = new ClientCore({ endpoint: server.url, token: 't' }, { serviceType: 'shared-file-system', microversionHeader: 'X-OpenStack-Manila-API-Version' });
    const pages: string[][] = [];
    for await (const page of core.pages<{ id: string }>(op, { query: { limit: 2, offset: 1 } })) pages.push(page.map((x) => x.id));
    expect(pages).toEqual([['s2', 's3'], ['s4', 's5']]);
    expect(server.requests.map((r) => r.url)).toEqual(['/v2/shares?limit=2&offset=1', '/v2/shares?limit=2&offset=3', '/v2/shares?limit=2&offset=5']);
  });

  it('uses the last id as the marker when the service returns no links', async () => {
    const all = ['a', 'b', 'c', 'd', 'e'].map(item);
    server.handler = (req, res) => {
      const url = new URL(req.url, 'http://x');
      const limit = Number(url.searchParams.get('limit'));
      const marker = url.searchParams.get('marker');
      const start = marker === null ? 0 : all.findIndex((a) => a.id === marker) + 1;
      json(res, 200, { attachments: all.slice(start, start + limit) });
    };
    const client = new VolumeClient({ endpoint: server.url, token: 't' });
    const ids: string[] = [];
    for await (const a of client.attachments.listAll({ path: { project_id: 'p' }, query: { limit: 2, volume_id: 'v' } })) ids.push(a.id);
    expect(ids).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(server.requests.map((r) => r.url)).toEqual([
      '/v3/p/attachments?limit=2&volume_id=v',
      '/v3/p/attachments?limit=2&volume_id=v&marker=b',
      '/v3/p/attachments?limit=2&volume_id=v&marker=d',
    ]);
  });

  it('follows glance-style "next" strings and keystone-style links objects', async () => {
    const core = new ClientCore({ endpoint: server.url, token: 't' }, { serviceType: 'image', microversionHeader: 'OpenStack-API-Version' });
    const images: OperationSpec = { id: 'listImages', method: 'GET', path: '/v2/images', hasBody: false, pagination: { items: 'images', links: ['next'] } };
    server.handler = (req, res) => {
      const marker = new URL(req.url, 'http://x').searchParams.get('marker');
      if (marker === null) json(res, 200, { images: [item('a')], next: '/v2/images?marker=a' });
      else if (marker === 'a') json(res, 200, { images: [item('b')], next: '/v2/images?marker=b' });
      else if (marker === 'b') json(res, 200, { images: [item('c')], first: '/v2/images' });
      else json(res, 200, { images: [], first: '/v2/images' });
    };
    const ids: string[] = [];
    for await (const i of core.items<{ id: string }>(images, {})) ids.push(i.id);
    expect(ids).toEqual(['a', 'b', 'c']);
    // The last page has no "next": the marker fallback asks once more and gets an empty page.
    expect(server.requests.map((r) => r.url)).toEqual(['/v2/images', '/v2/images?marker=a', '/v2/images?marker=b', '/v2/images?marker=c']);

    server.requests.length = 0;
    const users: OperationSpec = { id: 'listUsers', method: 'GET', path: '/v3/users', hasBody: false, responseEnvelope: 'users', pagination: { items: 'users', links: ['links'] } };
    server.handler = (req, res) => {
      const page = new URL(req.url, 'http://x').searchParams.get('page');
      if (page === null) json(res, 200, { users: [item('u1')], links: { self: 'x', next: 'http://other.example/v3/users?page=2', previous: null } });
      else json(res, 200, { users: [item('u2')], links: { self: 'x', next: null, previous: null } });
    };
    const pages: string[][] = [];
    for await (const p of core.pages<{ id: string }>(users, {})) pages.push(p.map((u) => u.id));
    expect(pages).toEqual([['u1'], ['u2']]);
    expect(server.requests.map((r) => r.url)).toEqual(['/v3/users', '/v3/users?page=2']);
  });

  it('stops when a server repeats the same page', async () => {
    server.handler = (_req, res) => json(res, 200, { attachments: [item('same')] });
    const client = new VolumeClient({ endpoint: server.url, token: 't' });
    const ids: string[] = [];
    for await (const a of client.attachments.listAll({ path: { project_id: 'p' } })) ids.push(a.id);
    expect(ids).toEqual(['same', 'same']);
    expect(server.requests).toHaveLength(2);
  });
});
