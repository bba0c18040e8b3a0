import type { ApiModel, Operation, Section } from '../../model/ir.ts';
import { singular, typeNameFrom } from '../types/ts-text.ts';

/**
 * How the client's methods are grouped and named.
 *
 * Groups are the reference's sections (top-level headings), in document
 * order: the section `volume-actions` becomes `client.volumeActions`, a class
 * `VolumeActionsApi`. Sections are how the reference itself organises the API,
 * so the client reads like the documentation, and they are stable ids.
 *
 * Within a group a method is the operation id without the words the section
 * already says: `createAttachment` in `attachments` is `attachments.create`,
 * `listAttachmentsWithDetails` is `attachments.listWithDetails`. Articles and a
 * trailing preposition left over go too (`addSecurityGroupToServer` in
 * `servers-run-an-action` is `addSecurityGroup`), and so do words that only point
 * at the object (`listAllVolumeTypes` in `volume-types` is `volumeTypes.list`). Paginated lists also get
 * `<name>Pages` and `<name>All` (`<name>Items` when the name ends in All).
 * When stripping leaves nothing, or
 * a name another method of the group already has, the full operation id is used.
 */
export interface ClientGroup {
  section: Section | undefined;
  /** The property on the client (`attachments`). */
  property: string;
  /** The group's class (`AttachmentsApi`). */
  className: string;
  methods: ClientMethod[];
}

export interface ClientMethod {
  op: Operation;
  name: string;
  /** For paginated lists: the page and item iterators. */
  pagesName?: string;
  allName?: string;
}

/** Articles, and the `s` an id keeps of a possessive (`showAVolumeSDetails`). */
const ARTICLES = new Set(['a', 'an', 'the', 's']);
const TRAILING = new Set(['for', 'of', 'to', 'from', 'with', 'in', 'on', 'by', 'into', 'and', 'or', 'at']);
/**
 * Words that only point at the object the section already names: "Show details of
 * specific API version" is `apiVersions.showDetails`. ("List all volume types" is
 * `volumeTypes.list`, leaving `listAll` to the item iterator: see READ_VERBS.)
 */
const FILLER = new Set(['specific', 'given', 'particular', 'existing']);
/** "All" is filler for reads only: `deleteAllTags` must not become `tags.delete`. */
const READ_VERBS = new Set(['list', 'show', 'get']);
/** Member names that a class cannot use as they are. */
const SPECIAL_MEMBERS = new Set(['constructor', 'prototype', '__proto__']);

export function groupOperations(model: ApiModel, paginated: (op: Operation) => boolean): ClientGroup[] {
  const sections = new Map(model.sections.map((s) => [s.id, s] as const));
  const bySection = new Map<string, Operation[]>();
  for (const op of model.operations) {
    const key = op.section || 'operations';
    const list = bySection.get(key);
    if (list) list.push(op);
    else bySection.set(key, [op]);
  }
  const usedProperties = new Set<string>();
  const usedClasses = new Set<string>();
  const groups: ClientGroup[] = [];
  for (const [sectionId, ops] of bySection) {
    const groupWords = sectionWords(sectionId);
    const property = unique(memberName(camel(groupWords) || 'operations'), usedProperties);
    // `os-trust-api` is `OsTrustApi`, not `OsTrustApiApi`.
    const base = typeNameFrom(groupWords || sectionId, 'Operations');
    const className = unique(/Api$/.test(base) ? base : `${base}Api`, usedClasses);
    const taken = new Set<string>();
    const methods = ops.map((op) => {
      const name = unique(memberName(shortName(op.id, sectionId)), taken, memberName(op.id));
      const m: ClientMethod = { op, name };
      if (paginated(op)) {
        m.pagesName = unique(`${name}Pages`, taken);
        m.allName = unique(/All$/.test(name) ? `${name}Items` : `${name}All`, taken);
      }
      return m;
    });
    groups.push({ section: sections.get(sectionId), property, className, methods });
  }
  return groups;
}

/** A section id without its articles (`servers-run-an-action` -> `servers-run-action`): group names read as names. */
function sectionWords(sectionId: string): string {
  const words = sectionId.split('-').filter((w) => w !== '');
  const kept = words.filter((w) => !['a', 'an', 'the'].includes(w.toLowerCase()));
  return (kept.length > 0 ? kept : words).join('-');
}

/** camelCase words of an id (`volume-actions` -> `volumeActions`). */
function camel(id: string): string {
  const words = id.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const joined = words.map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1))).join('');
  return /^[0-9]/.test(joined) ? `_${joined}` : joined;
}

function shortName(opId: string, sectionId: string): string {
  const sectionWords = new Set<string>();
  for (const w of sectionId.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean)) {
    sectionWords.add(w);
    sectionWords.add(singular(w));
  }
  const words = opId.match(/[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])/g) ?? [];
  const read = READ_VERBS.has((words[0] ?? '').toLowerCase());
  const keptAt = words.flatMap((w, i) => {
    const lower = w.toLowerCase();
    const filler = FILLER.has(lower) || (read && lower === 'all');
    return !sectionWords.has(lower) && !sectionWords.has(singular(lower)) && !ARTICLES.has(lower) && !filler ? [i] : [];
  });
  // Words taken from between two connectors leave a name that reads as nonsense
  // ("disable scheduling for and log…"): the full id says it better.
  const isConnector = (i: number): boolean => TRAILING.has(words[i]!.toLowerCase());
  for (let k = 1; k < keptAt.length; k++) {
    if (keptAt[k]! - keptAt[k - 1]! > 1 && isConnector(keptAt[k - 1]!) && isConnector(keptAt[k]!)) return opId;
  }
  const kept = keptAt.map((i) => words[i]!);
  while (kept.length > 1 && TRAILING.has(kept[kept.length - 1]!.toLowerCase())) kept.pop();
  if (kept.length === 0 || kept.length === words.length) return opId;
  return camel(kept.join('-'));
}

/** A class member name: identifier characters only, and not one a class treats specially. */
export function memberName(raw: string): string {
  let name = raw.replace(/[^A-Za-z0-9_$]/g, '');
  if (name === '') name = 'operation';
  if (/^[0-9]/.test(name)) name = `_${name}`;
  return SPECIAL_MEMBERS.has(name) ? `${name}_` : name;
}

/** `base` if free, else `fallback` if given and free, else `base2`, `base3`…; records the one returned. */
function unique(base: string, used: Set<string>, fallback?: string): string {
  let name = base;
  if (used.has(name) && fallback !== undefined) name = fallback;
  for (let n = 2; used.has(name); n++) name = `${base}${n}`;
  used.add(name);
  return name;
}
