import jsyaml from 'js-yaml';
import type { Diagnostics } from '../../diagnostics.ts';
import type { JsonSchema, ParameterLocation, SourceLocation } from '../../model/ir.ts';
import { mapType } from './types.ts';
import { scanBlocks, newScanState } from '../rst/blocks.ts';
import { blocksToMarkdown } from '../rst/prose.ts';

/** Parameter descriptions are RST too (``literal``, lists, notes): the model carries Markdown. */
function rstToMarkdown(text: string, at: SourceLocation): string {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  // Plain sentences, the common case, need no block scan: only markup does.
  if (!/[`*|]|\w_\b|^\s*\.\.\s|::\s*$/m.test(trimmed)) return trimmed;
  const lines = trimmed.split('\n').map((t, i) => ({ text: t.trimEnd(), file: at.file, line: at.line + i }));
  return blocksToMarkdown(scanBlocks(lines, newScanState(), false));
}

/** One lookup key of a parameters.yaml file, as written. */
export interface ParameterDefinition {
  key: string;
  in?: ParameterLocation | string;
  required: boolean;
  /** The `type` exactly as written. */
  type?: string;
  schema: JsonSchema;
  description: string;
  minVersion?: string;
  maxVersion?: string;
  deprecated?: boolean;
  source: SourceLocation;
}

export interface ParameterFile {
  file: string;
  defs: Map<string, ParameterDefinition>;
  /** Lookup keys in file order, for the ordering checks. */
  order: string[];
}

const KNOWN_FIELDS = ['in', 'required', 'type', 'description', 'min_version', 'max_version', 'deprecated', 'format'];
const LOCATIONS = new Set(['path', 'query', 'header', 'body']);

/**
 * YAML's failsafe schema reads every scalar as the string written, which is
 * what a parameters file needs: `min_version: 2.10` must stay "2.10" (a float
 * would make it 2.1), and booleans are read by `parseBool` below. `<<:` merge
 * keys (nova chains them) are added to it. js-yaml rather than the `yaml`
 * package here: it reads the corpus' 800 KB of parameter files about ten times
 * faster, which is most of the 1 s budget for building every corpus model.
 */
const { merge } = (jsyaml as unknown as { types: { merge: jsyaml.Type } }).types;
const SCHEMA = jsyaml.FAILSAFE_SCHEMA.extend({ implicit: [merge] });

/** Edit distance for short strings: enough to spot `requried` or `descripition`. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return d[a.length]![b.length]!;
}

function closeField(name: string): string | undefined {
  const sorted = [...name].sort().join('');
  return KNOWN_FIELDS.find((k) => editDistance(k, name) <= 2 || [...k].sort().join('') === sorted);
}

/** The line of each top-level key, from the text (js-yaml does not keep positions). */
function topLevelKeyLines(text: string): { key: string; line: number }[] {
  const out: { key: string; line: number }[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^(?:"((?:[^"\\]|\\.)*)"|'((?:[^']|'')*)'|([^\s#'"](?:[^:]|:(?!\s|$))*?))\s*:(?:\s|$)/.exec(lines[i]!);
    if (m) out.push({ key: m[1] ?? m[2]?.replace(/''/g, "'") ?? m[3]!, line: i + 1 });
  }
  return out;
}

function asText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : undefined;
}

export function loadParameterFile(text: string, file: string, diags: Diagnostics): ParameterFile {
  const result: ParameterFile = { file, defs: new Map(), order: [] };
  let doc: unknown;
  try {
    // `json: true` lets a duplicated key override instead of throwing; duplicates are reported below.
    doc = jsyaml.load(text, { schema: SCHEMA, json: true, filename: file });
  } catch (err) {
    const mark = (err as { mark?: { line?: number } }).mark;
    const reason = (err as { reason?: string }).reason ?? String(err);
    diags.error('APIREF-YAML-SYNTAX', `invalid YAML: ${reason}`, { file, line: (mark?.line ?? 0) + 1 });
    return result;
  }
  if (doc === undefined || doc === null || (typeof doc === 'object' && Object.keys(doc).length === 0) || doc === '') {
    diags.warn('APIREF-PARAMS-EMPTY', 'parameters file is empty', { file, line: 1 });
    return result;
  }
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    diags.error('APIREF-PARAMS-INVALID', 'parameters file is not a mapping of lookup keys', { file, line: 1 });
    return result;
  }
  const entries = doc as Record<string, unknown>;
  const seen = new Set<string>();
  const lineOfKey = new Map<string, number>();
  for (const { key, line } of topLevelKeyLines(text)) {
    if (seen.has(key)) diags.warn('APIREF-PARAM-DUPLICATE', `lookup key ${key} is defined twice; the last one wins`, { file, line });
    seen.add(key);
    lineOfKey.set(key, line);
  }
  const keysInOrder = [...lineOfKey.keys()].filter((k) => k in entries);
  for (const k of Object.keys(entries)) if (!lineOfKey.has(k)) keysInOrder.push(k);
  for (const key of keysInOrder) {
    const at = { file, line: lineOfKey.get(key) ?? 1 };
    const value = entries[key];
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      diags.error('APIREF-PARAM-INVALID', `invalid parameter definition for ${key}: not a mapping`, at);
      continue;
    }
    const fields = value as Record<string, unknown>;
    // A misspelt field still carries the author's intent: it is read (the first one, for
    // each field it stands for) where the right spelling is absent, having been reported.
    const misspelt = new Map<string, unknown>();
    for (const name of Object.keys(fields)) {
      if (KNOWN_FIELDS.includes(name)) continue;
      const close = closeField(name);
      if (close) {
        diags.warn('APIREF-PARAM-MISSPELT', `${key}: field "${name}" looks like a misspelling of "${close}"`, at);
        if (!misspelt.has(close)) misspelt.set(close, fields[name]);
      } else diags.info('APIREF-PARAM-UNKNOWN-FIELD', `${key}: unknown field "${name}"`, at);
    }
    const get = (name: string): string | undefined => asText(fields[name]) ?? (misspelt.has(name) ? asText(misspelt.get(name)) : undefined);
    const type = get('type');
    const location = get('in');
    const requiredText = get('required');
    const mapped = mapType(type);
    if (type === undefined) diags.warn('APIREF-PARAM-NO-TYPE', `${key}: no type`, at);
    else if (!mapped.known) diags.warn('APIREF-TYPE-UNMAPPED', `${key}: type "${type}" has no JSON Schema mapping; left open`, at);
    if (location === undefined) diags.warn('APIREF-PARAM-NO-IN', `${key}: no "in"`, at);
    else if (!LOCATIONS.has(location)) diags.warn('APIREF-PARAM-INVALID-IN', `${key}: invalid "in: ${location}" (expected header, path, query or body)`, at);
    const required = parseBool(requiredText);
    if (requiredText !== undefined && required === undefined) {
      diags.warn('APIREF-PARAM-INVALID-REQUIRED', `${key}: "required: ${requiredText}" is not true or false`, at);
    }
    const def: ParameterDefinition = {
      key,
      required: required ?? false,
      schema: mapped.schema,
      description: rstToMarkdown(get('description') ?? '', at),
      source: at,
    };
    if (location !== undefined) def.in = location;
    if (type !== undefined) def.type = type;
    const min = get('min_version');
    const max = get('max_version');
    if (min !== undefined) def.minVersion = normalizeVersion(min);
    if (max !== undefined) def.maxVersion = normalizeVersion(max);
    if (parseBool(get('deprecated')) === true) def.deprecated = true;
    result.defs.set(key, def);
    result.order.push(key);
  }
  return result;
}

function parseBool(text: string | undefined): boolean | undefined {
  if (text === undefined) return undefined;
  const t = text.trim().toLowerCase();
  if (['true', 'yes', 'on', '1'].includes(t)) return true;
  if (['false', 'no', 'off', '0'].includes(t)) return false;
  return undefined;
}

export function normalizeVersion(v: string): string {
  return v.trim().replace(/^v/i, '');
}
