/**
 * The spec's own samples are part of the spec: the route table built from a
 * model accepts every request sample of every operation (at a microversion the
 * sample's fields allow), and every response sample passes the development-mode
 * check of handler results. Checked on a small hand-made model and on every
 * API of the shared corpus; schemas are widened by the samples in
 * generator/emitters/server/route-spec.ts.
 */
import { describe, expect, it } from 'vitest';
import { buildModel } from '../generator/model/build.ts';
import type { ApiModel, Body, JsonSchema, Operation } from '../generator/model/ir.ts';
import { buildApiSpec, memberPattern } from '../generator/emitters/server/route-spec.ts';
import { createRouter, type HandlerResult } from '../templates/server/runtime/router.ts';
import { Microversion } from '../templates/server/runtime/microversion.ts';
import { compileSchema } from '../templates/server/runtime/validate.ts';
import type { ApiSpec, RouteSpec, Schema } from '../templates/server/runtime/spec.ts';
import { successStatus } from '../generator/mock/sample-values.ts';
import { corpus } from './helpers/corpus.ts';
import { exampleHeaders, exampleUrl } from './support/mock-requests.ts';
import { FIXTURE_SOURCE, makeOperation } from './helpers/operation.ts';

const SOURCE = FIXTURE_SOURCE;

function body(schema: JsonSchema, samples: unknown[], envelope?: string): Body {
  return { ...(envelope !== undefined ? { envelope } : {}), schema, fields: [], samples: samples.map((value) => ({ role: 'request' as const, value, source: SOURCE })) };
}

const operation = (id: string, method: Operation['method'], path: string, extra: Partial<Operation> = {}): Operation => makeOperation(id, method, path, extra);

function model(operations: Operation[]): ApiModel {
  return { irVersion: 1, api: { title: 't', entry: 'x.inc', root: '.' }, sections: [], operations, diagnostics: [] };
}

/** Handlers that accept anything: only the router's own checks can refuse a request. */
function acceptAll(spec: ApiSpec): Record<string, () => HandlerResult> {
  return Object.fromEntries(spec.operations.map((op) => [op.id, () => ({ status: op.success[0] ?? 200 })]));
}

async function post(router: { fetch(r: Request): Promise<Response> }, method: string, url: string, value: unknown, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const res = await router.fetch(new Request(url, { method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(value) }));
  return { status: res.status, text: await res.text() };
}

describe('request schemas widened by their samples (fixture)', () => {
  // Stricter than its samples, the way api-refs are: every field required, types that the samples break.
  const strict: JsonSchema = {
    type: 'object',
    properties: {
      name: { type: 'string' },
      size: { type: 'integer' },
      group_id: { type: 'string' },
      mode: { type: 'string', enum: ['rw', 'ro'] },
      options: { type: 'object', properties: { force: { type: 'boolean' }, level: { type: 'string' } }, required: ['force', 'level'] },
      tags: { type: 'array', items: { type: 'object', properties: { k: { type: 'string' } }, required: ['k'] } },
    },
    required: ['name', 'size', 'group_id', 'mode', 'options', 'tags'],
  };
  const samples = [
    { volume: { name: 'a', size: 1, group_id: null, mode: 'rw', options: { force: 'True' }, tags: [{ v: 1 }] } },
    { volume: { name: 'b', size: '10', mode: 'auto', options: { force: true, level: 'x' }, tags: [{ k: 'k' }] } },
  ];
  const m = model([operation('createVolume', 'POST', '/volumes', { request: body(strict, samples, 'volume') })]);
  const spec = buildApiSpec(m);
  const router = createRouter(spec, acceptAll(spec), { log: () => undefined });

  it('accepts each of the samples', async () => {
    for (const s of samples) expect((await post(router, 'POST', 'http://x/volumes', s)).status).toBe(200);
  });

  it('still refuses what neither the schema nor any sample allows', async () => {
    // `name` is in every sample, so it stays required; a boolean size and mode `xx` are in none.
    const good = { name: 'a', size: 1, mode: 'ro', options: { force: false }, tags: [] };
    expect((await post(router, 'POST', 'http://x/volumes', { volume: good })).status).toBe(200);
    const noName = await post(router, 'POST', 'http://x/volumes', { volume: { ...good, name: undefined } });
    expect(noName.status).toBe(400);
    expect(noName.text).toContain('volume.name: is a required property');
    const boolSize = await post(router, 'POST', 'http://x/volumes', { volume: { ...good, size: true } });
    expect(boolSize.status).toBe(400);
    expect(boolSize.text).toContain('volume.size: must be integer or string');
    expect((await post(router, 'POST', 'http://x/volumes', { volume: { ...good, mode: 'xx' } })).status).toBe(400);
  });

  it('widens without touching the model', () => {
    expect(strict.required).toHaveLength(6);
    expect(strict.properties!['size']!.type).toBe('integer');
    const content = spec.operations[0]!.request!.schema;
    expect(content.required).toEqual(['name', 'size', 'mode', 'options', 'tags']);
    expect(content.properties!['group_id']!.type).toEqual(['string', 'null']);
    expect(content.properties!['mode']!.enum).toEqual(['rw', 'ro', 'auto']);
    expect(content.properties!['options']!.required).toEqual(['force']);
    expect(content.properties!['tags']!.items!.required).toBeUndefined();
  });

  it('widens response schemas by the response samples, so development-mode checks pass them', async () => {
    const show = operation('showVolume', 'GET', '/volumes/{id}', {
      response: { envelope: 'volume', schema: { type: 'object', properties: { id: { type: 'string' }, size: { type: 'integer' } }, required: ['id', 'size'] }, fields: [], samples: [{ role: 'response', value: { volume: { id: 7 } }, source: SOURCE }] },
    });
    const s = buildApiSpec(model([show]));
    let logged = '';
    const r = createRouter(s, { showVolume: () => ({ status: 200, body: { id: 7 } }) }, { validateResponses: true, log: (l) => (logged += l) });
    expect((await r.fetch(new Request('http://x/volumes/1'))).status).toBe(200);
    expect(logged).toBe('');
    const r2 = createRouter(s, { showVolume: () => ({ status: 200, body: { id: [] } }) }, { validateResponses: true, log: () => undefined });
    expect((await r2.fetch(new Request('http://x/volumes/1'))).status).toBe(500);
  });
});

describe('placeholder member names (`gigabytes_{volume_type}`)', () => {
  const quota: JsonSchema = {
    type: 'object',
    properties: { gigabytes: { type: 'integer' }, 'gigabytes_{volume_type}': { type: 'integer' }, '{key}': { type: 'string' } },
    required: ['gigabytes', 'gigabytes_{volume_type}'],
  };
  const spec = buildApiSpec(model([operation('updateQuotas', 'PUT', '/quotas', { request: body(quota, [], 'quota_set') })]));
  const router = createRouter(spec, acceptAll(spec), { log: () => undefined });

  it('are patterns in the route table, never required literal keys', () => {
    const s = spec.operations[0]!.request!.schema;
    expect(s.required).toEqual(['gigabytes']);
    expect(Object.keys(s.properties!)).toEqual(['gigabytes']);
    expect(Object.keys(s.patternProperties!)).toEqual(['^gigabytes_.+$', '^(?!(?:gigabytes)$).+$']);
  });

  it('accept any member of the family and check its value', async () => {
    expect((await post(router, 'PUT', 'http://x/quotas', { quota_set: { gigabytes: 1 } })).status).toBe(200);
    expect((await post(router, 'PUT', 'http://x/quotas', { quota_set: { gigabytes: 1, gigabytes_lvm: 5 } })).status).toBe(400); // `{key}` wants a string too
    const bad = await post(router, 'PUT', 'http://x/quotas', { quota_set: { gigabytes: 1, gigabytes_lvm: 'many' } });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('quota_set.gigabytes_lvm: must be integer');
  });

  it('build expressions from the literal parts only', () => {
    expect(memberPattern('a.b_{x}', [])).toBe('^a\\.b_.+$');
    expect(new RegExp(memberPattern('{k}', ['id']), 'u').test('id')).toBe(false);
    expect(compileSchema({ type: 'object', patternProperties: { '^x_.+$': { type: 'integer' } } })({ x_a: 'no' })?.path).toEqual(['x_a']);
  });
});

/** The microversion bounds of the request fields a sample carries, found by walking it along the cleaned wire schema. */
function fieldBounds(schema: Schema, value: unknown, out: { min: string[]; max: string[] }, depth = 0): void {
  if (depth > 32) return;
  if (schema['x-min-version'] !== undefined) out.min.push(schema['x-min-version']);
  if (schema['x-max-version'] !== undefined) out.max.push(schema['x-max-version']);
  for (const option of schema.anyOf ?? []) if (compileSchema(option)(value) === undefined) fieldBounds(option, value, out, depth + 1);
  if (Array.isArray(value) && schema.items) for (const v of value) fieldBounds(schema.items, v, out, depth + 1);
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) {
      const prop = schema.properties && Object.prototype.hasOwnProperty.call(schema.properties, k) ? schema.properties[k] : undefined;
      if (prop) fieldBounds(prop, v, out, depth + 1);
    }
  }
}

/** The lowest microversion at which a sample's fields and its operation all exist, or undefined when they never do together. */
function sampleVersion(spec: ApiSpec, route: RouteSpec, value: unknown): string | undefined {
  const bounds = { min: [spec.minVersion!, ...(route.minVersion ? [route.minVersion] : [])], max: [spec.maxVersion!, ...(route.maxVersion ? [route.maxVersion] : [])] };
  const wire: Schema = route.request!.envelope !== undefined ? { properties: { [route.request!.envelope]: route.request!.schema } } : route.request!.schema;
  fieldBounds(wire, value, bounds);
  const valid = (vs: string[]) => vs.filter((v) => Microversion.parse(v)).map((v) => Microversion.of(v));
  const low = valid(bounds.min).reduce((a, b) => (a.compare(b) >= 0 ? a : b));
  const high = valid(bounds.max).reduce((a, b) => (a.compare(b) <= 0 ? a : b));
  return low.compare(high) <= 0 ? low.toString() : undefined;
}

function options(api: { serviceType?: string; microversionHeader?: string }): { serviceType?: string; microversionHeader?: string } {
  return { ...(api.serviceType ? { serviceType: api.serviceType } : {}), ...(api.microversionHeader ? { microversionHeader: api.microversionHeader } : {}) };
}

describe.skipIf(!corpus)('the corpus: every request sample is accepted, every response sample passes the result check', () => {
  for (const api of corpus ?? []) {
    it(api.name, async () => {
      const m = buildModel(api.entry, options(api));
      const spec = buildApiSpec(m, options(api));
      const router = createRouter(spec, acceptAll(spec), { validateResponses: false, log: () => undefined });
      const negotiated = router.microversions;
      const rejected: string[] = [];
      const contradictory: string[] = [];
      let requests = 0;
      for (const [i, op] of m.operations.entries()) {
        const route = spec.operations[i]!;
        for (const sample of op.request?.samples ?? []) {
          if (sample.value === undefined) continue;
          requests++;
          const headers = exampleHeaders(op);
          let version: string | undefined;
          if (negotiated) {
            version = sampleVersion(spec, route, sample.value);
            // The sample's own fields have no microversion in common: the bounds check
            // (which stays) refuses it, and it is listed apart, not counted as a widening miss.
            headers[negotiated.header] = `${api.serviceType ?? ''} ${version ?? route.minVersion ?? spec.minVersion!}`.trim();
          }
          const res = await post(router, op.method, exampleUrl(op, 'http://x'), sample.value, headers);
          if (res.status < 400) continue;
          if (negotiated && version === undefined && res.status === 400 && /accepted in microversion/.test(res.text)) contradictory.push(`${op.id} ${sample.file}`);
          else rejected.push(`${op.id} ${sample.file ?? '(inline)'} at ${headers[negotiated?.header ?? ''] ?? 'no version'}: ${res.status} ${res.text.slice(0, 200)}`);
        }
      }
      expect(rejected).toEqual([]);
      if (contradictory.length > 0) console.info(`[apiref tests] ${api.name}: of ${requests} request samples, ${contradictory.length} carry fields that share no microversion and are refused by the bounds check: ${contradictory.join(', ')}`);

      // Responses: each operation alone, with its request checks taken out, so the handler always runs and returns the sample.
      const failed: string[] = [];
      for (const [i, op] of m.operations.entries()) {
        const route = spec.operations[i]!;
        if (!route.response) continue;
        const status = successStatus(op);
        if (status === 204 || op.method === 'HEAD') continue;
        for (const sample of op.response?.samples ?? []) {
          if (sample.value === undefined) continue;
          const envelope = route.response.envelope;
          const wire = sample.value as Record<string, unknown>;
          const hasEnvelope = envelope !== undefined && typeof wire === 'object' && wire !== null && Object.prototype.hasOwnProperty.call(wire, envelope);
          const links = Object.fromEntries((route.response.linkKeys ?? []).filter((k) => hasEnvelope && Object.prototype.hasOwnProperty.call(wire, k)).map((k) => [k, wire[k]]));
          const lone: RouteSpec = { ...route, params: { ...route.params, header: [], query: [] }, success: route.success };
          delete lone.request;
          delete lone.action;
          delete lone.fixedQuery;
          let problem = '';
          const single = createRouter({ title: spec.title, operations: [lone] }, { [op.id]: () => ({ status, body: hasEnvelope ? wire[envelope] : sample.value, links }) }, { validateResponses: true, log: (l) => (problem = l) });
          const res = await single.fetch(new Request(exampleUrl(op, 'http://x'), { method: op.method }));
          await res.text();
          if (res.status === 500) failed.push(`${op.id} ${sample.file ?? '(inline)'}: ${problem.slice(0, 240)}`);
        }
      }
      expect(failed).toEqual([]);
    });
  }
});
