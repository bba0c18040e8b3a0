import type { SourceLocation, VersionNote } from '../model/ir.ts';
import { normalizeVersion } from './yaml/parameters.ts';

/** A line of prose with where it came from (the shape of the RST reader's lines). */
export interface ProseLine {
  text: string;
  file: string;
  line: number;
}

/**
 * How a statement relates a version to what it talks about:
 * - `available`: it says something became available ("Available starting in the
 *   3.27 microversion", "New in version 2.47", "Added in microversion 2.12"); it bounds
 *   the operation when its subject is the operation, or when it has none of its own.
 * - `when`: it only dates the rest of its sentence ("Starting from microversion 2.59, the
 *   response is sorted …", "microversion 2.65 or greater"); it bounds the operation
 *   only when that sentence says the API itself is available or required.
 * - `changed`: a change of behaviour from that version on ("since v3.31 …").
 * - `removed`: the end of what its subject is ("Removed in version 2.36"); "deprecated in
 *   …" is a `changed` note, since a deprecated operation still answers.
 */
type StatementKind = 'available' | 'when' | 'changed' | 'removed';

/** An optional ``literal`` around the version: "Available since API microversion ``3.40``". */
const V = String.raw`\`{0,2}v?(\d+\.\d+)\`{0,2}`;
const WORD = String.raw`(?:the\s+)?(?:rest\s+)?(?:api\s+)?(?:micro-?version|version)`;
/** The same, any of it left out: "Available starting in the 3.27 microversion". */
const MAYBE_WORD = String.raw`(?:the\s+)?(?:(?:rest\s+)?(?:api\s+)?(?:micro-?version|version)\s+)?`;

/** Each pattern names the version it states in group 1. */
const STATEMENTS: { kind: StatementKind; re: RegExp }[] = [
  { kind: 'available', re: new RegExp(String.raw`\bavailable\s+(?:starting\s+(?:in|with|from)|since|from|in|as\s+of)\s+${MAYBE_WORD}${V}`, 'gi') },
  { kind: 'available', re: new RegExp(String.raw`\bnew\s+in\s+${WORD}\s+${V}`, 'gi') },
  { kind: 'available', re: new RegExp(String.raw`\b(?:added|introduced)\s+(?:in|as\s+of|with|since)\s+${WORD}\s+${V}`, 'gi') },
  { kind: 'when', re: new RegExp(String.raw`\b(?:starting|beginning)\s+(?:from|with|in)\s+${WORD}\s+${V}`, 'gi') },
  { kind: 'when', re: new RegExp(String.raw`\b(?:micro-?version|version)\s+${V}\s+(?:or|and)\s+(?:later|above|greater|higher|newer)`, 'gi') },
  // "Since v3.31 …" marks a change of behaviour from that version on, not a lower
  // bound: the seed says "Lists all attachments, since v3.31 if non-admin users
  // specify invalid filters…" of an operation that exists before 3.31.
  { kind: 'changed', re: new RegExp(String.raw`\bsince\s+(?:micro-?version\s+)?${V}`, 'gi') },
  { kind: 'changed', re: new RegExp(String.raw`\b(?:changed|modified)\s+in\s+${WORD}\s+${V}`, 'gi') },
  // Deprecated is not gone: nova's console actions "deprecated in microversion 2.5" still answer.
  { kind: 'changed', re: new RegExp(String.raw`\bdeprecated\s+(?:in|as\s+of|since|from|with|after|starting\s+(?:in|with|from))\s+${WORD}\s+${V}`, 'gi') },
  { kind: 'removed', re: new RegExp(String.raw`\b(?:removed|obsoleted)\s+(?:in|as\s+of|since|from|with|after)\s+${WORD}\s+${V}`, 'gi') },
  { kind: 'removed', re: new RegExp(String.raw`\bavailable\s+(?:only\s+)?(?:up\s+to|until|through|before)\s+${WORD}\s+${V}`, 'gi') },
];

/** Words that make the operation itself the subject: "This API is …", "Action ``force-down`` …". */
const OPERATION_NOUN = /\b(?:api|operation|call|method|action|endpoint|extension)s?\b/i;
/**
 * What makes something else the subject: a ``literal`` (a parameter, a value, a filter)
 * or a word for a part of a request or response.
 */
const ITEM_SUBJECT = /`|\b(?:parameter|field|attribute|key|option|header|property|properties|flag|value|response|body)s?\b/i;
/** A `when` sentence that says the operation itself exists from then on. */
const OPERATION_AVAILABLE = [
  /\b(?:this|the)\s+(?:api|operation|call|method|action|endpoint|extension)\s+(?:is|was|becomes|has\s+been)\s+(?:only\s+)?(?:now\s+)?(?:available|supported|usable|added|introduced|enabled)\b/i,
  /\b(?:is|are)\s+required\s+(?:for|to\s+use)\s+(?:this|the)\s+(?:api|operation|call|method|action|endpoint|extension)\b/i,
  /^\W*requires?\b/i,
];

/**
 * The version statements of a paragraph of an operation's (or a section's) prose,
 * each at the line it is written on. Text in list items describes an item (a filter,
 * a field), never the operation: its statements are `changed` notes. So is every
 * statement whose subject is something other than the operation.
 */
export function paragraphVersions(lines: ProseLine[]): VersionNote[] {
  const firstItem = lines.findIndex((l) => LIST_ITEM.test(l.text));
  if (firstItem < 0) return runVersions(lines, false);
  return [...runVersions(lines.slice(0, firstItem), false), ...runVersions(lines.slice(firstItem), true)];
}

/** A bulleted or enumerated list item: `- x`, `* x`, `1. x`, `#. x`, `(a) x`. */
const LIST_ITEM = /^\s*(?:[-*+•]|\d+[.)]|#\.|\(?[a-z0-9]\))\s+\S/i;

/** The statements of consecutive lines read as one text. */
function runVersions(lines: ProseLine[], inList: boolean): VersionNote[] {
  if (lines.length === 0) return [];
  // The flat text, and where each line starts in it, to say which line a statement is on.
  const starts: number[] = [];
  let flat = '';
  for (const l of lines) {
    starts.push(flat.length);
    flat += `${l.text.trim().replace(/\s+/g, ' ')} `;
  }
  const lineAt = (offset: number): ProseLine => lines[Math.max(0, upperBound(starts, offset) - 1)]!;
  return findStatements(flat).map((s) => {
    const where = lineAt(s.index);
    const kind = inList ? 'changed' : classify(s, flat);
    return { kind, version: normalizeVersion(s.version), via: 'prose', text: s.text, source: { file: where.file, line: where.line } };
  });
}

interface Statement {
  kind: StatementKind;
  version: string;
  text: string;
  index: number;
  end: number;
}

const HAS_VERSION = /\d\.\d/;

/** Every statement in the text, in order; where two overlap, the one that starts first. */
function findStatements(text: string): Statement[] {
  // Every statement names a MAJOR.MINOR version; most prose names none, and is not
  // worth the nine patterns below (they were a sixth of nova's model build).
  if (!HAS_VERSION.test(text)) return [];
  const all: Statement[] = [];
  for (const { kind, re } of STATEMENTS) {
    for (const m of text.matchAll(re)) all.push({ kind, version: m[1]!, text: m[0], index: m.index, end: m.index + m[0].length });
  }
  all.sort((a, b) => a.index - b.index || b.end - a.end);
  const kept: Statement[] = [];
  for (const s of all) if (kept.length === 0 || s.index >= kept[kept.length - 1]!.end) kept.push(s);
  return kept;
}

/** Whether a statement bounds the operation (`min`/`max`) or notes a change (`changed`). */
function classify(s: Statement, text: string): VersionNote['kind'] {
  if (s.kind === 'changed') return 'changed';
  const { before, after } = sentenceAround(text, s.index, s.end);
  if (s.kind === 'when') return OPERATION_AVAILABLE.some((re) => re.test(`${before} ${after}`) || re.test(before)) ? 'min' : 'changed';
  const bound = s.kind === 'available' ? 'min' : 'max';
  return subjectIsOperation(before) ? bound : 'changed';
}

/**
 * Whether the words before a statement leave the operation as its subject: none at all
 * ("Available starting in …"), a description of the operation ("Lists all resource
 * filters, available since …"), or a word for the operation that comes before anything
 * else could be the subject ("This API is available …", "Action ``force-down`` available
 * as of …", but not "The ``host`` parameter is available …"). A parenthesized statement
 * right after a ``literal`` ("``ip6`` (New in version 2.5)") is about that literal.
 */
function subjectIsOperation(before: string): boolean {
  const subject = before.replace(/^[\s*_]*(?:note:\s*)?/i, '');
  if (/`\s*\($/.test(subject)) return false;
  const operation = OPERATION_NOUN.exec(subject)?.index ?? Infinity;
  const item = ITEM_SUBJECT.exec(subject)?.index ?? Infinity;
  return item === Infinity || operation < item;
}

/** The text of the statement's sentence before and after it. */
function sentenceAround(text: string, start: number, end: number): { before: string; after: string } {
  const boundary = /[.!?]\s+(?=\S)/g;
  let from = 0;
  for (const m of text.slice(0, start).matchAll(boundary)) from = m.index + m[0].length;
  const rest = text.slice(end);
  const stop = /[.!?]\s/.exec(rest);
  return { before: text.slice(from, start), after: stop ? rest.slice(0, stop.index) : rest };
}

/** The number of sorted `starts` at or before `offset`. */
function upperBound(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
