/**
 * Drift: every place where a server's answer differs from its API reference
 * (undocumented fields, documented fields missing, other status codes, other
 * envelopes). A conformance run collects entries here; at the end each test
 * file writes its part and the merged report is rewritten as `drift.json`
 * and `drift.md`, so a team sees the differences at a glance.
 *
 * This module depends on nothing but Node, so other tools (a run against a
 * live cloud with a checked-in known-drift file) can use it on its own:
 *
 *   const known = loadKnownDrift('known-drift.json');
 *   const report = buildDriftReport({ api: 'Cinder', entries, known });
 *   writeDriftReport('out/', report);  // exit non-zero if report.summary.new > 0
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type DriftKind =
  /** A status the spec does not document for this request (or not the expected error status). */
  | 'status'
  /** A documented field is absent (required ones are errors, optional ones notes). */
  | 'missing-field'
  /** The answer carries a field the spec does not document. */
  | 'undocumented-field'
  /** A field's value breaks its documented type, enum or other rule. */
  | 'type'
  /** A value breaks a documented `format` (date-time, uuid): reported, never failed, as api-refs name formats loosely. */
  | 'format'
  /** A value differs from the shape apiref inferred from the spec's own sample (not a documented rule). */
  | 'sample-shape'
  /** The success body is not wrapped in the documented envelope. */
  | 'envelope'
  /** The answer has a body the spec does not document, or lacks one it does. */
  | 'body'
  /** An error answer is not `{"<name>": {"code": N, "message": "…"}}`. */
  | 'error-envelope'
  /** An error envelope's key differs from OpenStack's conventional one. */
  | 'error-name'
  /** A documented response header is absent. */
  | 'header'
  /** The answer contradicts the suite's own bookkeeping (a listing that misses the created resource). */
  | 'behaviour';

/** `error` entries fail their test (unless known); `warning` and `info` are only reported. */
export type DriftSeverity = 'error' | 'warning' | 'info';

export interface DriftEntry {
  /** The operation id (`showAttachmentDetails`). */
  operation: string;
  /** `METHOD path`, for readers. */
  endpoint: string;
  /** The check that saw it: `positive`, `unknown-id`, `missing-field`, `malformed-json`, `below-min-version`, `unsupported-version`, `gone-after-delete`. */
  check: string;
  kind: DriftKind;
  /** A generic JSON path (`$.attachments[*].status`), a header name, or `status`. */
  location: string;
  expected: string;
  actual: string;
  severity: DriftSeverity;
  /** One readable sentence with the concrete path. */
  message: string;
  /** How many times it was seen in the run (entries are merged by operation, check, kind and location). */
  count?: number;
  /** Set by `buildDriftReport` when a known-drift file lists the entry. */
  known?: boolean;
}

/** One line of a known-drift file: which drift is expected, and why. Omitted fields match anything. */
export interface KnownDrift {
  operation?: string;
  check?: string;
  kind?: DriftKind;
  location?: string;
  reason?: string;
}

export interface DriftReport {
  api: string;
  target?: string;
  microversion?: string;
  summary: { total: number; errors: number; warnings: number; infos: number; known: number; new: number; resolved: number };
  entries: DriftEntry[];
  /** Known-drift lines that nothing in this run matched: fixed upstream, or the file is stale. */
  resolved: KnownDrift[];
}

const SEVERITY_ORDER: Record<DriftSeverity, number> = { error: 0, warning: 1, info: 2 };

function entryKey(e: DriftEntry): string {
  return JSON.stringify([e.operation, e.check, e.kind, e.location]);
}

export function matchesKnown(entry: DriftEntry, known: KnownDrift): boolean {
  return (
    (known.operation === undefined || known.operation === entry.operation) &&
    (known.check === undefined || known.check === entry.check) &&
    (known.kind === undefined || known.kind === entry.kind) &&
    (known.location === undefined || known.location === entry.location)
  );
}

/** Collects entries, merging repeats (same operation, check, kind and location) into a count. */
export class DriftCollector {
  private readonly byKey = new Map<string, DriftEntry>();

  add(entry: DriftEntry): void {
    const key = entryKey(entry);
    const seen = this.byKey.get(key);
    if (seen) seen.count = (seen.count ?? 1) + (entry.count ?? 1);
    else this.byKey.set(key, { ...entry, count: entry.count ?? 1 });
  }

  addAll(entries: Iterable<DriftEntry>): void {
    for (const e of entries) this.add(e);
  }

  entries(): DriftEntry[] {
    return sortEntries([...this.byKey.values()]);
  }
}

/** A stable order: severity, then endpoint, check, kind, location. */
export function sortEntries(entries: DriftEntry[]): DriftEntry[] {
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return [...entries].sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      cmp(a.endpoint, b.endpoint) ||
      cmp(a.operation, b.operation) ||
      cmp(a.check, b.check) ||
      cmp(a.kind, b.kind) ||
      cmp(a.location, b.location),
  );
}

/** Reads a known-drift file: a JSON array of `KnownDrift`, or `{"entries": [...]}`. Throws with the file name on bad input. */
export function loadKnownDrift(file: string): KnownDrift[] {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`known-drift file ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const list = Array.isArray(doc) ? doc : typeof doc === 'object' && doc !== null && Array.isArray((doc as { entries?: unknown }).entries) ? (doc as { entries: unknown[] }).entries : undefined;
  if (!list) throw new Error(`known-drift file ${file}: expected a JSON array of entries or {"entries": [...]}`);
  return list.map((item, i) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new Error(`known-drift file ${file}: entry ${i} is not an object`);
    const out: KnownDrift = {};
    for (const key of ['operation', 'check', 'kind', 'location', 'reason'] as const) {
      const v = (item as Record<string, unknown>)[key];
      if (v === undefined) continue;
      if (typeof v !== 'string') throw new Error(`known-drift file ${file}: entry ${i}: "${key}" must be a string`);
      (out as Record<string, string>)[key] = v;
    }
    return out;
  });
}

/** Marks entries as known or new against a known-drift list and lists the known lines nothing matched. */
export function buildDriftReport(input: { api: string; target?: string; microversion?: string; entries: DriftEntry[]; known?: KnownDrift[] }): DriftReport {
  const known = input.known ?? [];
  const used = new Set<number>();
  const entries = sortEntries(input.entries).map((e) => {
    const i = known.findIndex((k) => matchesKnown(e, k));
    if (i < 0) return { ...e, known: false };
    used.add(i);
    return { ...e, known: true };
  });
  const resolved = known.filter((_, i) => !used.has(i));
  const count = (s: DriftSeverity): number => entries.filter((e) => e.severity === s).length;
  const report: DriftReport = {
    api: input.api,
    summary: {
      total: entries.length,
      errors: count('error'),
      warnings: count('warning'),
      infos: count('info'),
      known: entries.filter((e) => e.known).length,
      new: entries.filter((e) => !e.known && e.severity === 'error').length,
      resolved: resolved.length,
    },
    entries,
    resolved,
  };
  if (input.target !== undefined) report.target = input.target;
  if (input.microversion !== undefined) report.microversion = input.microversion;
  return report;
}

/** Markdown table cells: pipes and line breaks would break the table. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/`/g, "'");
}

export function renderDriftMarkdown(report: DriftReport): string {
  const lines: string[] = [];
  lines.push(`# API drift: ${cell(report.api)}`, '');
  if (report.target !== undefined) lines.push(`Target: \`${cell(report.target)}\`${report.microversion !== undefined ? `, microversion ${cell(report.microversion)}` : ''}`, '');
  const s = report.summary;
  lines.push(`| errors | warnings | notes | known | new errors | resolved known |`, `|---:|---:|---:|---:|---:|---:|`);
  lines.push(`| ${s.errors} | ${s.warnings} | ${s.infos} | ${s.known} | ${s.new} | ${s.resolved} |`, '');
  if (report.entries.length === 0) lines.push('No drift: every answer matched the spec.', '');
  const byEndpoint = new Map<string, DriftEntry[]>();
  for (const e of report.entries) {
    const list = byEndpoint.get(e.endpoint) ?? [];
    list.push(e);
    byEndpoint.set(e.endpoint, list);
  }
  for (const endpoint of [...byEndpoint.keys()].sort()) {
    const list = byEndpoint.get(endpoint)!;
    lines.push(`## ${cell(endpoint)} (${cell(list[0]!.operation)})`, '');
    lines.push('| severity | check | kind | where | expected | actual | seen | known |', '|---|---|---|---|---|---|---:|---|');
    for (const e of list) {
      lines.push(`| ${e.severity} | ${cell(e.check)} | ${e.kind} | \`${cell(e.location)}\` | ${cell(e.expected)} | ${cell(e.actual)} | ${e.count ?? 1} | ${e.known ? 'yes' : 'no'} |`);
    }
    lines.push('');
  }
  if (report.resolved.length > 0) {
    lines.push('## Known drift not seen in this run', '');
    for (const k of report.resolved) {
      lines.push(`- ${cell([k.operation, k.check, k.kind, k.location].filter((x) => x !== undefined).join(' / '))}${k.reason !== undefined ? `: ${cell(k.reason)}` : ''}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

/** Writes `drift.json` and `drift.md` into `dir` (each via a rename, so readers never see half a file). */
export function writeDriftReport(dir: string, report: DriftReport): void {
  mkdirSync(dir, { recursive: true });
  atomicWrite(join(dir, 'drift.json'), `${JSON.stringify(report, null, 2)}\n`);
  atomicWrite(join(dir, 'drift.md'), renderDriftMarkdown(report));
}

function atomicWrite(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

/** The folder where test files leave their part of a run's report. */
export function partsDir(dir: string): string {
  return join(dir, 'parts');
}

/** Forgets the parts of an earlier run (called once per run, from the suite's global setup). */
export function resetDriftParts(dir: string): void {
  rmSync(partsDir(dir), { recursive: true, force: true });
}

interface DriftPart {
  api: string;
  target?: string;
  microversion?: string;
  entries: DriftEntry[];
}

/**
 * Saves one test file's entries, then rewrites the merged report from every
 * part present. Each file writes its part before merging, so the file that
 * finishes last always writes the complete report.
 */
export function writeDriftPart(dir: string, name: string, part: DriftPart, known?: KnownDrift[]): DriftReport {
  mkdirSync(partsDir(dir), { recursive: true });
  atomicWrite(join(partsDir(dir), `${name.replace(/[^A-Za-z0-9_.-]/g, '_')}.json`), `${JSON.stringify(part, null, 2)}\n`);
  const collector = new DriftCollector();
  let meta: DriftPart = part;
  for (const f of readdirSync(partsDir(dir)).filter((n) => n.endsWith('.json')).sort()) {
    const p = JSON.parse(readFileSync(join(partsDir(dir), f), 'utf8')) as DriftPart;
    collector.addAll(p.entries);
    meta = p;
  }
  const input: Parameters<typeof buildDriftReport>[0] = { api: meta.api, entries: collector.entries() };
  if (meta.target !== undefined) input.target = meta.target;
  if (meta.microversion !== undefined) input.microversion = meta.microversion;
  if (known !== undefined) input.known = known;
  const report = buildDriftReport(input);
  writeDriftReport(dir, report);
  return report;
}

export function hasDriftReport(dir: string): boolean {
  return existsSync(join(dir, 'drift.json'));
}
