/**
 * Lists of `apiref mock --stateful`, as OpenStack services serve them:
 * equality filters from the query parameters the list documents, `marker` and
 * `limit`, a next link where the spec puts links (a `*_links` list, keystone's
 * `links` object, glance's `next`), a `count` of every match; and errors in
 * the service's own envelope (neutron's `NeutronError`, keystone's `error`).
 * Driven through the mock's Fetch API router on a small hand-made model.
 */
import { describe, expect, it } from 'vitest';
import type { ApiModel, Body, JsonSchema, Operation, Parameter } from '../generator/model/ir.ts';
import { createMockRouter } from '../generator/mock/mock-server.ts';
import type { Router } from '../templates/server/runtime/router.ts';
import { FIXTURE_SOURCE, makeOperation } from './helpers/operation.ts';

const SOURCE = FIXTURE_SOURCE;

function query(name: string, type: 'string' | 'integer' | 'boolean' = 'string'): Parameter {
  return { name, key: name, in: 'query', description: '', required: false, schema: { type }, source: SOURCE };
}

function body(schema: JsonSchema, sample: unknown, envelope?: string, linkKeys?: string[]): Body {
  return {
    ...(envelope !== undefined ? { envelope } : {}),
    ...(linkKeys ? { linkKeys } : {}),
    schema,
    fields: [],
    samples: sample === undefined ? [] : [{ role: 'response', value: sample, source: SOURCE }],
  };
}

const op = (id: string, method: Operation['method'], path: string, extra: Partial<Operation> = {}): Operation => makeOperation(id, method, path, extra, { pathParams: true });

const ITEM: JsonSchema = { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, enabled: { type: 'boolean' }, size: { type: 'integer' }, tags: { type: 'array' } } };
const item = { id: 'sample-id', name: 'sample', enabled: true, size: 1, tags: ['a'] };

/** One collection: create, list (with `listBody`) and show, under `/<name>`. */
function collection(name: string, listBody: Body, listQuery: Parameter[]): Operation[] {
  return [
    op(`create_${name}`, 'POST', `/${name}`, { request: body(ITEM, undefined, 'item'), response: body(ITEM, { item }, 'item') }),
    op(`list_${name}`, 'GET', `/${name}`, { parameters: { path: [], query: listQuery, header: [] }, response: listBody }),
    op(`show_${name}`, 'GET', `/${name}/{id}`, { response: body(ITEM, { item }, 'item') }),
  ];
}

const LIST_QUERY = [query('name'), query('enabled', 'boolean'), query('size', 'integer'), query('tags'), query('limit', 'integer'), query('marker'), query('sort_key')];

function model(serviceType?: string): ApiModel {
  return {
    irVersion: 1,
    api: { title: 't', entry: 'x.inc', root: '.', ...(serviceType ? { serviceType } : {}) },
    sections: [],
    diagnostics: [],
    operations: [
      // cinder-style: an enveloped list, documented `items_links`, and a count in the sample.
      ...collection('volumes', body({ type: 'array', items: ITEM }, { items: [item], items_links: [], count: 9 }, 'items', ['items_links']), LIST_QUERY),
      // keystone-style: a `links` object beside the list, always there.
      ...collection('users', body({ type: 'array', items: ITEM }, { items: [item], links: { self: 'x', previous: null, next: null } }, 'items', ['links']), LIST_QUERY),
      // glance-style: an unwrapped body, the list under a key, a `next` URL when more remain.
      ...collection('images', body({ type: 'object', properties: { images: { type: 'array', items: ITEM }, first: { type: 'string' } } }, { images: [item], first: '/images', next: '/images?marker=x' }), LIST_QUERY),
      // no links key documented or shown: `<envelope>_links`; no filters documented.
      ...collection('ports', body({ type: 'array', items: ITEM }, { ports: [item] }, 'ports'), [query('limit'), query('marker')]),
    ],
  };
}

async function call(router: Router, method: string, path: string, value?: unknown): Promise<{ status: number; body: any }> {
  const res = await router.fetch(new Request(`http://127.0.0.1:8776${path}`, { method, headers: { 'content-type': 'application/json' }, ...(value !== undefined ? { body: JSON.stringify(value) } : {}) }));
  const text = await res.text();
  return { status: res.status, body: text === '' ? undefined : JSON.parse(text) };
}

async function fill(router: Router, name: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < 5; i++) {
    const created = await call(router, 'POST', `/${name}`, { item: { name: `u${i}`, enabled: i % 2 === 0, size: i, tags: [String(i)] } });
    expect(created.status).toBe(200);
    ids.push(created.body.item.id as string);
  }
  return ids;
}

const ids = (list: { id: string }[]): string[] => list.map((x) => x.id);

describe('stateful lists', () => {
  it('page with limit and marker, linking the next page under the documented links key', async () => {
    const router = createMockRouter(model(), { stateful: true });
    const all = await fill(router, 'volumes');
    const first = await call(router, 'GET', '/volumes?limit=2');
    expect(ids(first.body.items)).toEqual(all.slice(0, 2));
    expect(first.body.items_links).toEqual([{ href: `http://127.0.0.1:8776/volumes?limit=2&marker=${all[1]}`, rel: 'next' }]);
    const second = await call(router, 'GET', new URL(first.body.items_links[0].href).pathname + new URL(first.body.items_links[0].href).search);
    expect(ids(second.body.items)).toEqual(all.slice(2, 4));
    const last = await call(router, 'GET', `/volumes?limit=2&marker=${all[3]}`);
    expect(ids(last.body.items)).toEqual([all[4]]);
    expect(last.body.items_links).toBeUndefined(); // nothing remains: no next link
    expect(ids((await call(router, 'GET', `/volumes?marker=${all[2]}`)).body.items)).toEqual(all.slice(3));
    expect((await call(router, 'GET', '/volumes?limit=0')).body.items).toEqual([]);
  });

  it('refuses an unknown marker with 400, and a limit that is not a count', async () => {
    const router = createMockRouter(model(), { stateful: true });
    await fill(router, 'volumes');
    const bad = await call(router, 'GET', '/volumes?marker=nope');
    expect(bad).toEqual({ status: 400, body: { badRequest: { code: 400, message: 'Marker nope could not be found.' } } });
    expect((await call(router, 'GET', '/volumes?limit=-1')).status).toBe(400);
    expect((await call(router, 'GET', '/ports?limit=ten')).status).toBe(400); // undocumented type: checked by the mock itself
  });

  it('filters by equality on documented top-level scalar fields, ignoring the rest', async () => {
    const router = createMockRouter(model(), { stateful: true });
    const all = await fill(router, 'volumes');
    expect(ids((await call(router, 'GET', '/volumes?name=u1')).body.items)).toEqual([all[1]]);
    expect(ids((await call(router, 'GET', '/volumes?enabled=True')).body.items)).toEqual([all[0], all[2], all[4]]);
    expect(ids((await call(router, 'GET', '/volumes?size=3&name=u3')).body.items)).toEqual([all[3]]);
    expect(ids((await call(router, 'GET', '/volumes?size=3&name=u1')).body.items)).toEqual([]);
    // `tags` is an array field, `sort_key` sorts, `colour` is not documented: none of them filters.
    expect(ids((await call(router, 'GET', '/volumes?tags=1&sort_key=name&colour=red')).body.items)).toEqual(all);
    expect(ids((await call(router, 'GET', '/volumes?enabled=false&limit=1')).body.items)).toEqual([all[1]]);
  });

  it('counts every match when the sample shows a count, not the page', async () => {
    const router = createMockRouter(model(), { stateful: true });
    await fill(router, 'volumes');
    expect((await call(router, 'GET', '/volumes?limit=1')).body.count).toBe(5);
    expect((await call(router, 'GET', '/volumes?enabled=true&limit=1')).body.count).toBe(3);
    expect((await call(router, 'GET', '/users')).body.count).toBeUndefined();
  });

  it('fills keystone\'s links object, glance\'s next URL, and <collection>_links otherwise', async () => {
    const router = createMockRouter(model(), { stateful: true });
    const users = await fill(router, 'users');
    const page = await call(router, 'GET', '/users?limit=3');
    expect(page.body.links).toEqual({ self: 'http://127.0.0.1:8776/users?limit=3', previous: null, next: `http://127.0.0.1:8776/users?limit=3&marker=${users[2]}` });
    expect((await call(router, 'GET', '/users')).body.links).toEqual({ self: 'http://127.0.0.1:8776/users', previous: null, next: null });

    const images = await fill(router, 'images');
    const glance = await call(router, 'GET', '/images?limit=4');
    expect(glance.body).toMatchObject({ first: '/images', next: `/images?limit=4&marker=${images[3]}` });
    expect(ids(glance.body.images)).toEqual(images.slice(0, 4));
    expect((await call(router, 'GET', `/images?marker=${images[3]}`)).body.next).toBeUndefined();

    const ports = await fill(router, 'ports');
    expect((await call(router, 'GET', '/ports?limit=4')).body.ports_links).toEqual([{ href: `http://127.0.0.1:8776/ports?limit=4&marker=${ports[3]}`, rel: 'next' }]);
  });
});

describe('error envelopes follow the service type', () => {
  it('neutron: NeutronError with the webob type', async () => {
    const router = createMockRouter(model('network'), { stateful: true });
    expect(await call(router, 'GET', '/volumes/nope')).toEqual({ status: 404, body: { NeutronError: { type: 'HTTPNotFound', message: 'volumes nope could not be found.', detail: '' } } });
    expect((await call(router, 'GET', '/no/such/path')).body).toEqual({ NeutronError: { type: 'HTTPNotFound', message: 'The resource could not be found.', detail: '' } });
    expect((await call(router, 'POST', '/volumes', '{')).body.NeutronError.type).toBe('HTTPBadRequest');
  });

  it('keystone: error with code and title', async () => {
    const router = createMockRouter(model('identity'), { stateful: true });
    expect(await call(router, 'GET', '/users/nope')).toEqual({ status: 404, body: { error: { code: 404, title: 'Not Found', message: 'users nope could not be found.' } } });
    expect((await call(router, 'DELETE', '/users')).body).toEqual({ error: { code: 405, title: 'Method Not Allowed', message: expect.stringContaining('Method DELETE is not allowed') } });
  });

  it('volume, compute and services without a fixed envelope: the fault name', async () => {
    for (const type of ['volume', 'compute', undefined]) {
      const router = createMockRouter(model(type), { stateful: true });
      expect((await call(router, 'GET', '/users/nope')).body).toEqual({ itemNotFound: { code: 404, message: 'users nope could not be found.' } });
    }
  });
});

describe('stateful creates', () => {
  it('find the resource under the response envelope when the request has siblings and so no envelope of its own', async () => {
    // cinder's volume create: {"volume": {...}, "OS-SCH-HNT:scheduler_hints": {...}}.
    const withHints: JsonSchema = { type: 'object', properties: { item: ITEM, 'OS-SCH-HNT:scheduler_hints': { type: 'object' } } };
    const m = model();
    m.operations = [
      op('create_things', 'POST', '/things', { request: body(withHints, undefined), response: body(ITEM, { item }, 'item') }),
      op('show_things', 'GET', '/things/{id}', { response: body(ITEM, { item }, 'item') }),
    ];
    const router = createMockRouter(m, { stateful: true });
    const created = await call(router, 'POST', '/things', { item: { name: 'mine', size: 3 }, 'OS-SCH-HNT:scheduler_hints': { same_host: [] } });
    expect(created.status).toBe(200);
    expect(created.body.item).toMatchObject({ name: 'mine', size: 3 });
    const shown = await call(router, 'GET', `/things/${String(created.body.item.id)}`);
    expect(shown.body.item).toMatchObject({ name: 'mine', size: 3 });
  });
});
