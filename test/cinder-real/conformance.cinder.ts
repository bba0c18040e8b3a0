/**
 * Runs the conformance suite apiref generated from upstream's api-ref
 * (conformance/*.test.ts in the temporary output folder) against the real
 * cinder, for the Attachments and Volumes sections.
 *
 * The generated files are imported here rather than listed in the vitest
 * config, since they only exist once the global setup has generated them.
 * The files are those holding an operation of the sections in scope
 * (harness/conformance-scope.ts). Each is imported inside its own
 * `describe`, so its file-level hooks (open the suite, run the fixture hooks;
 * delete what it created, write its drift report part) stay scoped to it.
 * The generated `volumes` file also covers the Volume actions section
 * (`POST /volumes/{id}/action`); `APIREF_OPERATIONS` limits the suite to the
 * operations of the two sections, so those are not registered: most actions
 * need what this cinder does not have (nova, glance, a second backend), and
 * they are outside this suite's scope.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { cinderContext } from './harness/context.ts';
import { conformanceEnv } from './harness/conformance-env.ts';
import { conformanceFilesFor, writeScope } from './harness/conformance-scope.ts';
import { writeOutcomes, type TestOutcome } from './harness/outcomes.ts';

const ctx = cinderContext();

/** The api-ref sections in scope, by section id. */
const SECTIONS = new Set(['attachments', 'volumes']);

interface ModelOperation {
  id: string;
  method: string;
  path: string;
  title: string;
  section: string;
}

if (!ctx) {
  describe.skip('generated conformance suite (no real cinder here)', () => {
    it('needs `npm run test:cinder`', () => {});
  });
} else {
  const model = JSON.parse(readFileSync(join(ctx.genDir, 'model.json'), 'utf8')) as { operations: ModelOperation[] };
  const inScopeIds = model.operations.filter((o) => SECTIONS.has(o.section)).map((o) => o.id);
  Object.assign(process.env, conformanceEnv(ctx), { APIREF_OPERATIONS: inScopeIds.join(',') });
  // The generated describes are named `METHOD path — Title`: map them back to their operation's section.
  const sectionOf = new Map(model.operations.map((o) => [`${o.method} ${o.path} — ${o.title}`, o.section]));
  const files = await conformanceFilesFor(ctx.genDir, SECTIONS);
  writeScope(ctx.reportDir, files);

  // Every test's final state, for the run's summary table (drift-check.cinder.ts prints it).
  const outcomes: TestOutcome[] = [];
  beforeEach((t) => {
    const operation = t.task.suite?.name ?? '';
    const section = sectionOf.get(operation);
    t.onTestFinished(({ task }) => {
      outcomes.push({ file: task.file.name, describe: operation, test: task.name, state: task.result?.state ?? 'unknown' });
    });
    if (section !== undefined && !SECTIONS.has(section)) throw new Error(`${operation} is outside the Attachments and Volumes sections (${section}) but ran`);
  });
  afterAll(() => writeOutcomes(ctx.reportDir, outcomes));

  if (files.length === 0) {
    it('has generated conformance tests for the sections in scope', () => expect.fail(`no conformance/data/*.ts in ${ctx.genDir} holds an operation of ${[...SECTIONS].join(', ')}`));
  }
  for (const file of files) {
    describe(`conformance/${file.name}.test.ts`, async () => {
      await import(pathToFileURL(file.testFile).href);
    });
  }
}
