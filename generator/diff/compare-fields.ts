import { compareVersions } from '../model/version.ts';
import { gate, makeChange, sameProse, type Change, type DiffContext } from './change.ts';
import type { FieldInfo } from './fields.ts';
import type { RuleId } from './rules.ts';
import { compareTypes, describeType } from './types.ts';

/** Which side of the exchange a set of fields travels on. */
export type Role = 'request' | 'response';

/** Where the fields sit, and the operation they belong to, for the messages. */
export interface FieldScope {
  role: Role;
  /** `request body`, `query`, `header`, `response body`, `response header`. */
  location: string;
  /** What one of them is called in messages: `request body field`, `query parameter`. */
  noun: string;
  operation: string;
  operationId: string;
  ctx: DiffContext;
}

const RULES: Record<Role, {
  added: RuleId;
  requiredAdded: RuleId;
  removed: RuleId;
  renamed: RuleId;
  madeRequired: RuleId;
  madeOptional: RuleId;
  changed: RuleId;
  narrowed: RuleId;
  widened: RuleId;
}> = {
  request: {
    added: 'request-field-added',
    requiredAdded: 'required-request-field-added',
    removed: 'request-field-removed',
    renamed: 'request-field-renamed',
    madeRequired: 'request-field-made-required',
    madeOptional: 'request-field-made-optional',
    changed: 'request-field-type-changed',
    narrowed: 'request-field-type-narrowed',
    widened: 'request-field-type-widened',
  },
  response: {
    added: 'response-field-added',
    requiredAdded: 'required-response-field-added',
    removed: 'response-field-removed',
    renamed: 'response-field-renamed',
    madeRequired: 'response-field-made-required',
    madeOptional: 'response-field-made-optional',
    changed: 'response-field-type-changed',
    narrowed: 'response-field-type-narrowed',
    widened: 'response-field-type-widened',
  },
};

/**
 * Compares two sets of fields (a body's, or one kind of parameter) matched by
 * wire path. Only the topmost field of a removed or added subtree is reported:
 * its members come and go with it.
 */
export function compareFields(before: Map<string, FieldInfo>, after: Map<string, FieldInfo>, scope: FieldScope): Change[] {
  const changes: Change[] = [];
  const topRemoved = [...before.values()].filter((f) => !after.has(f.key) && (f.parent === '' || after.has(f.parent)));
  const added = [...after.values()].filter((f) => !before.has(f.key) && (f.parent === '' || before.has(f.parent)));

  // A documented field that left and one that arrived beside it, with the same
  // lookup key (or the same description and type), are one field renamed.
  const renamedTo = new Map<string, FieldInfo>();
  for (const old of topRemoved) {
    if (old.inferred) continue;
    const twin = added.find((n) => !n.inferred && n.parent === old.parent && ![...renamedTo.values()].includes(n) && isSameField(old, n));
    if (twin) renamedTo.set(old.key, twin);
  }

  for (const old of topRemoved) {
    const twin = renamedTo.get(old.key);
    if (twin) {
      changes.push(change(scope, RULES[scope.role].renamed, twin, `${scope.noun} "${old.display}" renamed to "${twin.display}"`, old));
      continue;
    }
    if (old.inferred) {
      changes.push(change(scope, 'sample-field-changed', old, `${scope.noun} "${old.display}" (known only from a sample) is no longer in the model`, old, true));
      continue;
    }
    const c = change(scope, RULES[scope.role].removed, old, `${scope.noun} "${old.display}" removed`, old, true);
    if (scope.role === 'request' && old.required) {
      c.servers = 'breaking';
      c.note = 'it was required: an old server still rejects requests without it';
    }
    changes.push(c);
  }

  for (const field of added) {
    if ([...renamedTo.values()].includes(field)) continue;
    if (field.inferred) {
      changes.push(change(scope, 'sample-field-changed', field, `${scope.noun} "${field.display}" (known only from a sample, not documented) is now in the model`));
      continue;
    }
    const rule = field.required ? RULES[scope.role].requiredAdded : RULES[scope.role].added;
    const what = field.required ? 'required' : 'optional';
    changes.push(gate(change(scope, rule, field, `${what} ${scope.noun} "${field.display}" added`), field.minVersion, scope.ctx));
  }

  for (const old of before.values()) {
    const now = after.get(old.key);
    if (now) changes.push(...compareField(old, now, scope));
  }
  return changes;
}

function isSameField(a: FieldInfo, b: FieldInfo): boolean {
  if (a.lookupKey && a.lookupKey === b.lookupKey) return true;
  return !!a.description && sameProse(a.description, b.description) && compareTypes(a.schema, b.schema) === 'same';
}

/** The differences of one field present in both versions. */
function compareField(old: FieldInfo, now: FieldInfo, scope: FieldScope): Change[] {
  const out: Change[] = [];
  const rules = RULES[scope.role];
  const name = now.display;
  if (old.required !== now.required) {
    const c = now.required
      ? change(scope, rules.madeRequired, now, `${scope.noun} "${name}" is now required`, old)
      : change(scope, rules.madeOptional, now, `${scope.noun} "${name}" is now optional`, old);
    out.push(gate(c, now.minVersion !== old.minVersion ? now.minVersion : undefined, scope.ctx));
  }
  if (old.inferred !== now.inferred) {
    const what = now.inferred ? 'is no longer documented (only a sample shows it now)' : 'is now documented (only a sample showed it before)';
    out.push(change(scope, 'sample-field-changed', now, `${scope.noun} "${name}" ${what}`, old));
  }
  const relation = compareTypes(old.schema, now.schema);
  if (relation !== 'same' && (old.inferred || now.inferred)) {
    // A type guessed from a sample value (often `null`) is no contract to break.
    out.push(change(scope, 'sample-field-changed', now, `${scope.noun} "${name}" type as shown by the samples: ${describeType(old.schema)} -> ${describeType(now.schema)}`, old));
  } else if (relation !== 'same') {
    const rule = relation === 'narrowed' ? rules.narrowed : relation === 'widened' ? rules.widened : rules.changed;
    out.push(change(scope, rule, now, `${scope.noun} "${name}" type ${relation}: ${describeType(old.schema)} -> ${describeType(now.schema)}`, old));
  }
  // A field known only from a sample states no version: documenting one is news, not a raise.
  const cmp = old.inferred || now.inferred ? 0 : compareVersions(now.minVersion ?? '0.0', old.minVersion ?? '0.0');
  if (cmp > 0) out.push(change(scope, 'field-min-version-raised', now, `${scope.noun} "${name}" minimum microversion raised: ${old.minVersion ?? 'none'} -> ${now.minVersion ?? 'none'}`, old));
  if (cmp < 0) out.push(change(scope, 'field-min-version-lowered', now, `${scope.noun} "${name}" minimum microversion lowered: ${old.minVersion ?? 'none'} -> ${now.minVersion ?? 'none'}`, old));
  if (old.lookupKey && now.lookupKey && old.lookupKey !== now.lookupKey) {
    out.push(change(scope, 'lookup-key-renamed', now, `${scope.noun} "${name}" lookup key renamed: ${old.lookupKey} -> ${now.lookupKey}`, old));
  }
  if (old.description && now.description && !sameProse(old.description, now.description)) {
    out.push(change(scope, 'description-changed', now, `${scope.noun} "${name}" description edited`, old));
  }
  return out;
}

function change(scope: FieldScope, rule: RuleId, field: FieldInfo, message: string, old?: FieldInfo, oldOnly = false): Change {
  const c = makeChange({ rule, operation: scope.operation, operationId: scope.operationId, location: scope.location, subject: field.display, message });
  if (old?.source) c.oldSource = old.source;
  if (!oldOnly && field.source) c.newSource = field.source;
  return c;
}
