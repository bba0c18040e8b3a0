/**
 * Runs last (see harness/sequencer.ts): merges the drift report of the whole
 * run (generated conformance suite + lifecycle tests), then fails on any
 * difference between upstream's api-ref and the real cinder that
 * test/cinder-real/known-drift.yaml does not explain, and on any entry of
 * that file this run no longer sees. Writes the per-section summary, which
 * the global teardown prints at the end of the log.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { cinderContext } from './harness/context.ts';
import { mergeDriftReport, renderSummary, sectionSummary, staleKnownDrift, unexpectedDrift, writeSummary, type DriftReport } from './harness/drift-report.ts';
import { loadKnownDrift, type KnownDriftEntry } from './harness/known-drift.ts';
import { readOutcomes } from './harness/outcomes.ts';
import { readScope } from './harness/conformance-scope.ts';

const ctx = cinderContext();

/** The sections this suite covers, by section id. */
const SECTIONS = ['attachments', 'volumes'];
/** Parts the lifecycle tests contribute; each generated conformance file run adds its own. */
const LIFECYCLE_PARTS = ['lifecycle-attachments', 'lifecycle-volumes'];

describe.skipIf(!ctx)('drift between upstream api-ref and the real cinder', () => {
  const c = ctx!;
  let report: DriftReport;
  let parts: string[];
  let known: KnownDriftEntry[];

  beforeAll(async () => {
    known = loadKnownDrift(c.knownDriftFile, c.cinderDir);
    ({ report, parts } = await mergeDriftReport(c, known));
    writeSummary(c, renderSummary(sectionSummary(c, report, known, SECTIONS), report, c));
  });

  it('has the results of every part of the run', () => {
    const scope = readScope(c.reportDir);
    expect(scope, 'conformance.cinder.ts did not run').toBeDefined();
    expect(parts).toEqual(expect.arrayContaining([...LIFECYCLE_PARTS, ...scope!.map((f) => f.name)]));
    const outcomes = readOutcomes(c.reportDir) ?? [];
    expect(outcomes.filter((o) => o.state === 'pass' || o.state === 'fail').length).toBeGreaterThan(0);
  });

  it('finds no difference that known-drift.yaml does not explain', () => {
    const unexpected = unexpectedDrift(report, known).map(
      (e) => `${e.severity} ${e.operation} [${e.check}] ${e.kind} ${e.location}: expected ${e.expected}, got ${e.actual} — ${e.message}`,
    );
    expect(unexpected, `unexpected drift: fix apiref, or add an entry with its reason and evidence to ${c.knownDriftFile}`).toEqual([]);
  });

  it('sees every difference known-drift.yaml lists (stale entries go)', () => {
    const stale = staleKnownDrift(report, known).map((k) => `${c.knownDriftFile}:${k.line} ${k.id}`);
    expect(stale, 'known drift not seen in this run: fixed upstream or in cinder? remove the entries').toEqual([]);
  });
});
