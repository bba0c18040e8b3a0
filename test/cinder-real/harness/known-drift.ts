import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';

/**
 * test/cinder-real/known-drift.yaml: the differences between upstream's
 * api-ref and the real cinder that we know of and accept, each with its reason
 * and evidence. The file is reviewed by people, so it is YAML and strict:
 * every entry names what it matches (the drift report's operation, check,
 * kind and location), why, and where upstream says otherwise (`file:line`
 * inside the corpus's cinder folder, checked to exist) and/or what the
 * server answered. A bug of apiref's never belongs here.
 *
 * `operation` and `location` may be lists: the entry then stands for every
 * combination (one field that is null in every volume answer, say).
 * `sometimes: <why>` marks drift that depends on timing; only such entries
 * may go unmatched in a run.
 */

export interface KnownDriftEntry {
  /** A short stable name (`volumes/description-null`), used in messages. */
  id: string;
  operations: string[];
  check?: string;
  kind: string;
  locations: string[];
  reason: string;
  upstream?: string;
  server?: string;
  /**
   * Why the drift may not show in every run (a race with cinder's own
   * services): such an entry is not reported stale when nothing matched it.
   */
  sometimes?: string;
  /** The line of the entry in the YAML file. */
  line: number;
}

/** The generated suite's known-drift matcher lines (its `KnownDrift`): omitted fields match anything. */
export interface KnownDriftLine {
  operation: string;
  check?: string;
  kind: string;
  location: string;
  reason: string;
}

export class KnownDriftError extends Error {
  override name = 'KnownDriftError';
}

const KEYS = new Set(['id', 'operation', 'check', 'kind', 'location', 'reason', 'evidence', 'sometimes']);
const EVIDENCE_KEYS = new Set(['upstream', 'server']);
/** `api-ref/source/v3/parameters.yaml:1071`, relative to the corpus's cinder folder. */
const UPSTREAM_REF = /(?<file>[\w./-]+\.(?:rst|inc|yaml|json|py)):(?<line>\d+)/g;

/**
 * Reads and checks the file. `cinderDir` is the corpus's cinder folder: each
 * `evidence.upstream` must name an existing file and a line inside it.
 */
export function loadKnownDrift(file: string, cinderDir: string): KnownDriftEntry[] {
  const text = readFileSync(file, 'utf8');
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    throw new KnownDriftError(`${file}:${lines.linePos(e.pos[0]).line}: ${e.message.split('\n')[0]}`);
  }
  const root = doc.contents;
  const items = root && 'items' in root && Array.isArray(root.items) ? root.items : undefined;
  if (!items) throw new KnownDriftError(`${file}:1: expected a list of entries`);
  const seen = new Set<string>();
  return items.map((node: unknown) => {
    const range = (node as { range?: [number, number, number] }).range;
    const line = range ? lines.linePos(range[0]).line : 1;
    const where = `${file}:${line}`;
    const value = (node as { toJSON?: () => unknown }).toJSON?.();
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new KnownDriftError(`${where}: an entry must be a mapping`);
    const entry = value as Record<string, unknown>;
    for (const k of Object.keys(entry)) if (!KEYS.has(k)) throw new KnownDriftError(`${where}: unknown key "${k}" (allowed: ${[...KEYS].join(', ')})`);
    const str = (k: string, required: boolean): string | undefined => {
      const v = entry[k];
      if (v === undefined && !required) return undefined;
      if (typeof v !== 'string' || v.trim() === '') throw new KnownDriftError(`${where}: "${k}" must be a non-empty string`);
      return v.trim();
    };
    const list = (k: string): string[] => {
      const v = entry[k];
      const arr = Array.isArray(v) ? v : [v];
      if (arr.length === 0 || arr.some((x) => typeof x !== 'string' || x.trim() === '')) throw new KnownDriftError(`${where}: "${k}" must be a string or a list of strings`);
      return (arr as string[]).map((x) => x.trim());
    };
    const id = str('id', true)!;
    if (seen.has(id)) throw new KnownDriftError(`${where}: duplicate id "${id}"`);
    seen.add(id);
    const evidence = entry['evidence'];
    if (typeof evidence !== 'object' || evidence === null || Array.isArray(evidence)) {
      throw new KnownDriftError(`${where}: "${id}" needs evidence: {upstream: <file>:<line> in the cinder corpus, server: <what cinder answered>}`);
    }
    const ev = evidence as Record<string, unknown>;
    for (const k of Object.keys(ev)) if (!EVIDENCE_KEYS.has(k)) throw new KnownDriftError(`${where}: unknown evidence key "${k}" (allowed: upstream, server)`);
    const out: KnownDriftEntry = {
      id,
      operations: list('operation'),
      kind: str('kind', true)!,
      locations: list('location'),
      reason: str('reason', true)!,
      line,
    };
    const check = str('check', false);
    if (check !== undefined) out.check = check;
    const sometimes = str('sometimes', false);
    if (sometimes !== undefined) out.sometimes = sometimes;
    for (const k of ['upstream', 'server'] as const) {
      const v = ev[k];
      if (v === undefined) continue;
      if (typeof v !== 'string' || v.trim() === '') throw new KnownDriftError(`${where}: evidence.${k} must be a non-empty string`);
      out[k] = v.trim();
    }
    if (out.upstream === undefined && out.server === undefined) throw new KnownDriftError(`${where}: "${id}": evidence needs upstream and/or server`);
    if (out.upstream !== undefined) checkUpstreamRef(out.upstream, cinderDir, where);
    return out;
  });
}

/**
 * Every `file:line` in the evidence must point into the corpus: at least one,
 * each an existing file with that many lines. Text around them is free.
 */
function checkUpstreamRef(text: string, cinderDir: string, where: string): void {
  const refs = [...text.matchAll(UPSTREAM_REF)];
  if (refs.length === 0) throw new KnownDriftError(`${where}: evidence.upstream names no <file>:<line> (e.g. api-ref/source/v3/parameters.yaml:1071)`);
  for (const m of refs) {
    const file = join(cinderDir, m.groups!['file']!);
    if (!existsSync(file)) throw new KnownDriftError(`${where}: evidence.upstream ${m[0]}: no such file in ${cinderDir}`);
    const count = readFileSync(file, 'utf8').split('\n').length;
    const line = Number(m.groups!['line']);
    if (line < 1 || line > count) throw new KnownDriftError(`${where}: evidence.upstream ${m[0]}: the file has ${count} lines`);
  }
}

/** The lines the generated suite matches drift against (APIREF_KNOWN_DRIFT). */
export function matcherLines(entries: KnownDriftEntry[]): KnownDriftLine[] {
  return entries.flatMap((e) =>
    e.operations.flatMap((operation) =>
      e.locations.map((location) => {
        const line: KnownDriftLine = { operation, kind: e.kind, location, reason: `${e.id}: ${e.reason}` };
        if (e.check !== undefined) line.check = e.check;
        return line;
      }),
    ),
  );
}

/** A drift report entry, as far as matching needs it. */
export interface DriftKey {
  operation: string;
  check: string;
  kind: string;
  location: string;
}

/** The known entry that covers `d`, if any. */
export function knownEntryFor(d: DriftKey, entries: KnownDriftEntry[]): KnownDriftEntry | undefined {
  return entries.find(
    (e) => e.operations.includes(d.operation) && e.kind === d.kind && e.locations.includes(d.location) && (e.check === undefined || e.check === d.check),
  );
}
