import type { SourceLocation, VersionNote } from '../model/ir.ts';
import { normalizeVersion } from './yaml/parameters.ts';

/**
 * Microversion statements in prose, in the forms real api-refs use:
 *   "Available starting in the 3.27 microversion."
 *   "New in version 2.47", "Starting from microversion 2.23", "since v3.31",
 *   "Added in microversion 2.12", "microversion 2.38 or later", "Removed in version 2.36"
 * Each pattern names the version it states in group 1.
 */
const MIN_PATTERNS: RegExp[] = [
  /\bavailable\s+(?:starting\s+(?:in|with|from)|since|from|in|as\s+of)\s+(?:the\s+)?(?:micro-?version\s+|api\s+version\s+|version\s+)?v?(\d+\.\d+)/i,
  /\bnew\s+in\s+(?:micro-?version|version)\s+v?(\d+\.\d+)/i,
  /\b(?:starting|beginning)\s+(?:from|with|in)\s+(?:the\s+)?(?:micro-?version|version|api\s+version)\s+v?(\d+\.\d+)/i,
  /\b(?:added|introduced)\s+(?:in|as\s+of|with|since)\s+(?:the\s+)?(?:micro-?version|version)\s+v?(\d+\.\d+)/i,
  /\b(?:micro-?version|version)\s+v?(\d+\.\d+)\s+(?:or|and)\s+(?:later|above|greater|higher|newer)/i,
];
/**
 * "Since v3.31 …" marks a change of behaviour from that version on, not a lower
 * bound: the seed says "Lists all attachments, since v3.31 if non-admin users
 * specify invalid filters…" of an operation that exists before 3.31.
 */
const CHANGED_PATTERNS: RegExp[] = [
  /\bsince\s+(?:micro-?version\s+)?v?(\d+\.\d+)/i,
  /\b(?:changed|modified)\s+in\s+(?:the\s+)?(?:micro-?version|version)\s+v?(\d+\.\d+)/i,
];
const MAX_PATTERNS: RegExp[] = [
  /\b(?:removed|deprecated|obsoleted)\s+(?:in|as\s+of|since|from|with|after)\s+(?:the\s+)?(?:micro-?version|version)\s+v?(\d+\.\d+)/i,
  /\bavailable\s+(?:only\s+)?(?:up\s+to|until|through|before)\s+(?:the\s+)?(?:micro-?version|version)\s+v?(\d+\.\d+)/i,
];

/**
 * Reads the first statement of each kind from a paragraph of prose. Only the
 * first counts: a paragraph that goes on to say "since v3.31 the filters …"
 * describes a change in behaviour, not the operation's lower bound.
 */
export function proseVersions(text: string, at: SourceLocation): VersionNote[] {
  const notes: VersionNote[] = [];
  const flat = text.replace(/\s+/g, ' ');
  const min = firstMatch(flat, MIN_PATTERNS);
  if (min) notes.push({ kind: 'min', version: normalizeVersion(min.version), via: 'prose', text: min.text, source: at });
  const max = firstMatch(flat, MAX_PATTERNS);
  if (max) notes.push({ kind: 'max', version: normalizeVersion(max.version), via: 'prose', text: max.text, source: at });
  const changed = firstMatch(flat, CHANGED_PATTERNS);
  if (changed && changed.index !== min?.index) notes.push({ kind: 'changed', version: normalizeVersion(changed.version), via: 'prose', text: changed.text, source: at });
  return notes;
}

function firstMatch(text: string, patterns: RegExp[]): { version: string; text: string; index: number } | undefined {
  let best: { version: string; text: string; index: number } | undefined;
  for (const p of patterns) {
    const m = p.exec(text);
    if (m && (best === undefined || m.index < best.index)) best = { version: m[1]!, text: m[0], index: m.index };
  }
  return best;
}
