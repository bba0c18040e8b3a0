/**
 * End to end: the generated client against the generated server (node:http on
 * 127.0.0.1) running the hand-written in-memory Attachments service. Every
 * operation through the client, then a matrix of bad requests sent raw, each
 * answered with its documented 4xx envelope while the server keeps serving.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VolumeClient, ApiError } from '../generated/client.ts';
import { startServer, type RunningServer } from '../generated/server.ts';
import { InMemoryAttachments } from '../examples/attachments-service/service.ts';

const PROJECT = 'a4d2f1c8e6b94c37b0f5e1d2c3b4a596';
const VOLUME = '462dcc2d-130d-4654-8db1-da0df2da6a0d';
const INSTANCE = '31c79baf-b59e-469c-979f-1df4ecb6eea7';
const CONNECTOR = { initiator: 'iqn.1993-08.org.debian:01:cad181614cec', ip: '192.168.1.20', host: 'tempest-1', multipath: false };
/** The attachments collection of the test project, and the headers of a well-formed raw request. */
const A = `/v3/${PROJECT}/attachments`;
const V = { 'OpenStack-API-Version': 'volume 3.44', 'content-type': 'application/json' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let server: RunningServer;
const logs: string[] = [];
let client: VolumeClient;

beforeAll(async () => {
  server = await startServer(new InMemoryAttachments({ now: () => new Date('2026-01-02T03:04:05Z') }), { port: 0, log: (m) => logs.push(m) });
  client = new VolumeClient({ endpoint: server.url, token: 'test-token', microversion: '3.44', retries: 0 });
});
afterAll(async () => {
  await server?.close();
});

/** The error a client call fails with. */
async function failure(p: Promise<unknown>): Promise<ApiError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  return err as ApiError;
}

describe('every Attachments operation through the generated client', () => {
  it('walks an attachment through reserved, attaching, attached and deleted', async () => {
    const path = { project_id: PROJECT };
    const created = await client.attachments.create({ path, body: { volume_uuid: VOLUME, instance_uuid: INSTANCE } });
    expect(created.id).toMatch(UUID);
    expect(created).toMatchObject({ status: 'reserved', volume_id: VOLUME, instance: INSTANCE, connection_info: {}, attached_at: '' });
    const ids = { project_id: PROJECT, attachment_id: created.id };

    expect(await client.attachments.showDetails({ path: ids })).toEqual(created);
    expect(await client.attachments.list({ path })).toContainEqual({ id: created.id, status: 'reserved', instance: INSTANCE, volume_id: VOLUME });
    expect(await client.attachments.listWithDetails({ path })).toContainEqual(created);

    const updated = await client.attachments.update({ path: ids, body: { connector: CONNECTOR } });
    expect(updated.status).toBe('attaching');
    expect(updated.connection_info).toMatchObject({ attachment_id: created.id, driver_volume_type: 'iscsi' });

    await expect(client.attachments.complete({ path: ids })).resolves.toBeUndefined();
    const attached = await client.attachments.showDetails({ path: ids });
    expect(attached.status).toBe('attached');
    expect(attached.attached_at).toBe('2026-01-02T03:04:05.000Z');

    await expect(client.attachments.delete({ path: ids })).resolves.toBeUndefined();
    const gone = await failure(client.attachments.showDetails({ path: ids }));
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual({ itemNotFound: { code: 404, message: `Attachment ${created.id} could not be found.` } });
    expect((await client.attachments.list({ path })).map((a) => a.id)).not.toContain(created.id);
  });

  it('creates straight into attaching when the connector comes with the create', async () => {
    const created = await client.attachments.create({ path: { project_id: PROJECT }, body: { volume_uuid: VOLUME, connector: CONNECTOR } });
    expect(created.status).toBe('attaching');
    expect(created.connection_info['attachment_id']).toBe(created.id);
  });

  it('filters and pages lists with typed query parameters', async () => {
    const path = { project_id: 'paging-project' };
    const made: string[] = [];
    for (const v of ['v-1', 'v-2', 'v-1', 'v-1']) made.push((await client.attachments.create({ path, body: { volume_uuid: v } })).id);
    const v1 = await client.attachments.listWithDetails({ path, query: { volume_id: 'v-1' } });
    expect(v1.map((a) => a.id)).toEqual([made[0], made[2], made[3]]);
    const page = await client.attachments.list({ path, query: { limit: 2, marker: made[0]! } });
    expect(page.map((a) => a.id)).toEqual([made[1], made[2]]);
    const all: string[] = [];
    for await (const a of client.attachments.listAll({ path, query: { limit: 3 } })) all.push(a.id);
    expect(all.slice(0, 3)).toEqual(made.slice(0, 3));
  });

  it('accepts the 3.54 mode field only at 3.54 or later', async () => {
    const path = { project_id: PROJECT };
    const at354 = new VolumeClient({ endpoint: server.url, token: 't', microversion: '3.54', retries: 0 });
    expect((await at354.attachments.create({ path, body: { volume_uuid: VOLUME, mode: 'ro' } })).attach_mode).toBe('ro');
    const early = await failure(client.attachments.create({ path, body: { volume_uuid: VOLUME, mode: 'ro' } }));
    expect(early.status).toBe(400);
    expect(early.details.message).toMatch(/attachment\.mode.*3\.54/);
  });

  it('answers handler errors in the documented envelope (404 unknown id, 409 conflict)', async () => {
    const path = { project_id: PROJECT };
    const missing = await failure(client.attachments.update({ path: { ...path, attachment_id: 'no-such-id' }, body: { connector: CONNECTOR } }));
    expect(missing.status).toBe(404);
    expect(missing.details.kind).toBe('itemNotFound');
    const a = await client.attachments.create({ path, body: { volume_uuid: VOLUME } });
    const ids = { ...path, attachment_id: a.id };
    await client.attachments.update({ path: ids, body: { connector: CONNECTOR } });
    await client.attachments.complete({ path: ids });
    const conflict = await failure(client.attachments.update({ path: ids, body: { connector: CONNECTOR } }));
    expect(conflict.status).toBe(409);
    expect(conflict.body).toEqual({ conflict: { code: 409, message: expect.stringContaining('already attached') } });
  });

  it('takes null for an optional field as "not given", as OpenStack services do (python-cinderclient sends such nulls)', async () => {
    const res = await fetch(`${server.url}${A}`, { method: 'POST', headers: V, body: JSON.stringify({ attachment: { volume_uuid: VOLUME, instance_uuid: null, connector: null } }) });
    expect(res.status).toBe(200);
    // The handler saw both fields absent: no connector means reserved, no instance means ''.
    expect(((await res.json()) as { attachment: unknown }).attachment).toMatchObject({ status: 'reserved', instance: '' });
  });

  it('echoes the negotiated microversion and varies on it', async () => {
    const res = await fetch(`${server.url}/v3/${PROJECT}/attachments`, { headers: { 'OpenStack-API-Version': 'volume latest' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('openstack-api-version')).toBe('volume 3.54');
    expect(res.headers.get('vary')).toBe('OpenStack-API-Version');
    const explicit = await fetch(`${server.url}/v3/${PROJECT}/attachments/`, { headers: { 'OpenStack-API-Version': 'volume 3.44' } });
    expect(explicit.headers.get('openstack-api-version')).toBe('volume 3.44');
  });
});

interface BadCase {
  name: string;
  method: string;
  path: string;
  body?: string | Uint8Array<ArrayBuffer>;
  headers?: Record<string, string>;
  status: number;
  envelope: string;
  message: RegExp;
}


const badCases: BadCase[] = [
  { name: 'malformed JSON', method: 'POST', path: A, body: '{"attachment": {"volume_uuid": ', status: 400, envelope: 'badRequest', message: /not valid JSON/ },
  { name: 'a body that is not JSON at all', method: 'POST', path: A, body: 'volume_uuid=1', headers: { 'content-type': 'text/plain' }, status: 400, envelope: 'badRequest', message: /not valid JSON/ },
  { name: 'invalid UTF-8', method: 'POST', path: A, body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), status: 400, envelope: 'badRequest', message: /UTF-8/ },
  { name: 'a wrong type', method: 'POST', path: A, body: '{"attachment": {"volume_uuid": 42}}', status: 400, envelope: 'badRequest', message: /attachment\.volume_uuid: must be string, not integer/ },
  { name: 'a wrong type deep inside', method: 'POST', path: A, body: '{"attachment": {"volume_uuid": "v", "connector": {"multipath": "yes"}}}', status: 400, envelope: 'badRequest', message: /attachment\.connector\.multipath: must be boolean/ },
  { name: 'null for a required field', method: 'POST', path: A, body: '{"attachment": {"volume_uuid": null}}', status: 400, envelope: 'badRequest', message: /attachment\.volume_uuid: must be string, not null/ },
  { name: 'a missing required field', method: 'POST', path: A, body: '{"attachment": {"instance_uuid": "i"}}', status: 400, envelope: 'badRequest', message: /attachment\.volume_uuid: is a required property/ },
  { name: 'a missing envelope', method: 'POST', path: A, body: '{"volume_uuid": "v"}', status: 400, envelope: 'badRequest', message: /field attachment: is a required property/ },
  { name: 'no body at all', method: 'POST', path: A, status: 400, envelope: 'badRequest', message: /Missing required element 'attachment'/ },
  { name: 'a JSON array instead of an object', method: 'POST', path: A, body: '[]', status: 400, envelope: 'badRequest', message: /must be object, not array/ },
  { name: 'an unknown action', method: 'POST', path: `${A}/x/action`, body: '{"os-detonate": null}', status: 400, envelope: 'badRequest', message: /no such action: os-detonate/ },
  { name: 'an action body that is not an object', method: 'POST', path: `${A}/x/action`, body: '"os-complete"', status: 400, envelope: 'badRequest', message: /must be a JSON object naming the action/ },
  { name: 'a wrong method', method: 'PATCH', path: A, body: '{}', status: 405, envelope: 'badMethod', message: /PATCH is not allowed.*POST, GET/ },
  { name: 'an unknown path', method: 'GET', path: `/v3/${PROJECT}/attachmentz`, status: 404, envelope: 'itemNotFound', message: /could not be found/ },
  { name: 'a too-low microversion for the resource', method: 'GET', path: A, headers: { 'OpenStack-API-Version': 'volume 3.26' }, status: 404, envelope: 'itemNotFound', message: /3\.26 is not supported on this method/ },
  { name: 'a too-low microversion for os-complete', method: 'POST', path: `${A}/x/action`, body: '{"os-complete": null}', headers: { 'OpenStack-API-Version': 'volume 3.43' }, status: 404, envelope: 'itemNotFound', message: /3\.43 is not supported/ },
  { name: 'no microversion at all (the minimum, 3.0)', method: 'GET', path: A, headers: { 'OpenStack-API-Version': '' }, status: 404, envelope: 'itemNotFound', message: /3\.0 is not supported/ },
  { name: 'a too-high microversion', method: 'GET', path: A, headers: { 'OpenStack-API-Version': 'volume 3.99' }, status: 406, envelope: 'notAcceptable', message: /Version 3\.99 is not supported by the API. Minimum is 3\.0 and maximum is 3\.54/ },
  { name: 'a malformed microversion', method: 'GET', path: A, headers: { 'OpenStack-API-Version': 'volume three' }, status: 400, envelope: 'badRequest', message: /invalid format/ },
  { name: 'an oversized body', method: 'POST', path: A, body: JSON.stringify({ attachment: { volume_uuid: 'v', instance_uuid: 'x'.repeat(200_000) } }), status: 413, envelope: 'overLimit', message: /too large/ },
  { name: 'a __proto__ key', method: 'POST', path: A, body: '{"attachment": {"volume_uuid": "v", "__proto__": {"polluted": true}}}', status: 400, envelope: 'badRequest', message: /"__proto__"/ },
  { name: 'a __proto__ query parameter', method: 'GET', path: `${A}?__proto__=1`, status: 400, envelope: 'badRequest', message: /__proto__/ },
  { name: 'a query parameter of the wrong type', method: 'GET', path: `${A}?limit=ten`, status: 400, envelope: 'badRequest', message: /query parameter limit: must be integer/ },
  { name: 'broken percent-encoding in the path', method: 'GET', path: `${A}/%E0%A4%A`, status: 400, envelope: 'badRequest', message: /percent-encoding/ },
];

describe('bad input: each request gets its documented 4xx envelope, and the server keeps serving', () => {
  for (const c of badCases) {
    it(`${c.name} -> ${c.status} ${c.envelope}`, async () => {
      const res = await fetch(`${server.url}${c.path}`, { method: c.method, headers: { ...V, ...c.headers }, ...(c.body !== undefined ? { body: c.body } : {}) });
      expect(res.status).toBe(c.status);
      expect(res.headers.get('content-type')).toBe('application/json');
      const body = (await res.json()) as Record<string, { code: number; message: string }>;
      expect(Object.keys(body)).toEqual([c.envelope]);
      expect(body[c.envelope]!.code).toBe(c.status);
      expect(body[c.envelope]!.message).toMatch(c.message);
      if (c.status === 405) expect(res.headers.get('allow')).toBe('POST, GET');

      // Still serving, and nothing leaked into Object.prototype.
      const after = await fetch(`${server.url}${A}`, { headers: V });
      expect(after.status).toBe(200);
      expect(({}) as Record<string, unknown>).not.toHaveProperty('polluted');
    });
  }

  it('logged nothing: no request above reached a handler result the spec forbids', () => {
    expect(logs).toEqual([]);
  });
});
