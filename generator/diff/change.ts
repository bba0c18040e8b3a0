import type { SourceLocation } from '../model/ir.ts';
import { compareVersions } from '../model/version.ts';
import { ruleDefinition, type Impact, type RuleId } from './rules.ts';

/** One difference between two models, classified for each side. */
export interface Change {
  rule: RuleId;
  /** `METHOD /path` (plus the action) of the operation, as the new document writes it (the old one for removals). */
  operation?: string;
  operationId?: string;
  /** Where in the operation: `request body`, `query`, `header`, `path`, `response body`, `response header`, `responses`. */
  location?: string;
  /** The field, parameter or status code concerned (`attachment.connector.mode`, `volume_id`, `409`). */
  subject?: string;
  message: string;
  clients: Impact;
  servers: Impact;
  /** The microversion the change comes with, when it has one. */
  since?: string;
  /** Why this instance is classified differently from its rule's default. */
  note?: string;
  /** Where the old and the new document state it. */
  oldSource?: SourceLocation;
  newSource?: SourceLocation;
}

/** What every comparison needs to know about the two documents as a whole. */
export interface DiffContext {
  /** The highest microversion the old document mentions, if any. */
  oldMaxVersion: string | undefined;
}

/**
 * A microversion the old document did not know: one above every version it
 * mentions (any version, when it mentions none). Clients of the old document
 * are pinned at or below its versions, so they never see what comes with it,
 * and an old server never advertises it, so new clients do not ask for it.
 */
export function isNewMicroversion(version: string | undefined, ctx: DiffContext): version is string {
  if (version === undefined) return false;
  return ctx.oldMaxVersion === undefined || compareVersions(version, ctx.oldMaxVersion) > 0;
}

export type ChangeDraft = Omit<Change, 'clients' | 'servers'> & Partial<Pick<Change, 'clients' | 'servers'>>;

/** A change with its rule's default classification (unless the draft overrides it). */
export function makeChange(draft: ChangeDraft): Change {
  const def = ruleDefinition(draft.rule);
  return { ...draft, clients: draft.clients ?? def.clients, servers: draft.servers ?? def.servers };
}

/**
 * The microversion gate: a change that comes only with a new microversion breaks
 * neither side, since neither side of the old document reaches that version.
 * Reported with the version all the same.
 */
export function gate(change: Change, version: string | undefined, ctx: DiffContext): Change {
  if (version === undefined) return change;
  change.since = version;
  if (isNewMicroversion(version, ctx) && (change.clients === 'breaking' || change.servers === 'breaking')) {
    change.clients = 'non-breaking';
    change.servers = 'non-breaking';
    change.note = `only from microversion ${version}, above every version the old document knew: clients pinned below it and servers that do not advertise it are unaffected`;
  }
  return change;
}

/** Prose compared loosely: rewrapping a paragraph is not an edit. */
export function sameProse(a: string | undefined, b: string | undefined): boolean {
  const norm = (s: string | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim();
  return norm(a) === norm(b);
}
