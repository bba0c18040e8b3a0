import type { ApiModel, Operation } from '../model/ir.ts';
import { gate, makeChange, type Change, type DiffContext } from './change.ts';
import { compareOperation, normalizePath, operationLabel } from './compare-operation.ts';
import type { Impact } from './rules.ts';

export interface DiffResult {
  old: DocumentSummary;
  new: DocumentSummary;
  changes: Change[];
}

export interface DocumentSummary {
  /** What the user named (`spec`, `git:HEAD~1:spec`). */
  input: string;
  title: string;
  operations: number;
  minVersion?: string;
  maxVersion?: string;
}

/**
 * The key operations are matched by across versions: method, path shape
 * (parameters by position, so `{id}` -> `{attachment_id}` is the same path),
 * fixed query and action. Never the id: titles get edited.
 */
export function matchKey(op: Operation): string {
  return `${op.method} ${normalizePath(op.path)}${op.fixedQuery ? `?${op.fixedQuery}` : ''} #${op.action ?? ''}`;
}

/** Pairs the operations of two models: by match key first, then leftovers that kept their id (a moved path or a changed method). */
export function matchOperations(old: Operation[], now: Operation[]): { pairs: [Operation, Operation][]; removed: Operation[]; added: Operation[] } {
  const byKey = new Map<string, Operation[]>();
  for (const op of now) {
    const list = byKey.get(matchKey(op)) ?? [];
    list.push(op);
    byKey.set(matchKey(op), list);
  }
  const pairs: [Operation, Operation][] = [];
  const taken = new Set<Operation>();
  const unmatched: Operation[] = [];
  for (const op of old) {
    // The same key twice (one path documented per microversion range) pairs in document order.
    const candidate = byKey.get(matchKey(op))?.find((n) => !taken.has(n));
    if (candidate) {
      taken.add(candidate);
      pairs.push([op, candidate]);
    } else unmatched.push(op);
  }
  const removed: Operation[] = [];
  for (const op of unmatched) {
    const twin = now.find((n) => !taken.has(n) && n.id === op.id);
    if (twin) {
      taken.add(twin);
      pairs.push([op, twin]);
    } else removed.push(op);
  }
  const added = now.filter((n) => !taken.has(n));
  return { pairs, removed, added };
}

/** Every change between two models, in the new document's order (removals last, in the old one's). */
export function diffModels(old: ApiModel, now: ApiModel, inputs: { old: string; new: string } = { old: 'old', new: 'new' }): DiffResult {
  const ctx: DiffContext = { oldMaxVersion: old.api.maxVersion };
  const { pairs, removed, added } = matchOperations(old.operations, now.operations);
  const perOperation = new Map<Operation, Change[]>();
  for (const [before, after] of pairs) perOperation.set(after, compareOperation(before, after, ctx));
  for (const op of added) {
    const c = makeChange({ rule: 'operation-added', operation: operationLabel(op), operationId: op.id, message: `operation added: ${op.title}`, newSource: op.source });
    perOperation.set(op, [gate(c, op.minVersion, ctx)]);
  }
  const changes: Change[] = [];
  for (const op of now.operations) changes.push(...(perOperation.get(op) ?? []));
  for (const op of removed) {
    changes.push(makeChange({ rule: 'operation-removed', operation: operationLabel(op), operationId: op.id, message: `operation removed: ${op.title}`, oldSource: op.source }));
  }
  return { old: summarize(old, inputs.old), new: summarize(now, inputs.new), changes };
}

function summarize(model: ApiModel, input: string): DocumentSummary {
  const s: DocumentSummary = { input, title: model.api.title, operations: model.operations.length };
  if (model.api.minVersion) s.minVersion = model.api.minVersion;
  if (model.api.maxVersion) s.maxVersion = model.api.maxVersion;
  return s;
}

/** Whose point of view decides what fails: `clients` (the default), `servers`, or `both`. */
export type Audience = 'clients' | 'servers' | 'both';
export type FailOn = 'breaking' | 'any';

export function isBreaking(c: Change, audience: Audience): boolean {
  const b = (i: Impact): boolean => i === 'breaking';
  return audience === 'clients' ? b(c.clients) : audience === 'servers' ? b(c.servers) : b(c.clients) || b(c.servers);
}

/** The changes that make `apiref diff` exit 1. */
export function failingChanges(result: DiffResult, failOn: FailOn, audience: Audience): Change[] {
  return failOn === 'any' ? result.changes : result.changes.filter((c) => isBreaking(c, audience));
}
