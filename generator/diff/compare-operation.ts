import type { Body, Operation, ResponseCode } from '../model/ir.ts';
import { compareVersions } from '../model/version.ts';
import { gate, isNewMicroversion, makeChange, sameProse, type Change, type ChangeDraft, type DiffContext } from './change.ts';
import { compareFields, type FieldScope, type Role } from './compare-fields.ts';
import { bodyFields, parameterFields } from './fields.ts';
import type { RuleId } from './rules.ts';
import { compareTypes, describeType } from './types.ts';

/** `POST /v3/{project_id}/attachments/{attachment_id}/action (os-complete)`. */
export function operationLabel(op: Operation): string {
  const query = op.fixedQuery ? `?${op.fixedQuery}` : '';
  return `${op.method} ${op.path}${query}${op.action ? ` (${op.action})` : ''}`;
}

/** Everything that differs between two versions of one operation. */
export function compareOperation(old: Operation, now: Operation, ctx: DiffContext): Change[] {
  const label = operationLabel(now);
  const make = (draft: Omit<ChangeDraft, 'operation' | 'operationId'>): Change => {
    const c = makeChange({ ...draft, operation: label, operationId: now.id });
    c.oldSource ??= old.source;
    c.newSource ??= now.source;
    return c;
  };
  const changes: Change[] = [];

  // Identity: what matching let through (pairs made by id across a path or method change).
  if (old.method !== now.method) changes.push(make({ rule: 'operation-method-changed', message: `method changed: ${old.method} -> ${now.method}` }));
  if (normalizePath(old.path) !== normalizePath(now.path) || old.fixedQuery !== now.fixedQuery) {
    changes.push(make({ rule: 'operation-path-changed', message: `path changed: ${old.path}${old.fixedQuery ? `?${old.fixedQuery}` : ''} -> ${now.path}${now.fixedQuery ? `?${now.fixedQuery}` : ''}` }));
  }
  if ((old.action ?? '') !== (now.action ?? '')) changes.push(make({ rule: 'operation-action-changed', message: `action changed: ${old.action ?? 'none'} -> ${now.action ?? 'none'}` }));
  if (old.id !== now.id) changes.push(make({ rule: 'operation-id-changed', message: `operation id changed: ${old.id} -> ${now.id} (title "${old.title}" -> "${now.title}"); generated method names change` }));
  else if (old.title !== now.title) changes.push(make({ rule: 'description-changed', subject: 'title', message: `title edited: "${old.title}" -> "${now.title}"` }));

  changes.push(...compareOperationVersions(old, now, ctx, make));
  if (!old.deprecated && now.deprecated) changes.push(make({ rule: 'operation-deprecated', message: `operation deprecated${now.maxVersion ? ` (last microversion ${now.maxVersion})` : ''}` }));
  if (!sameProse(old.description, now.description)) changes.push(make({ rule: 'description-changed', subject: 'description', message: 'operation description edited' }));

  changes.push(...comparePathParameters(old, now, make));
  const scope = (role: Role, location: string, noun: string): FieldScope => ({ role, location, noun, operation: label, operationId: now.id, ctx });
  changes.push(...compareFields(parameterFields(old.parameters.query, false), parameterFields(now.parameters.query, false), scope('request', 'query', 'query parameter')));
  changes.push(...compareFields(parameterFields(old.parameters.header, true), parameterFields(now.parameters.header, true), scope('request', 'header', 'request header')));
  changes.push(...compareBodies(old.request, now.request, scope('request', 'request body', 'request body field'), make));
  changes.push(...compareResponseCodes(old.responses, now.responses, ctx, make));
  changes.push(...compareFields(parameterFields(old.responseHeaders, true), parameterFields(now.responseHeaders, true), scope('response', 'response header', 'response header')));
  changes.push(...compareBodies(old.response, now.response, scope('response', 'response body', 'response body field'), make));
  return changes;
}

type Make = (draft: Omit<ChangeDraft, 'operation' | 'operationId'>) => Change;

/** Path templates compared by shape: parameters are positional, their names do not travel. */
export function normalizePath(path: string): string {
  return path.replace(/\{[^}]*\}/g, '{}').replace(/\/+$/, '') || '/';
}

function compareOperationVersions(old: Operation, now: Operation, ctx: DiffContext, make: Make): Change[] {
  const out: Change[] = [];
  const minCmp = compareVersions(now.minVersion ?? '0.0', old.minVersion ?? '0.0');
  const from = (v: string | undefined): string => v ?? 'none';
  if (minCmp > 0) out.push(make({ rule: 'operation-min-version-raised', message: `minimum microversion raised: ${from(old.minVersion)} -> ${from(now.minVersion)}`, ...since(now.minVersion) }));
  if (minCmp < 0) out.push(make({ rule: 'operation-min-version-lowered', message: `minimum microversion lowered: ${from(old.minVersion)} -> ${from(now.minVersion)}`, ...since(now.minVersion) }));
  // No maximum means "still there at the latest version".
  const maxCmp = old.maxVersion === now.maxVersion ? 0 : now.maxVersion === undefined ? 1 : old.maxVersion === undefined ? -1 : compareVersions(now.maxVersion, old.maxVersion);
  if (maxCmp < 0) {
    const c = make({ rule: 'operation-max-version-lowered', message: `maximum microversion lowered: ${old.maxVersion ?? 'none'} -> ${now.maxVersion ?? 'none'}` });
    // Removed only after a version the old document never reached: nobody pinned to it loses anything.
    if (now.maxVersion !== undefined && (ctx.oldMaxVersion === undefined || compareVersions(now.maxVersion, ctx.oldMaxVersion) >= 0)) {
      c.clients = 'non-breaking';
      c.note = `still available up to ${now.maxVersion}, which covers every version the old document knew`;
    }
    out.push(c);
  }
  if (maxCmp > 0) {
    const c = make({ rule: 'operation-max-version-raised', message: `maximum microversion raised: ${old.maxVersion ?? 'none'} -> ${now.maxVersion ?? 'none'}` });
    // Kept alive only in versions an old server never advertises: it is not asked for them.
    if (old.maxVersion !== undefined && isNewMicroversion(nextAfter(old.maxVersion), ctx)) {
      c.servers = 'non-breaking';
      c.note = `the versions it gains are all above every version the old document knew`;
    }
    out.push(c);
  }
  return out;
}

/** The microversion right after `v` (`3.44` -> `3.45`). */
function nextAfter(v: string): string {
  const [major, minor] = v.split('.');
  return `${major}.${Number(minor) + 1}`;
}

function since(v: string | undefined): { since?: string } {
  return v === undefined ? {} : { since: v };
}

function comparePathParameters(old: Operation, now: Operation, make: Make): Change[] {
  const out: Change[] = [];
  const oldNames = pathNames(old.path);
  const newNames = pathNames(now.path);
  const n = Math.min(oldNames.length, newNames.length);
  for (let i = 0; i < n; i++) {
    const before = old.parameters.path.find((p) => p.name === oldNames[i]);
    const after = now.parameters.path.find((p) => p.name === newNames[i]);
    if (oldNames[i] !== newNames[i]) {
      out.push(make({ rule: 'path-parameter-renamed', location: 'path', subject: newNames[i]!, message: `path parameter ${i + 1} renamed: {${oldNames[i]}} -> {${newNames[i]}}` }));
    }
    if (!before || !after) continue;
    const pair = (rule: RuleId, message: string): Change => {
      const c = make({ rule, location: 'path', subject: after.name, message });
      c.oldSource = before.source;
      c.newSource = after.source;
      return c;
    };
    const relation = compareTypes(before.schema, after.schema);
    if (relation !== 'same') {
      const rule: RuleId = relation === 'narrowed' ? 'request-field-type-narrowed' : relation === 'widened' ? 'request-field-type-widened' : 'request-field-type-changed';
      out.push(pair(rule, `path parameter "${after.name}" type ${relation}: ${describeType(before.schema)} -> ${describeType(after.schema)}`));
    }
    if (before.key && after.key && before.key !== after.key) out.push(pair('lookup-key-renamed', `path parameter "${after.name}" lookup key renamed: ${before.key} -> ${after.key}`));
    if (before.description && after.description && !sameProse(before.description, after.description)) {
      out.push(pair('description-changed', `path parameter "${after.name}" description edited`));
    }
  }
  return out;
}

function pathNames(path: string): string[] {
  return [...path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]!);
}

/** A body present on one side only is one change; present on both, its envelope and fields are compared. */
function compareBodies(old: Body | undefined, now: Body | undefined, scope: FieldScope, make: Make): Change[] {
  const { role, location } = scope;
  if (!old && !now) return [];
  if (!old || !now) {
    const added = !old;
    const body = (now ?? old)!;
    const rule: RuleId = role === 'request' ? (added ? 'request-body-added' : 'request-body-removed') : added ? 'response-body-added' : 'response-body-removed';
    const fields = [...bodyFields(body).values()].filter((f) => f.parent === '');
    const required = fields.filter((f) => f.required && !f.inferred).map((f) => f.display);
    const envelope = body.envelope ? ` "${body.envelope}"` : '';
    const c = make({ rule, location, message: `${location}${envelope} ${added ? 'added' : 'removed'}${required.length > 0 ? ` (required: ${required.join(', ')})` : ''}` });
    if (rule === 'request-body-added' && required.length > 0) {
      c.clients = 'breaking';
      c.note = 'it has required fields that old clients do not send';
    }
    if (rule === 'response-body-added' && required.length === 0 && fields.length > 0 && fields.every((f) => f.inferred)) {
      c.servers = 'non-breaking';
      c.note = 'its fields are known only from samples';
    }
    return [c];
  }
  const out: Change[] = [];
  if ((old.envelope ?? '') !== (now.envelope ?? '')) {
    out.push(make({ rule: 'envelope-changed', location, message: `${location} envelope changed: ${old.envelope ?? 'none'} -> ${now.envelope ?? 'none'}` }));
  }
  out.push(...compareFields(bodyFields(old), bodyFields(now), scope));
  return out;
}

/**
 * Success codes are a contract (clients branch on them); error codes document
 * failures a client handles generically anyway.
 */
function compareResponseCodes(old: ResponseCode[], now: ResponseCode[], ctx: DiffContext, make: Make): Change[] {
  const out: Change[] = [];
  const codes = (list: ResponseCode[], kind: ResponseCode['kind']): Map<number, ResponseCode> => {
    const m = new Map<number, ResponseCode>();
    for (const r of list) if (r.kind === kind && !m.has(r.status)) m.set(r.status, r);
    return m;
  };
  const describe = (m: Map<number, ResponseCode>): string => [...m.keys()].join(', ') || 'none';
  const oldOk = codes(old, 'success');
  const newOk = codes(now, 'success');
  const addedOk = [...newOk.values()].filter((r) => !oldOk.has(r.status));
  const removedOk = [...oldOk.values()].filter((r) => !newOk.has(r.status));
  const withSource = (c: Change, before: ResponseCode | undefined, after: ResponseCode | undefined): Change => {
    if (before) c.oldSource = before.source;
    if (after) c.newSource = after.source;
    return c;
  };
  if (addedOk.length > 0 && removedOk.length > 0) {
    out.push(withSource(make({ rule: 'success-code-changed', location: 'responses', subject: addedOk.map((r) => r.status).join(', '), message: `success code changed: ${describe(oldOk)} -> ${describe(newOk)}` }), removedOk[0], addedOk[0]));
  } else {
    for (const r of addedOk) {
      out.push(gate(withSource(make({ rule: 'success-code-added', location: 'responses', subject: String(r.status), message: `success code ${r.status} added (was ${describe(oldOk)})` }), undefined, r), r.minVersion, ctx));
    }
    for (const r of removedOk) {
      out.push(withSource(make({ rule: 'success-code-removed', location: 'responses', subject: String(r.status), message: `success code ${r.status} removed (now ${describe(newOk)})` }), r, undefined));
    }
  }
  const oldErr = codes(old, 'error');
  const newErr = codes(now, 'error');
  for (const r of newErr.values()) {
    if (oldErr.has(r.status)) continue;
    out.push(gate(withSource(make({ rule: 'error-code-added', location: 'responses', subject: String(r.status), message: `error code ${r.status}${r.name ? ` (${r.name})` : ''} documented` }), undefined, r), r.minVersion, ctx));
  }
  for (const r of oldErr.values()) {
    if (newErr.has(r.status)) continue;
    out.push(withSource(make({ rule: 'error-code-removed', location: 'responses', subject: String(r.status), message: `error code ${r.status}${r.name ? ` (${r.name})` : ''} no longer documented` }), r, undefined));
  }
  return out;
}
