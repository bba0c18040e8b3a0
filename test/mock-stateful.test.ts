/**
 * `apiref mock --stateful`: collections live in memory. Create returns the new
 * resource with a fresh id, list and show see it, update changes it, delete
 * removes it; ids on a path must name stored resources, and unknown ones get
 * 404 in the `itemNotFound` envelope — also for actions and nested paths.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../generator/model/build.ts';
import type { ApiModel } from '../generator/model/ir.ts';
import { startMock } from '../generator/mock/mock-server.ts';
import type { RunningServer } from '../templates/server/runtime/node.ts';
import { corpusApi } from './helpers/corpus.ts';

const V = { 'OpenStack-API-Version': 'volume 3.44', 'content-type': 'application/json' };

async function call(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = V): Promise<{ status: number; body: any }> {
  const res = await fetch(`${base}${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  const text = await res.text();
  return { status: res.status, body: text === '' ? undefined : JSON.parse(text) };
}

describe('stateful mock of the Attachments spec', () => {
  let mock: RunningServer;
  const model = JSON.parse(readFileSync('generated/model.json', 'utf8')) as ApiModel;
  beforeAll(async () => {
    mock = await startMock(model, { port: 0, stateful: true, serviceType: 'volume', microversionHeader: 'OpenStack-API-Version' });
  });
  afterAll(() => mock?.close());

  it('creates, lists, shows, updates, completes and deletes', async () => {
    const base = '/v3/project-1/attachments';
    const created = await call(mock.url, 'POST', base, { attachment: { volume_uuid: 'vol-1', instance_uuid: 'inst-1' } });
    expect(created.status).toBe(200);
    const a = created.body.attachment;
    expect(a.id).toMatch(/^[0-9a-f-]{36}$/);
    // The sample's id is not reused: every create gets a fresh one.
    const second = (await call(mock.url, 'POST', base, { attachment: { volume_uuid: 'vol-2' } })).body.attachment;
    expect(second.id).not.toBe(a.id);
    expect(a.instance).not.toBe(undefined);

    const list = await call(mock.url, 'GET', base);
    expect(list.status).toBe(200);
    expect(list.body.attachments.map((x: { id: string }) => x.id)).toEqual([a.id, second.id]);
    expect((await call(mock.url, 'GET', `${base}/detail`)).body.attachments).toHaveLength(2);
    expect(await call(mock.url, 'GET', `${base}/${a.id}`)).toEqual({ status: 200, body: { attachment: a } });

    const connector = { initiator: 'iqn.x', ip: '10.0.0.1' };
    const updated = await call(mock.url, 'PUT', `${base}/${a.id}`, { attachment: { connector } });
    expect(updated.status).toBe(200);
    expect(updated.body.attachment.id).toBe(a.id);

    expect((await call(mock.url, 'POST', `${base}/${a.id}/action`, { 'os-complete': null })).status).toBe(204);

    expect((await call(mock.url, 'DELETE', `${base}/${a.id}`)).status).toBe(200);
    expect(await call(mock.url, 'GET', `${base}/${a.id}`)).toEqual({
      status: 404,
      body: { itemNotFound: { code: 404, message: `attachments ${a.id} could not be found.` } },
    });
    expect((await call(mock.url, 'GET', base)).body.attachments.map((x: { id: string }) => x.id)).toEqual([second.id]);
  });

  it('refuses unknown ids with 404 itemNotFound on every operation that names one', async () => {
    const base = '/v3/project-2/attachments/no-such-id';
    for (const [method, path, body] of [
      ['GET', base, undefined],
      ['PUT', base, { attachment: { connector: {} } }],
      ['DELETE', base, undefined],
      ['POST', `${base}/action`, { 'os-complete': {} }],
    ] as const) {
      const res = await call(mock.url, method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(Object.keys(res.body)).toEqual(['itemNotFound']);
    }
  });

  it('keeps projects apart: a resource is found only under the path it was created under', async () => {
    const made = (await call(mock.url, 'POST', '/v3/project-3/attachments', { attachment: { volume_uuid: 'v' } })).body.attachment;
    expect((await call(mock.url, 'GET', `/v3/project-3/attachments/${made.id}`)).status).toBe(200);
    expect((await call(mock.url, 'GET', `/v3/project-4/attachments/${made.id}`)).status).toBe(404);
    expect((await call(mock.url, 'GET', '/v3/project-4/attachments')).body).toEqual({ attachments: [] });
  });

  it('still validates requests and negotiates microversions like the generated server', async () => {
    const bad = await call(mock.url, 'POST', '/v3/p/attachments', { attachment: { volume_uuid: 7 } });
    expect(bad.status).toBe(400);
    expect(bad.body.badRequest.message).toMatch(/attachment\.volume_uuid/);
    expect((await call(mock.url, 'GET', '/v3/p/attachments', undefined, { 'OpenStack-API-Version': 'volume 3.99' })).status).toBe(406);
  });
});

const nova = corpusApi('nova');

describe.skipIf(!nova)('stateful mock of a corpus API (nova aggregates: integer ids, actions)', () => {
  let mock: RunningServer;
  let model: ApiModel;
  const H = { 'OpenStack-API-Version': 'compute 2.1', 'content-type': 'application/json' };
  const requestSample = (id: string): unknown => model.operations.find((o) => o.id === id)!.request!.samples.find((s) => s.value !== undefined)!.value;
  beforeAll(async () => {
    model = buildModel(nova!.entry, { serviceType: 'compute', microversionHeader: 'OpenStack-API-Version' });
    mock = await startMock(model, { port: 0, stateful: true, serviceType: 'compute', microversionHeader: 'OpenStack-API-Version' });
  });
  afterAll(() => mock?.close());

  it('creates from the documented request sample, then resolves, acts on and removes the resource', async () => {
    const created = await call(mock.url, 'POST', '/os-aggregates', requestSample('createAggregate'), H);
    expect(created.status).toBe(200);
    const id: unknown = created.body.aggregate.id;
    // The path documents aggregate_id as an integer, so the mock hands out integers.
    expect(Number.isInteger(id)).toBe(true);
    const other = (await call(mock.url, 'POST', '/os-aggregates', requestSample('createAggregate'), H)).body.aggregate.id;
    expect(other).not.toBe(id);

    expect((await call(mock.url, 'GET', `/os-aggregates/${String(id)}`, undefined, H)).body.aggregate.id).toBe(id);
    const listed = await call(mock.url, 'GET', '/os-aggregates', undefined, H);
    expect(listed.body.aggregates.map((a: { id: number }) => a.id)).toEqual([id, other]);
    expect((await call(mock.url, 'POST', `/os-aggregates/${String(id)}/action`, requestSample('addHost'), H)).status).toBe(200);
    const unknown = await call(mock.url, 'POST', '/os-aggregates/424242/action', requestSample('addHost'), H);
    expect(unknown.status).toBe(404);
    expect(Object.keys(unknown.body)).toEqual(['itemNotFound']);
    // A non-integer id is refused before any lookup: the path parameter is typed.
    expect((await call(mock.url, 'GET', '/os-aggregates/abc', undefined, H)).status).toBe(400);

    expect((await call(mock.url, 'DELETE', `/os-aggregates/${String(id)}`, undefined, H)).status).toBe(200);
    const after = await call(mock.url, 'POST', `/os-aggregates/${String(id)}/action`, requestSample('addHost'), H);
    expect(after.status).toBe(404);
    expect(Object.keys(after.body)).toEqual(['itemNotFound']);
  });
});
