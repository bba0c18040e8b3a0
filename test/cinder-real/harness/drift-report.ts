import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CinderRealContext } from './context.ts';
import { knownEntryFor, type KnownDriftEntry } from './known-drift.ts';
import { readOutcomes, type TestOutcome } from './outcomes.ts';

/**
 * The run's drift report: every part (one per generated conformance file,
 * one per lifecycle file) merged and rewritten as drift.json / drift.md with
 * the generated suite's own drift module, so the report looks the same as a
 * plain conformance run's. Then judged against known-drift.yaml and
 * summarised per section.
 */

export interface DriftEntry {
  operation: string;
  endpoint: string;
  check: string;
  kind: string;
  location: string;
  expected: string;
  actual: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  count?: number;
  known?: boolean;
}

export interface DriftReport {
  api: string;
  summary: { total: number; errors: number; warnings: number; infos: number; known: number; new: number; resolved: number };
  entries: DriftEntry[];
  resolved: { operation?: string; kind?: string; location?: string; reason?: string }[];
}

/** The generated support/drift.ts, as far as used here. */
interface DriftModule {
  DriftCollector: new () => { addAll(entries: Iterable<DriftEntry>): void; entries(): DriftEntry[] };
  buildDriftReport(input: { api: string; target?: string; microversion?: string; entries: DriftEntry[]; known?: unknown[] }): DriftReport;
  writeDriftReport(dir: string, report: DriftReport): void;
}

interface DriftPart {
  api: string;
  target?: string;
  microversion?: string;
  entries: DriftEntry[];
}

/** Merges every part in `<reportDir>/parts` and rewrites drift.json and drift.md. */
export async function mergeDriftReport(ctx: CinderRealContext, knownEntries: KnownDriftEntry[]): Promise<{ report: DriftReport; parts: string[] }> {
  const modulePath = join(ctx.genDir, 'conformance', 'support', 'drift.ts');
  if (!existsSync(modulePath)) throw new Error(`no generated drift module at ${modulePath}: apiref generate wrote no conformance suite`);
  const drift = (await import(pathToFileURL(modulePath).href)) as DriftModule;
  const partsDir = join(ctx.reportDir, 'parts');
  const parts = existsSync(partsDir) ? readdirSync(partsDir).filter((f) => f.endsWith('.json')).sort() : [];
  const collector = new drift.DriftCollector();
  for (const f of parts) collector.addAll((JSON.parse(readFileSync(join(partsDir, f), 'utf8')) as DriftPart).entries);
  const known = JSON.parse(readFileSync(ctx.knownDriftJson, 'utf8')) as unknown[];
  const report = drift.buildDriftReport({ api: ctx.apiTitle, target: ctx.url, microversion: ctx.serverMicroversion, entries: collector.entries(), known });
  // The matcher lines expand each YAML entry (operations x locations), so the
  // generated report would count every unused combination as "resolved";
  // what is stale is a YAML entry nothing matched.
  const stale = staleKnownDrift(report, knownEntries);
  report.resolved = stale.map((k) => ({ operation: k.operations.join(', '), kind: k.kind, location: k.locations.join(', '), reason: `${k.id} (known-drift.yaml:${k.line})` }));
  report.summary.resolved = stale.length;
  drift.writeDriftReport(ctx.reportDir, report);
  return { report, parts: parts.map((p) => p.replace(/\.json$/, '')) };
}

/** Drift that fails the run: errors and warnings no known-drift entry covers. Notes (`info`) never do. */
export function unexpectedDrift(report: DriftReport, known: KnownDriftEntry[]): DriftEntry[] {
  return report.entries.filter((e) => e.severity !== 'info' && knownEntryFor(e, known) === undefined);
}

/**
 * Known-drift entries nothing in this run matched: fixed upstream or in
 * cinder, or the entry is wrong. Entries marked `sometimes` may go unmatched.
 */
export function staleKnownDrift(report: DriftReport, known: KnownDriftEntry[]): KnownDriftEntry[] {
  return known.filter((k) => k.sometimes === undefined && !report.entries.some((e) => knownEntryFor(e, [k]) !== undefined));
}

export interface SectionRow {
  section: string;
  title: string;
  operations: number;
  tested: number;
  passed: number;
  drifted: number;
  knownEntries: number;
  newEntries: number;
  notes: number;
}

interface ModelOperation {
  id: string;
  method: string;
  path: string;
  title: string;
  section: string;
}

/**
 * Per section: how many operations the conformance suite tested (at least one
 * test ran), how many passed (every test that ran passed; known drift does
 * not fail a test), and how many drifted (at least one error or warning in
 * the report, known or not, from the suite or the lifecycle tests).
 */
export function sectionSummary(ctx: CinderRealContext, report: DriftReport, known: KnownDriftEntry[], sections: string[]): SectionRow[] {
  const model = JSON.parse(readFileSync(join(ctx.genDir, 'model.json'), 'utf8')) as { operations: ModelOperation[]; sections: { id: string; title: string }[] };
  const outcomes: TestOutcome[] = readOutcomes(ctx.reportDir) ?? [];
  return sections.map((section) => {
    const ops = model.operations.filter((o) => o.section === section);
    const row: SectionRow = {
      section,
      title: model.sections.find((s) => s.id === section)?.title ?? section,
      operations: ops.length,
      tested: 0,
      passed: 0,
      drifted: 0,
      knownEntries: 0,
      newEntries: 0,
      notes: 0,
    };
    for (const op of ops) {
      const mine = outcomes.filter((o) => o.describe === `${op.method} ${op.path} — ${op.title}`);
      const ran = mine.filter((o) => o.state === 'pass' || o.state === 'fail');
      if (ran.length > 0) row.tested++;
      if (ran.length > 0 && ran.every((o) => o.state === 'pass')) row.passed++;
      const entries = report.entries.filter((e) => e.operation === op.id);
      if (entries.some((e) => e.severity !== 'info')) row.drifted++;
      for (const e of entries) {
        if (e.severity === 'info') row.notes++;
        else if (knownEntryFor(e, known)) row.knownEntries++;
        else row.newEntries++;
      }
    }
    return row;
  });
}

/** The compact table printed at the end of the run (and kept as summary.md). */
export function renderSummary(rows: SectionRow[], report: DriftReport, ctx: CinderRealContext): string {
  const header = ['section', 'operations', 'tested', 'passed', 'drifted', 'known drift', 'new drift', 'notes'];
  const body = rows.map((r) => [r.title, r.operations, r.tested, r.passed, r.drifted, r.knownEntries, r.newEntries, r.notes].map(String));
  const total = (k: keyof SectionRow): string => String(rows.reduce((n, r) => n + (r[k] as number), 0));
  body.push(['total', total('operations'), total('tested'), total('passed'), total('drifted'), total('knownEntries'), total('newEntries'), total('notes')]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? `${'-'.repeat(w + 1)}-` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [
    `Drift: upstream api-ref (${ctx.apiTitle}) against cinder ${ctx.cinderVersion} at microversion ${ctx.serverMicroversion}`,
    line(header),
    rule,
    ...body.map(line),
    `Drift entries in the report: ${report.summary.total} (${report.summary.errors} errors, ${report.summary.warnings} warnings, ${report.summary.infos} notes); report: ${join(ctx.reportDir, 'drift.md')}`,
  ].join('\n');
}

export function writeSummary(ctx: CinderRealContext, text: string): void {
  writeFileSync(join(ctx.reportDir, 'summary.md'), `${text}\n`);
}
