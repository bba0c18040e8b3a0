/**
 * The conformance suite generated for spec/ (generated/conformance), run in
 * its own vitest process against the generated server with the in-memory
 * Attachments service: it passes against the good server, and against each
 * broken server it fails on the test that covers the breakage, with a message
 * that names the problem, and reports the drift.
 */
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { BROKEN_SERVERS, startAttachmentsServer, type Corruption } from './fixtures/conformance/attachments-server.ts';
import { failed, runSuite, type SuiteRun, type TestOutcome } from './fixtures/conformance/run-suite.ts';
import type { DriftReport } from '../templates/conformance/runtime/drift.ts';
import type { ApiModel } from '../generator/model/ir.ts';

const CONFIG = fileURLToPath(new URL('../generated/conformance/vitest.config.mts', import.meta.url));
const SUITE = fileURLToPath(new URL('../generated/conformance/attachments.test.ts', import.meta.url));
const HOOKS = fileURLToPath(new URL('./fixtures/conformance/attachments-hooks.ts', import.meta.url));
const MODEL = JSON.parse(readFileSync(new URL('../generated/model.json', import.meta.url), 'utf8')) as ApiModel;
const PROJECT = '7a3f0c2e9b1d4e5f8a6b4c3d2e1f0a9b';

interface Outcome {
  run: SuiteRun;
  drift: DriftReport;
}

/** Each run spawns vitest: allow for a busy machine (the run itself gives up earlier, with its output). */
const RUN_TIMEOUT = 150_000;

/** Attachments left in the project, read over HTTP. */
async function remaining(url: string): Promise<unknown[]> {
  const res = await fetch(`${url}/v3/${PROJECT}/attachments`, { headers: { 'OpenStack-API-Version': 'volume 3.44' } });
  return ((await res.json()) as { attachments: unknown[] }).attachments;
}

interface Run extends Outcome {
  /** Attachments left on the server after the run. */
  left: unknown[];
  /** What the fixture hooks logged. */
  hooks: Record<string, unknown>[];
}

async function runAgainst(corruption?: Corruption, args: string[] = []): Promise<Run> {
  const server = await startAttachmentsServer(corruption);
  const driftDir = mkdtempSync(join(tmpdir(), 'apiref-drift-'));
  const hookLog = join(driftDir, 'hooks.jsonl');
  try {
    const env = { APIREF_BASE_URL: server.url, APIREF_PROJECT_ID: PROJECT, APIREF_TOKEN: `admin:${PROJECT}`, APIREF_FIXTURES: HOOKS, APIREF_DRIFT_REPORT: driftDir, HOOK_LOG: hookLog };
    const run = await runSuite(CONFIG, env, { args });
    expect(existsSync(join(driftDir, 'drift.md')), run.output).toBe(true);
    const drift = JSON.parse(readFileSync(join(driftDir, 'drift.json'), 'utf8')) as DriftReport;
    const hooks = existsSync(hookLog) ? readFileSync(hookLog, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>) : [];
    return { run, drift, left: await remaining(server.url), hooks };
  } finally {
    await server.close();
    rmSync(driftDir, { recursive: true, force: true });
  }
}

const describeName = (id: string): string => {
  const op = MODEL.operations.find((o) => o.id === id)!;
  return `${op.method} ${op.path} — ${op.title}`;
};

/** The run against the good server: the baseline every broken server is compared with. */
let good: Run;
beforeAll(async () => {
  good = await runAgainst();
}, RUN_TIMEOUT);

describe('the suite generated for spec/, against the generated server and the in-memory service', () => {

  it('passes: every test ran and passed, none skipped', () => {
    expect(good.run.fileErrors).toEqual([]);
    expect(good.run.tests.filter((t) => t.status !== 'passed').map((t) => `${t.status}: ${t.fullName}\n${t.message}`)).toEqual([]);
    const declared = [...readFileSync(SUITE, 'utf8').matchAll(/^\s+it\(/gm)].length;
    expect(good.run.tests).toHaveLength(declared);
    expect(good.run.success).toBe(true);
    expect(good.run.exitCode).toBe(0);
  });

  it('leaves nothing behind', () => {
    expect(good.left).toEqual([]);
  });

  it('calls the fixture hooks: setup with what the suite needs (its values fill the requests), teardown after cleanup', () => {
    expect(good.hooks.map((h) => h['hook'])).toEqual(['setup', 'teardown']);
    const [setup, teardown] = good.hooks as [Record<string, unknown>, Record<string, unknown>];
    expect(setup).toMatchObject({ file: 'attachments', needs: ['instance_uuid', 'volume_uuid'], probe: 200 });
    expect(teardown).toMatchObject({ values: setup['values'], left: 0 });
  });

  it('deletes what it created in afterAll, even when the test that created it failed and the delete test never ran', async () => {
    // Only the create test runs (and fails: the broken server answers 201), so only afterAll can clean up.
    const { run, left } = await runAgainst(BROKEN_SERVERS.wrongSuccessStatus, ['--testNamePattern', 'creates a resource']);
    expect(failed(run).map((t) => t.fullName)).toEqual([`${describeName('createAttachment')} > creates a resource: documented status, envelope and schema`]);
    expect(run.tests.filter((t) => t.status === 'passed')).toEqual([]);
    expect(run.fileErrors).toEqual([]);
    expect(left).toEqual([]);
  }, RUN_TIMEOUT);

  it('fails, rather than skipping everything, when the paths need a project and none is given', async () => {
    const server = await startAttachmentsServer();
    try {
      const run = await runSuite(CONFIG, { APIREF_BASE_URL: server.url, APIREF_TOKEN: `admin:${PROJECT}` });
      expect(run.success).toBe(false);
      expect(run.exitCode).not.toBe(0);
      expect(run.tests.filter((t) => t.status === 'passed')).toEqual([]);
      expect(`${run.fileErrors.join('\n')}\n${run.tests.map((t) => t.message).join('\n')}`).toContain('the paths need {project_id}: set APIREF_PROJECT_ID');
    } finally {
      await server.close();
    }
  }, RUN_TIMEOUT);

  it('has one describe per operation, named `METHOD path — title`, in lifecycle order', () => {
    const describes = [...new Set(good.run.tests.map((t) => t.describe))];
    const lifecycle = ['createAttachment', 'showAttachmentDetails', 'listAttachments', 'listAttachmentsWithDetails', 'updateAttachment', 'completeAttachment', 'deleteAttachment'];
    expect(describes).toEqual(lifecycle.map(describeName));
  });

  it('runs the negative checks the spec supports', () => {
    const titles = (id: string): string[] => good.run.tests.filter((t) => t.describe === describeName(id)).map((t) => t.title);
    expect(titles('createAttachment')).toEqual(
      expect.arrayContaining([
        'answers 400 without the required field attachment.volume_uuid',
        'answers 400 to malformed JSON',
        'answers 404 at microversion 3.26, below its minimum 3.27',
        'answers 406 to an unsupported microversion',
      ]),
    );
    expect(titles('completeAttachment')).toContain('answers 404 at microversion 3.43, below its minimum 3.44');
    expect(titles('showAttachmentDetails')).toContain('answers 404 for an unknown {attachment_id}');
    expect(titles('deleteAttachment')).toContain('shows 404 for the deleted resource');
  });

  it('writes a drift report without errors', () => {
    expect(good.drift.api).toBe(MODEL.api.title);
    expect(good.drift.summary.errors).toBe(0);
    expect(good.drift.entries.filter((e) => e.severity === 'error')).toEqual([]);
  });
});

/** A test of the good run, found by its operation and the start of its title. */
interface Expected {
  operation: string;
  title: RegExp;
}

interface MutationCase {
  name: keyof typeof BROKEN_SERVERS;
  /** The tests that must fail (and no others). */
  failing: Expected[] | ((t: TestOutcome) => boolean);
  /** What every failing test's message must say. */
  message: RegExp;
  /** A drift entry the report must carry. */
  drift: { operation: string; kind: string; location: string };
}

const CASES: MutationCase[] = [
  {
    name: 'wrongSuccessStatus',
    failing: [{ operation: 'createAttachment', title: /^creates a resource/ }],
    message: /status 201 is a status the spec does not document; documented success: 200/,
    drift: { operation: 'createAttachment', kind: 'status', location: 'status' },
  },
  {
    name: 'requiredFieldMissing',
    failing: [{ operation: 'showAttachmentDetails', title: /^shows the resource/ }],
    message: /\$\.attachment\.volume_id: required field is missing \[required\]/,
    drift: { operation: 'showAttachmentDetails', kind: 'missing-field', location: '$.attachment.volume_id' },
  },
  {
    name: 'fieldOfWrongType',
    failing: [{ operation: 'listAttachments', title: /^lists resources/ }],
    message: /\$\.attachments\[0\]\.status: must be string, got integer 1 \[type\]/,
    drift: { operation: 'listAttachments', kind: 'type', location: '$.attachments[*].status' },
  },
  {
    name: 'missingEnvelope',
    failing: [{ operation: 'showAttachmentDetails', title: /^shows the resource/ }],
    message: /the body is not wrapped in the "attachment" envelope \(got top-level keys \[.*"volume_id".*\]\) \[envelope\]/,
    drift: { operation: 'showAttachmentDetails', kind: 'envelope', location: '$.attachment' },
  },
  {
    name: 'errorInWrongEnvelope',
    // Every check that expects a 404 sees the flat body.
    failing: (t) => /^(answers|shows) 404/.test(t.title),
    message: /the error is not in an error envelope \{"<name>": \{"code": N, "message": "..."\}\} \(got top-level keys \["message","code"\]\)/,
    drift: { operation: 'showAttachmentDetails', kind: 'error-envelope', location: '$' },
  },
  {
    name: 'okWhereNotFound',
    // Every show that was due a 404: the unknown id, the microversion below the minimum, the deleted attachment.
    failing: (t) =>
      (t.describe === describeName('showAttachmentDetails') && /^answers 404/.test(t.title)) ||
      (t.describe === describeName('deleteAttachment') && /^shows 404 for the deleted resource/.test(t.title)),
    message: /expected 404, got 200: the server accepted a request it should refuse/,
    drift: { operation: 'showAttachmentDetails', kind: 'status', location: 'status' },
  },
];

describe('mutation proof: against a broken server the suite fails on the right test, naming the problem', () => {
  it.each(CASES)('$name', async (c) => {
    const goodTests = good.run.tests;
    const expected =
      typeof c.failing === 'function'
        ? goodTests.filter(c.failing)
        : c.failing.map((e) => {
            const matches = goodTests.filter((t) => t.describe === describeName(e.operation) && e.title.test(t.title));
            expect(matches, `${e.operation} ${String(e.title)}`).toHaveLength(1);
            return matches[0]!;
          });
    expect(expected.length).toBeGreaterThan(0);

    const { run, drift } = await runAgainst(BROKEN_SERVERS[c.name]);
    expect(run.fileErrors).toEqual([]);
    expect(run.success).toBe(false);
    expect(failed(run).map((t) => t.fullName).sort()).toEqual(expected.map((t) => t.fullName).sort());
    for (const t of failed(run)) expect(t.message).toMatch(c.message);
    expect(drift.entries).toContainEqual(expect.objectContaining({ ...c.drift, severity: 'error' }));
  }, RUN_TIMEOUT);
});
