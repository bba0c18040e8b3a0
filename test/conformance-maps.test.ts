/**
 * Map sub-collections (`…/metadata/{key}`, extra specs) in generated
 * conformance suites. Their members are the keys of one free-form object: the
 * suite reads a created member's id from the keys its create sent, writes the
 * path's key into the bodies of `PUT …/{key}`, and checks an unknown parent id
 * there instead of an unknown key (a PUT on a map key creates it).
 *
 * The suite is generated from test/fixtures/conformance/map-spec, whose PUT
 * sample deliberately shows another key than the create sample, and run (in
 * its own vitest process) against map-server.ts, which has Cinder's metadata
 * semantics: good, and broken in two ways the suite must notice.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../generator/model/build.ts';
import type { Body, Operation } from '../generator/model/ir.ts';
import { emitConformance } from '../generator/emitters/conformance/conformance-emitter.ts';
import { planLifecycles } from '../generator/emitters/conformance/lifecycle.ts';
import { suiteSpec } from '../generator/emitters/conformance/suite-data.ts';
import { testsFor } from '../generator/emitters/conformance/test-plan.ts';
import { buildBody, withMapKey } from '../templates/conformance/runtime/request-builder.ts';
import { startMapServer, type MapBreakage, type RunningMapServer } from './fixtures/conformance/map-server.ts';
import { failed, runSuite, type SuiteRun } from './fixtures/conformance/run-suite.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SPEC = join(ROOT, 'test/fixtures/conformance/map-spec');
const MODEL = buildModel(SPEC, { pathBase: ROOT });
const RUN_TIMEOUT = 150_000;

/** A bare operation for planner tests, with optional bodies. */
function op(method: Operation['method'], path: string, bodies: { request?: Body; response?: Body } = {}): Operation {
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
    responses: [{ status: 200, kind: 'success', source: { file: 'x', line: 1 } }],
    source: { file: 'x', line: 1 },
    ...bodies,
  };
}

const body = (envelope: string, schema: Body['schema']): Body => ({ envelope, schema, fields: [], samples: [] });
const inferred = { type: 'string', 'x-inferred': true } as const;

describe('planning map resources', () => {
  it('finds the metadata of a shelf a map: members by key, bodies that repeat the key, no unknown-key PUT', () => {
    const [group] = planLifecycles(MODEL.operations);
    const metadata = group!.resources.find((r) => r.collection.endsWith('/metadata'))!;
    expect([metadata.idParam, metadata.map]).toEqual(['key', true]);
    expect(group!.root.map).toBeUndefined();
    const spec = suiteSpec(MODEL, group!, undefined, undefined);
    const put = spec.operations.find((o) => o.method === 'PUT')!;
    expect(put.request).toMatchObject({ envelope: 'meta', map: true, keyParam: 'key' });
    // The sample's key is data, not a documented field: any key passes the checks.
    expect(put.request!.schema).toEqual({ type: 'object', additionalProperties: { type: 'string', 'x-inferred': true } });
    const create = spec.operations.find((o) => o.id === 'createMetadataForShelf')!;
    expect(create.request).toMatchObject({ map: true });
    expect(create.request!.keyParam).toBeUndefined();

    const ctx = { microversions: false, defaultVersion: undefined, resources: group!.resources };
    const tests = (id: string): string[] => testsFor(group!.ordered.find((p) => p.op.id === id)!, ctx).map((t) => `${t.method}: ${t.name}`);
    expect(tests('createOrReplaceMetadataItem')).toContain('unknownId: answers 404 for an unknown {shelf_id} (not for an unknown {key}: a PUT on a map key creates the key)');
    expect(tests('createOrReplaceMetadataItem').filter((t) => t.includes('{key}}'))).toEqual([]);
    // Reads and deletes of an unknown key are still 404s.
    expect(tests('showMetadataItem')).toContain('unknownId: answers 404 for an unknown {key}');
    expect(tests('deleteMetadataItem')).toContain('unknownId: answers 404 for an unknown {key}');
    expect(tests('createMetadataForShelf')).toContain('positive: adds a key to the map: documented status, envelope and schema, the key in the answer');
  });

  it('keeps sub-collections with documented members (ids in an array listing) and top-level objects as resources', () => {
    const rule = { type: 'object', properties: { id: { type: 'string' }, max_kbps: { type: 'integer' } } } as const;
    const rules = planLifecycles([
      op('POST', '/v2.0/qos/policies/{policy_id}/rules', { request: body('rule', rule), response: body('rule', rule) }),
      op('GET', '/v2.0/qos/policies/{policy_id}/rules', { response: body('rules', { type: 'array', items: rule }) }),
      op('GET', '/v2.0/qos/policies/{policy_id}/rules/{rule_id}', { response: body('rule', rule) }),
      op('GET', '/v2.0/qos/policies/{policy_id}'),
    ]);
    expect(rules[0]!.resources.map((r) => [r.collection, r.map ?? false])).toEqual([
      ['/v2.0/qos/policies', false],
      ['/v2.0/qos/policies/{policy_id}/rules', false],
    ]);
    // A free-form create body, but an array listing: not a map.
    const tagged = planLifecycles([
      op('POST', '/things/{thing_id}/tags', { request: body('tags', { type: 'object', properties: { a: inferred } }) }),
      op('GET', '/things/{thing_id}/tags', { response: body('tags', { type: 'array', items: { type: 'string' } }) }),
      op('DELETE', '/things/{thing_id}/tags/{tag}'),
      op('GET', '/things/{thing_id}'),
    ]);
    expect(tagged[0]!.resources.find((r) => r.collection.endsWith('/tags'))!.map).toBeUndefined();
    // A listing keyed by name, but a create that sends a documented member (glance's metadef properties): not a map.
    const property = { type: 'object', properties: { name: { type: 'string' }, title: { type: 'string' } } } as const;
    const properties = planLifecycles([
      op('POST', '/namespaces/{namespace}/properties', { request: { schema: property, fields: [], samples: [] } }),
      op('GET', '/namespaces/{namespace}/properties', { response: body('properties', { type: 'object', properties: { hw_disk_bus: { type: 'object', 'x-inferred': true } } }) }),
      op('GET', '/namespaces/{namespace}/properties/{property_name}'),
      op('GET', '/namespaces/{namespace}'),
    ]);
    expect(properties[0]!.resources.find((r) => r.collection.endsWith('/properties'))!.map).toBeUndefined();
    // Without a create, a free-form listing makes a map (read-only: its first key is the member to show).
    const readOnly = planLifecycles([op('GET', '/things/{thing_id}/metadata', { response: body('metadata', { type: 'object' }) }), op('GET', '/things/{thing_id}/metadata/{key}'), op('GET', '/things/{thing_id}')]);
    expect(readOnly[0]!.resources.find((r) => r.collection.endsWith('/metadata'))!.map).toBe(true);
    // Free-form, but not under another resource's member: not a map either.
    const top = planLifecycles([op('POST', '/settings', { request: body('settings', { type: 'object' }) }), op('GET', '/settings/{key}')]);
    expect(top[0]!.root.map).toBeUndefined();
  });

  it('builds map bodies verbatim and moves their one entry under the path key', () => {
    const [group] = planLifecycles(MODEL.operations);
    const spec = suiteSpec(MODEL, group!, undefined, undefined);
    const put = spec.operations.find((o) => o.method === 'PUT')!;
    // Keys that look like references (`kernel_id`) are data in a map: never dropped or filled.
    const create = { ...spec.operations.find((o) => o.id === 'createMetadataForShelf')! };
    create.request = { ...create.request!, sample: { metadata: { kernel_id: '4f8c0a4e-2b6b-4a9e-9f6e-0c2c9a7b1d11', color: 'blue' } } };
    const built = buildBody(create, undefined, { fixture: () => undefined, createdId: () => undefined });
    expect(built).toEqual({ body: { metadata: { kernel_id: '4f8c0a4e-2b6b-4a9e-9f6e-0c2c9a7b1d11', color: 'blue' } }, missing: [], wanted: [] });
    expect(withMapKey(put.request!, { meta: { shade: 'red' } }, 'color')).toEqual({ meta: { color: 'red' } });
    expect(withMapKey(put.request!, { meta: { a: '1', b: '2' } }, 'k')).toEqual({ meta: { k: '1' } });
    expect(withMapKey(put.request!, { meta: {} }, 'k')).toEqual({ meta: { k: 'apiref-conformance' } });
    const proto = withMapKey(put.request!, { meta: { shade: 'red' } }, '__proto__') as { meta: object };
    expect(Object.keys(proto.meta)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(proto.meta)).toBe(Object.prototype);
    // Without an envelope, the body is the map.
    expect(withMapKey({ schema: { type: 'object' }, map: true, keyParam: 'key' }, { key1: 'value1' }, 'gpu')).toEqual({ gpu: 'value1' });
  });
});

describe('the suite generated from map-spec, against a server with Cinder\'s metadata semantics', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'apiref-conformance-maps-'));
    expect(MODEL.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    for (const f of emitConformance(MODEL, {})) {
      mkdirSync(dirname(join(dir, f.path)), { recursive: true });
      writeFileSync(join(dir, f.path), f.content);
    }
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    writeFileSync(join(dir, 'package.json'), '{ "type": "module", "private": true }\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function runAgainst(breakage?: MapBreakage): Promise<{ run: SuiteRun; server: RunningMapServer }> {
    const server = await startMapServer(breakage);
    try {
      const run = await runSuite(join(dir, 'conformance/vitest.config.mts'), { APIREF_BASE_URL: server.url });
      return { run, server };
    } finally {
      await server.close();
    }
  }

  it('passes: the created key is shown, listed, updated with a body that repeats it, and deleted', async () => {
    const { run, server } = await runAgainst();
    expect(run.fileErrors).toEqual([]);
    expect(run.tests.filter((t) => t.status !== 'passed').map((t) => `${t.status}: ${t.fullName}\n${t.message}`)).toEqual([]);
    expect(run.tests.map((t) => t.title)).toEqual(expect.arrayContaining(['shows the added key: documented status, envelope and schema', 'shows 404 for the deleted key']));
    const puts = server.log.filter((r) => r.method === 'PUT');
    // The create added `color` (the create sample's key); every PUT names it in path and body, never the PUT sample's `shade`.
    expect(puts.length).toBeGreaterThanOrEqual(3);
    for (const put of puts) {
      const meta = (put.body as { meta?: object } | undefined)?.meta;
      if (meta !== undefined) expect(Object.keys(meta), put.path).toEqual([put.path.split('/').pop()]);
    }
    const positive = puts.find((p) => p.status === 200)!;
    expect(positive.path).toMatch(/^\/v1\/shelves\/[0-9a-f-]{36}\/metadata\/color$/);
    expect(positive.body).toEqual({ meta: { color: 'red' } });
    // The unknown-id check on the PUT replaced the shelf, with a body that still matches the path.
    const unknownShelf = puts.find((p) => p.status === 404)!;
    expect(unknownShelf.path.endsWith('/metadata/color')).toBe(true);
    expect(unknownShelf.body).toEqual({ meta: { color: 'red' } });
    expect(puts.filter((p) => p.status === 400 && JSON.stringify(p.body).includes('red'))).toEqual([]);
    // Unknown keys were asked for (GET, DELETE), and everything created was deleted.
    expect(server.log.some((r) => r.method === 'GET' && r.status === 404 && /\/metadata\/[0-9a-f-]{36}$/.test(r.path))).toBe(true);
    expect(server.shelves()).toEqual({});
  }, RUN_TIMEOUT);

  it('fails the create check when the answer lacks the added key, naming the key', async () => {
    const { run, server } = await runAgainst('create-drops-key');
    const failures = failed(run);
    expect(failures.map((t) => t.title)).toEqual(['adds a key to the map: documented status, envelope and schema, the key in the answer']);
    expect(failures[0]!.message).toContain('the answer does not hold the key the request added (looked for "color" in the metadata)');
    // Its members' tests cannot run without the key: they skip, saying why.
    expect(run.tests.find((t) => t.title === 'shows the added key: documented status, envelope and schema')!.status).toBe('skipped');
    expect(server.shelves()).toEqual({});
  }, RUN_TIMEOUT);

  it('fails the show check when the answer holds another key than the one asked for', async () => {
    const { run } = await runAgainst('show-wrong-key');
    const failures = failed(run);
    expect(failures.map((t) => t.title)).toEqual(['shows the added key: documented status, envelope and schema']);
    expect(failures[0]!.message).toContain('the answer does not hold the key asked for, "color" (got the keys ["color-other"])');
  }, RUN_TIMEOUT);
});
