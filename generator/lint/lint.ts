import { buildSpec } from '../model/build.ts';
import type { Severity } from '../model/ir.ts';
import type { Finding, LintContext } from './context.ts';
import { RULES } from './rules/index.ts';

export interface LintOptions {
  /** Paths in findings are relative to this directory (default: the working directory). */
  pathBase?: string;
  /** Follow `toctree` entries (default true). */
  followToctree?: boolean;
}

export interface LintResult {
  /** The entry as the model shows it. */
  entry: string;
  operations: number;
  findings: Finding[];
  counts: Record<Severity, number>;
}

/** Reads a spec and runs every rule; findings are sorted by file, line and code, each said once. */
export function lintSpec(entry: string, options: LintOptions = {}): LintResult {
  const pathBase = options.pathBase ?? process.cwd();
  const { model, trace } = buildSpec(entry, { pathBase, ...(options.followToctree === false ? { followToctree: false } : {}) });
  const ctx: LintContext = { model, trace, pathBase };
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const rule of RULES) {
    for (const f of rule(ctx)) {
      const key = `${f.severity}|${f.code}|${f.file}|${f.line}|${f.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      findings.push(f);
    }
  }
  findings.sort(compareFindings);
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return { entry: model.api.entry, operations: model.operations.length, findings, counts };
}

function compareFindings(a: Finding, b: Finding): number {
  return cmp(a.file, b.file) || a.line - b.line || cmp(a.code, b.code) || cmp(a.message, b.message);
}

/** Code-unit order, not locale order: the same bytes on every machine. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Counts by code, most frequent first (for summaries and the corpus report). */
export function countByCode(findings: Finding[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.code, (counts.get(f.code) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || cmp(a[0], b[0]));
}
