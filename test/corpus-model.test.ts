import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { buildModel } from '../generator/model/build.ts';
import { corpus, corpusApi } from './helpers/corpus.ts';

/**
 * An independent count of the rest_method directives reachable from an entry:
 * a plain text walk of `.. include::` lines, deduplicated by file and line.
 * It shares no code with the front end, so it can catch operations it loses.
 */
function countRestMethods(entry: string): number {
  const seen = new Set<string>();
  const visit = (file: string, stack: string[]): void => {
    if (stack.includes(file)) return;
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, i) => {
      const inc = /^\s*\.\.\s+include::\s*(\S+)/.exec(line);
      if (inc) visit(resolve(dirname(file), inc[1]!), [...stack, file]);
      if (/^\s*\.\.\s+rest_method::/.test(line)) seen.add(`${file}:${i}`);
    });
  };
  visit(entry, []);
  return seen.size;
}

/** The figures the project's issue states for the named APIs. */
const STATED: Record<string, number> = {
  'cinder-v3': 198,
  'cinder-v2': 103,
  nova: 251,
  neutron: 351,
  'keystone-v3': 158,
  manila: 196,
};

describe.skipIf(!corpus)('the shared corpus', () => {
  for (const api of corpus ?? []) {
    it(`${api.name}: every reachable rest_method is an operation`, () => {
      const model = buildModel(api.entry);
      const expected = countRestMethods(api.entry);
      expect(model.operations).toHaveLength(expected);
      if (STATED[api.name] !== undefined) expect(expected).toBe(STATED[api.name]);
      const ids = model.operations.map((o) => o.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const op of model.operations) {
        expect(op.path.startsWith('/')).toBe(true);
        expect(op.source.line).toBeGreaterThan(0);
      }
      // A clean corpus file never yields an error-level diagnostic.
      expect(model.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    });
  }

  it('keystone federation: directive paths resolve against the top-level document', () => {
    const model = buildModel(corpusApi('keystone-v3-ext')!.entry);
    expect(model.diagnostics.filter((d) => d.code === 'APIREF-FILE-MISSING')).toEqual([]);
    const withParams = model.operations.filter((o) => o.parameters.path.length + o.parameters.query.length + (o.request?.fields.length ?? 0) > 0);
    expect(withParams.length).toBeGreaterThan(60);
  });

  it('nova: microversion ranges on status codes and max_version under rest_method', () => {
    const model = buildModel(corpusApi('nova')!.entry);
    const attach = model.operations.find((o) => o.method === 'POST' && o.path === '/servers/{server_id}/os-volume_attachments');
    expect(attach?.responses.filter((r) => r.kind === 'success').map((r) => [r.status, r.minVersion, r.maxVersion])).toEqual([
      [200, '2.0', '2.100'],
      [202, '2.101', undefined],
    ]);
    const stats = model.operations.find((o) => o.path === '/os-hypervisors/statistics');
    expect(stats?.maxVersion).toBe('2.87');
  });
});

describe.skipIf(!corpusApi('cinder-seed'))('the seed (cinder-seed attachments.inc)', () => {
  const model = buildModel(corpusApi('cinder-seed')?.entry ?? '.');
  const byId = Object.fromEntries(model.operations.map((o) => [o.id, o]));

  it('has the six operations with their methods and paths', () => {
    expect(model.operations.map((o) => `${o.method} ${o.path}`).sort()).toEqual([
      'DELETE /v3/{project_id}/attachments/{attachment_id}',
      'GET /v3/{project_id}/attachments',
      'GET /v3/{project_id}/attachments/detail',
      'GET /v3/{project_id}/attachments/{attachment_id}',
      'POST /v3/{project_id}/attachments',
      'PUT /v3/{project_id}/attachments/{attachment_id}',
    ]);
    expect(model.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('answers 202 for create, update and delete in that version, 200 for reads', () => {
    const success = (id: string): number[] => byId[id]!.responses.filter((r) => r.kind === 'success').map((r) => r.status);
    expect(success('createAttachment')).toEqual([202]);
    expect(success('updateAttachment')).toEqual([202]);
    expect(success('deleteAttachment')).toEqual([202]);
    expect(success('showAttachmentDetails')).toEqual([200]);
    expect(byId['deleteAttachment']!.responses.filter((r) => r.kind === 'error').map((r) => `${r.name}(${r.status})`)).toEqual(['badRequest(400)', 'itemNotFound(404)']);
  });

  it('has the envelopes and required fields of the samples and parameters', () => {
    const create = byId['createAttachment']!;
    expect(create.request?.envelope).toBe('attachment');
    expect(create.request?.schema.required).toEqual(['instance_uuid', 'connector', 'volume_uuid']);
    expect(create.response?.envelope).toBe('attachment');
    expect(byId['listAttachments']!.response?.envelope).toBe('attachments');
    expect(byId['listAttachments']!.response?.schema.type).toBe('array');
    expect(byId['listAttachments']!.parameters.query.map((p) => p.name)).toEqual(['sort_key', 'sort_dir', 'limit', 'offset', 'marker']);
    expect(byId['showAttachmentDetails']!.response?.schema.required).toEqual(['status', 'connection_info', 'volume_id', 'id']);
  });
});

describe('apiref model (the command)', () => {
  it('prints the IR as JSON and exits 0 for the embedded spec', () => {
    const out = execFileSync(process.execPath, ['bin/apiref.js', 'model', '--spec', 'spec', '--compact'], { encoding: 'utf8' });
    const model = JSON.parse(out) as { operations: { id: string; method: string; path: string }[]; diagnostics: unknown[] };
    expect(model.operations.map((o) => o.id)).toEqual([
      'createAttachment',
      'updateAttachment',
      'completeAttachment',
      'deleteAttachment',
      'showAttachmentDetails',
      'listAttachments',
      'listAttachmentsWithDetails',
    ]);
    expect(model.diagnostics).toEqual([]);
  });

  it('exits 2 with one clear line for a missing entry, and 1 with file:line for an error', () => {
    const run = (args: string[]): { status: number | null; stderr: string } => {
      try {
        execFileSync(process.execPath, ['bin/apiref.js', ...args], { encoding: 'utf8', stdio: 'pipe' });
        return { status: 0, stderr: '' };
      } catch (e) {
        const err = e as { status: number | null; stderr: string };
        return { status: err.status, stderr: err.stderr };
      }
    };
    const missing = run(['model', '--spec', 'no/such/dir']);
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toContain('spec entry not found: no/such/dir');
    const broken = run(['model', '--spec', 'test/fixtures/broken/index.rst']);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(/test\/fixtures\/broken\/index\.rst:4: error APIREF-FILE-MISSING: included file not found/);
    expect(broken.stderr).not.toMatch(/at .*\.ts:\d+/);
  });
});
