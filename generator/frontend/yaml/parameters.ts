import { parseDocument, LineCounter, isMap, isScalar, isAlias, isSeq, type Document, type YAMLMap, type Node } from 'yaml';
import type { Diagnostics } from '../../diagnostics.ts';
import type { JsonSchema, ParameterLocation, SourceLocation } from '../../model/ir.ts';
import { mapType } from './types.ts';

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

/** Damerau-free edit distance, small strings only: enough to spot `requried`. */
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

/** A scalar's text as written: versions must stay strings (`2.10` is not `2.1`). */
function scalarSource(node: Node | null | undefined, doc: Document): string | undefined {
  const n = isAlias(node) ? node.resolve(doc) : node;
  if (!isScalar(n)) return undefined;
  if (typeof n.source === 'string' && typeof n.value !== 'string') return n.source;
  return n.value === null || n.value === undefined ? undefined : String(n.value);
}

/** The fields of an entry, with `<<:` merges applied (explicit keys win over merged ones). */
function entryFields(map: YAMLMap, doc: Document, depth = 0): Map<string, Node | null> {
  const fields = new Map<string, Node | null>();
  const merged: Map<string, Node | null>[] = [];
  for (const pair of map.items) {
    const keyNode = pair.key as Node | null;
    const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
    const value = pair.value as Node | null;
    if (key === '<<' || (isScalar(keyNode) && typeof keyNode.value === 'symbol')) {
      const targets = isSeq(value) ? value.items : [value];
      for (const t of targets) {
        const resolved = isAlias(t) ? t.resolve(doc) : t;
        if (isMap(resolved) && depth < 16) merged.push(entryFields(resolved, doc, depth + 1));
      }
      continue;
    }
    fields.set(key, value);
  }
  for (const m of merged) for (const [k, v] of m) if (!fields.has(k)) fields.set(k, v);
  return fields;
}

export function loadParameterFile(text: string, file: string, diags: Diagnostics): ParameterFile {
  const result: ParameterFile = { file, defs: new Map(), order: [] };
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, merge: true, uniqueKeys: false, prettyErrors: false });
  const lineOf = (offset: number | undefined): number => (offset === undefined ? 1 : lineCounter.linePos(offset).line);
  for (const err of doc.errors) {
    diags.error('APIREF-YAML-SYNTAX', `invalid YAML: ${err.message.split('\n')[0]}`, { file, line: lineOf(err.pos[0]) });
  }
  if (doc.contents === null || (isMap(doc.contents) && doc.contents.items.length === 0)) {
    diags.warn('APIREF-PARAMS-EMPTY', 'parameters file is empty', { file, line: 1 });
    return result;
  }
  if (!isMap(doc.contents)) {
    diags.error('APIREF-PARAMS-INVALID', 'parameters file is not a mapping of lookup keys', { file, line: 1 });
    return result;
  }
  for (const pair of doc.contents.items) {
    const keyNode = pair.key as Node | null;
    const key = isScalar(keyNode) ? String(keyNode.value) : '';
    const at = { file, line: lineOf(keyNode?.range?.[0]) };
    if (!key) continue;
    const valueNode = isAlias(pair.value) ? pair.value.resolve(doc) : (pair.value as Node | null);
    if (!isMap(valueNode)) {
      diags.error('APIREF-PARAM-INVALID', `invalid parameter definition for ${key}: not a mapping`, at);
      continue;
    }
    if (result.defs.has(key)) diags.warn('APIREF-PARAM-DUPLICATE', `lookup key ${key} is defined twice; the last one wins`, at);
    const fields = entryFields(valueNode, doc);
    for (const name of fields.keys()) {
      if (KNOWN_FIELDS.includes(name)) continue;
      const close = closeField(name);
      if (close) diags.warn('APIREF-PARAM-MISSPELT', `${key}: field "${name}" looks like a misspelling of "${close}"`, at);
      else diags.info('APIREF-PARAM-UNKNOWN-FIELD', `${key}: unknown field "${name}"`, at);
    }
    const get = (name: string): string | undefined => {
      const direct = scalarSource(fields.get(name), doc);
      if (direct !== undefined) return direct;
      // A misspelt field still carries the author's intent: read it, having warned above.
      for (const [k, v] of fields) if (!KNOWN_FIELDS.includes(k) && closeField(k) === name) return scalarSource(v, doc);
      return undefined;
    };
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
      description: get('description')?.trim() ?? '',
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
