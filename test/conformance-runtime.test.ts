/**
 * The runtime of generated conformance suites (templates/conformance/runtime),
 * piece by piece: schema findings, drift collection and reports, request
 * bodies, verdicts with known drift, and the target configuration.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { shapeDrift, validateAgainst } from '../templates/conformance/runtime/schema-check.ts';
import { DriftCollector, buildDriftReport, loadKnownDrift, renderDriftMarkdown, resetDriftParts, writeDriftPart, type DriftEntry } from '../templates/conformance/runtime/drift.ts';
import { buildBody, noun, synthesize } from '../templates/conformance/runtime/request-builder.ts';
import { ConformanceError, Verdict } from '../templates/conformance/runtime/checks.ts';
import { ConfigError, inScope, resolveTarget } from '../templates/conformance/runtime/target.ts';
import { jsonPath, genericJsonPath } from '../templates/conformance/runtime/json-path.ts';
import type { Exchange } from '../templates/conformance/runtime/http.ts';
import type { OperationSpec, Schema } from '../templates/conformance/runtime/spec.ts';

const ATTACHMENT: Schema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    status: { type: 'string', enum: ['reserved', 'attached'] },
    attached_at: { type: 'string', format: 'date-time' },
    mode: { type: 'string', 'x-min-version': '3.54' },
    note: { type: 'string' },
    connection_info: { type: 'object', properties: { cacheable: { type: 'boolean', 'x-inferred': true }, qos_specs: { type: 'null', 'x-inferred': true } } },
  },
  required: ['id', 'status', 'mode', 'connection_info'],
};

describe('schema checks', () => {
  it('names the JSON path and the rule of each documented violation', () => {
    const findings = validateAgainst('t1', ATTACHMENT, { status: 5, connection_info: {} }, '3.44', ['attachment']);
    expect(findings.map((f) => [f.kind, f.severity, f.message])).toEqual([
      ['missing-field', 'error', '$.attachment.id: required field is missing [required]'],
      ['type', 'error', '$.attachment.status: must be string, got integer 5 [type]'],
      ['type', 'error', '$.attachment.status: must be one of ["reserved","attached"], got 5 [enum]'],
    ]);
  });

  it('requires a versioned field only within its microversions', () => {
    const at354 = validateAgainst('t2', ATTACHMENT, { id: 'a', status: 'reserved', connection_info: {} }, '3.54', []);
    expect(at354.map((f) => f.message)).toEqual(['$: required field is missing [required]'.replace('$:', '$.mode:')]);
    expect(validateAgainst('t2', ATTACHMENT, { id: 'a', status: 'reserved', connection_info: {} }, '3.44', [])).toEqual([]);
  });

  it('reports formats and sample-inferred shapes as warnings, never errors; an inferred null constrains nothing', () => {
    const findings = validateAgainst('t3', ATTACHMENT, { id: 'a', status: 'reserved', attached_at: 'yesterday', connection_info: { cacheable: 'no', qos_specs: { x: 1 } } }, '3.44', []);
    expect(findings.map((f) => [f.kind, f.severity, f.message])).toEqual([
      ['format', 'warning', '$.attached_at: "yesterday" is not a valid date-time [format]'],
      ['sample-shape', 'warning', '$.connection_info.cacheable: must be boolean, got string "no" [type, inferred from the spec sample]'],
    ]);
  });

  it('finds undocumented fields, absent optional ones and fields outside their microversions', () => {
    const findings = shapeDrift(ATTACHMENT, { id: 'a', status: 'reserved', mode: 'rw', extra: 1, connection_info: { driver: 'iscsi' } }, '3.44', ['attachment']);
    expect(findings.map((f) => [f.kind, f.severity, genericJsonPath(f.path)])).toEqual([
      ['undocumented-field', 'warning', '$.attachment.mode'],
      ['undocumented-field', 'warning', '$.attachment.extra'],
      ['undocumented-field', 'info', '$.attachment.connection_info.driver'],
      ['missing-field', 'info', '$.attachment.attached_at'],
      ['missing-field', 'info', '$.attachment.note'],
    ]);
  });

  it('writes JSON paths for any key, and a generic form for drift', () => {
    expect(jsonPath(['a', 0, 'os-vol:host', '__proto__'])).toBe('$.a[0]["os-vol:host"].__proto__');
    expect(genericJsonPath(['items', 3, 'id'])).toBe('$.items[*].id');
  });
});

const entry = (over: Partial<DriftEntry>): DriftEntry => ({
  operation: 'showThing',
  endpoint: 'GET /things/{id}',
  check: 'positive',
  kind: 'type',
  location: '$.thing.size',
  expected: 'integer',
  actual: 'string',
  severity: 'error',
  message: '$.thing.size: must be integer',
  ...over,
});

describe('drift', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const tmp = (): string => {
    const d = mkdtempSync(join(tmpdir(), 'apiref-drift-test-'));
    dirs.push(d);
    return d;
  };

  it('merges repeats into a count and sorts errors first', () => {
    const c = new DriftCollector();
    c.add(entry({ severity: 'info', kind: 'missing-field', location: '$.thing.note' }));
    c.add(entry({}));
    c.add(entry({ message: 'again, at another index' }));
    expect(c.entries().map((e) => [e.severity, e.location, e.count])).toEqual([
      ['error', '$.thing.size', 2],
      ['info', '$.thing.note', 1],
    ]);
  });

  it('marks known drift, counts new errors and lists known lines nothing matched', () => {
    const report = buildDriftReport({
      api: 'Things',
      entries: [entry({}), entry({ operation: 'listThings', kind: 'status', location: 'status' })],
      known: [{ operation: 'showThing', kind: 'type', location: '$.thing.size', reason: 'bug 1' }, { operation: 'gone', reason: 'fixed upstream' }],
    });
    expect(report.entries.map((e) => [e.operation, e.known])).toEqual([
      ['listThings', false],
      ['showThing', true],
    ]);
    expect(report.summary).toMatchObject({ total: 2, errors: 2, known: 1, new: 1, resolved: 1 });
    expect(report.resolved).toEqual([{ operation: 'gone', reason: 'fixed upstream' }]);
  });

  it('renders Markdown tables that spec text cannot break', () => {
    const md = renderDriftMarkdown(buildDriftReport({ api: 'A | B', entries: [entry({ expected: 'a|b\nc', actual: '`x`' })] }));
    const row = md.split('\n').find((l) => l.startsWith('| error |'))!;
    expect(row.split(/(?<!\\)\|/).length).toBe(10);
    expect(md).not.toContain('a|b');
    expect(md).toContain('# API drift: A \\| B');
  });

  it('merges the parts of several test files into one report', () => {
    const dir = tmp();
    writeDriftPart(dir, 'things', { api: 'Things', entries: [entry({})] });
    const report = writeDriftPart(dir, 'widgets', { api: 'Things', entries: [entry({ operation: 'showWidget', endpoint: 'GET /widgets/{id}' })] });
    expect(report.entries.map((e) => e.operation).sort()).toEqual(['showThing', 'showWidget']);
    expect(JSON.parse(readFileSync(join(dir, 'drift.json'), 'utf8'))).toEqual(report);
    expect(readFileSync(join(dir, 'drift.md'), 'utf8')).toContain('## GET /widgets/{id} (showWidget)');
    resetDriftParts(dir);
    expect(writeDriftPart(dir, 'widgets', { api: 'Things', entries: [] }).entries).toEqual([]);
  });

  it('reads known-drift files and names the file when one is malformed', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'ok.json'), JSON.stringify({ entries: [{ operation: 'showThing', kind: 'type', reason: 'x' }] }));
    expect(loadKnownDrift(join(dir, 'ok.json'))).toEqual([{ operation: 'showThing', kind: 'type', reason: 'x' }]);
    writeFileSync(join(dir, 'bad.json'), '[{"operation": 3}]');
    expect(() => loadKnownDrift(join(dir, 'bad.json'))).toThrow(/bad\.json: entry 0: "operation" must be a string/);
    writeFileSync(join(dir, 'broken.json'), '{');
    expect(() => loadKnownDrift(join(dir, 'broken.json'))).toThrow(/broken\.json/);
  });
});

const CREATE: OperationSpec = {
  id: 'createAttachment',
  method: 'POST',
  path: '/v3/{project_id}/attachments',
  title: 'Create attachment',
  role: 'create',
  resource: '/v3/{project_id}/attachments',
  pathParams: ['project_id'],
  requiredQuery: [],
  success: [{ status: 200 }],
  errors: [{ status: 404, name: 'itemNotFound' }],
  responseHeaders: [],
  request: {
    envelope: 'attachment',
    schema: {
      type: 'object',
      properties: { volume_uuid: { type: 'string' }, instance_uuid: { type: 'string' }, mode: { type: 'string', 'x-min-version': '3.54' }, connector: { type: 'object' } },
      required: ['volume_uuid'],
    },
    sample: { attachment: { volume_uuid: '462dcc2d-130d-4654-8db1-da0df2da6a0d', instance_uuid: '31c79baf-b59e-469c-979f-1df4ecb6eea7', mode: 'ro', connector: { ip: '192.168.1.20' } } },
  },
};

describe('request bodies', () => {
  it('fill references from fixtures (by noun: volume_id fills volume_uuid), never from the sample', () => {
    const values: Record<string, string> = { volume_id: 'vol-1' };
    const fixture = (name: string): unknown => values[name] ?? (noun(name) === 'volume' ? values['volume_id'] : undefined);
    const built = buildBody(CREATE, '3.44', { fixture, createdId: () => undefined });
    expect(built.body).toEqual({ attachment: { volume_uuid: 'vol-1', connector: { ip: '192.168.1.20' } } });
    expect(built.missing).toEqual([]);
    expect(built.wanted).toEqual(['instance_uuid']);
  });

  it('report a required reference nothing can fill, and keep fields of the right microversion', () => {
    const built = buildBody(CREATE, '3.54', { fixture: () => undefined, createdId: () => undefined });
    expect(built.missing).toEqual(['volume_uuid']);
    expect(built.body).toEqual({ attachment: { mode: 'ro', connector: { ip: '192.168.1.20' } } });
  });

  it('synthesize the required part of a schema when the spec has no sample', () => {
    expect(synthesize({ type: 'object', properties: { size: { type: 'integer' }, name: { type: 'string' }, kind: { enum: ['a', 'b'] } }, required: ['size', 'kind'] }, undefined, 0)).toEqual({ size: 1, kind: 'a' });
    expect(noun('volumeId')).toBe('volume');
    expect(noun('instance_uuid')).toBe('instance');
    expect(noun('id')).toBe('');
  });
});

function exchangeOf(status: number, body: unknown): Exchange {
  const text = body === undefined ? '' : JSON.stringify(body);
  const x: Exchange = { request: { method: 'GET', url: 'http://127.0.0.1/x', headers: {} }, status, headers: new Headers(), text };
  if (body !== undefined) x.json = body;
  return x;
}

describe('verdicts', () => {
  const show: OperationSpec = { ...CREATE, id: 'showAttachment', method: 'GET', role: 'show', response: { envelope: 'attachment', schema: ATTACHMENT } };
  const options = (known: { operation: string; kind: DriftEntry['kind']; location: string }[] = []) => ({ collector: new DriftCollector(), known, strictErrorNames: false, errorNames: { '404': 'itemNotFound' } });

  it('fail with every problem, its path and the exchange', () => {
    const v = new Verdict(show, 'positive', options());
    const x = exchangeOf(201, { attachment: { id: 'a', status: 'reserved', connection_info: {}, size: 1 } });
    v.saw(x);
    v.successStatus(x, '3.44');
    v.responseBody(x, '3.44');
    expect(() => v.finish()).toThrow(ConformanceError);
    try {
      v.finish();
    } catch (err) {
      expect((err as Error).message).toMatch(/showAttachment\), positive check: 1 problem\n {2}- status 201 is a status the spec does not document; documented success: 200\n {2}GET http:\/\/127\.0\.0\.1\/x\n {4}-> 201 /);
    }
  });

  it('pass when every error is listed as known drift, and still record it', () => {
    const opts = options([{ operation: 'showAttachment', kind: 'envelope', location: '$.attachment' }]);
    const v = new Verdict(show, 'positive', opts);
    v.responseBody(exchangeOf(200, { id: 'a' }), '3.44');
    expect(() => v.finish()).not.toThrow();
    expect(opts.collector.entries().map((e) => [e.kind, e.severity])).toEqual([['envelope', 'error']]);
  });

  it('check the error envelope: one key, an object with the status as code and a message', () => {
    const cases: [unknown, RegExp][] = [
      [{ itemNotFound: { code: 404, message: 'gone' } }, /^$/],
      [{ message: 'gone', code: 404 }, /not in an error envelope .* \(got top-level keys \["message","code"\]\)/],
      [{ itemNotFound: { code: 400, message: 'gone' } }, /\$\.itemNotFound\.code: must be the status 404, got 400/],
      [{ itemNotFound: { code: 404 } }, /\$\.itemNotFound\.message: must be a string, got absent/],
    ];
    for (const [body, expected] of cases) {
      const v = new Verdict(show, 'unknown-id', options());
      v.errorAnswer(exchangeOf(404, body), 404);
      let message = '';
      try {
        v.finish();
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message, JSON.stringify(body)).toMatch(expected);
    }
  });

  it('report an unconventional error name as a warning, or an error when strict', () => {
    const lenient = options();
    const v = new Verdict(show, 'unknown-id', lenient);
    v.errorAnswer(exchangeOf(404, { NotFound: { code: 404, message: 'gone' } }), 404);
    expect(() => v.finish()).not.toThrow();
    expect(lenient.collector.entries()).toEqual([expect.objectContaining({ kind: 'error-name', severity: 'warning', expected: 'itemNotFound', actual: 'NotFound' })]);
    const strict = new Verdict(show, 'unknown-id', { ...options(), strictErrorNames: true });
    strict.errorAnswer(exchangeOf(404, { NotFound: { code: 404, message: 'gone' } }), 404);
    expect(() => strict.finish()).toThrow(/error envelope "NotFound" differs from the conventional "itemNotFound" for 404/);
  });
});

describe('target configuration', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const k of Object.keys(process.env)) if (k.startsWith('APIREF_')) delete process.env[k];
    Object.assign(process.env, saved);
  });

  it('needs a base URL, and says how to give one', () => {
    delete process.env['APIREF_BASE_URL'];
    expect(() => resolveTarget()).toThrow(ConfigError);
    expect(() => resolveTarget()).toThrow(/APIREF_BASE_URL is not set/);
  });

  it('reads the environment over the hook module, and refuses a malformed microversion', () => {
    process.env['APIREF_BASE_URL'] = 'http://127.0.0.1:8776/';
    process.env['APIREF_PROJECT_ID'] = 'p1';
    const t = resolveTarget({ baseUrl: 'http://other', projectId: 'p2', token: 'tok', headers: { 'X-Service-Roles': 'service' } });
    expect(t).toMatchObject({ baseUrl: 'http://127.0.0.1:8776', projectId: 'p1', token: 'tok', headers: { 'X-Service-Roles': 'service' }, strictErrorNames: false, readOnly: false });
    process.env['APIREF_READ_ONLY'] = '1';
    expect(resolveTarget({ readOnly: false }).readOnly).toBe(true);
    process.env['APIREF_MICROVERSION'] = 'latest';
    expect(() => resolveTarget()).toThrow(/APIREF_MICROVERSION="latest" is not a microversion/);
  });
});

describe('APIREF_OPERATIONS', () => {
  it('limits a run to the operations it names, and covers all when unset', () => {

    const saved = process.env['APIREF_OPERATIONS'];
    try {
      delete process.env['APIREF_OPERATIONS'];
      expect(inScope('createAttachment')).toBe(true);
      process.env['APIREF_OPERATIONS'] = 'showAttachmentDetails, createAttachment';
      expect(inScope('createAttachment')).toBe(true);
      expect(inScope('deleteAttachment')).toBe(false);
    } finally {
      if (saved === undefined) delete process.env['APIREF_OPERATIONS'];
      else process.env['APIREF_OPERATIONS'] = saved;
    }
  });
});
