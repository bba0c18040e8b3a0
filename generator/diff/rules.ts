/**
 * Every kind of change `apiref diff` reports, with how it affects each side.
 *
 * "Clients" are programs written against the OLD document that now talk to a
 * server implementing the NEW one. "Servers" are implementations written
 * against the OLD document that are now judged against the NEW one (new
 * clients call them, regenerated conformance tests run against them). A change
 * is breaking for a side when a program of that side, unchanged, may now fail.
 * README.md beside this file explains each row.
 */

export type Impact = 'breaking' | 'non-breaking';

export interface RuleDefinition {
  id: RuleId;
  /** One line: what changed. */
  title: string;
  clients: Impact;
  servers: Impact;
  /** Why it is classified so (one sentence, shown by `--format markdown` legends and the README). */
  why: string;
}

const B: Impact = 'breaking';
const N: Impact = 'non-breaking';

function rule(id: RuleId, title: string, clients: Impact, servers: Impact, why: string): RuleDefinition {
  return { id, title, clients, servers, why };
}

export const RULE_IDS = [
  'operation-added',
  'operation-removed',
  'operation-path-changed',
  'operation-method-changed',
  'operation-action-changed',
  'operation-id-changed',
  'operation-deprecated',
  'operation-min-version-raised',
  'operation-min-version-lowered',
  'operation-max-version-lowered',
  'operation-max-version-raised',
  'path-parameter-renamed',
  'success-code-changed',
  'success-code-added',
  'success-code-removed',
  'error-code-added',
  'error-code-removed',
  'request-body-added',
  'request-body-removed',
  'response-body-added',
  'response-body-removed',
  'envelope-changed',
  'request-field-added',
  'required-request-field-added',
  'request-field-removed',
  'request-field-renamed',
  'request-field-made-required',
  'request-field-made-optional',
  'request-field-type-changed',
  'request-field-type-narrowed',
  'request-field-type-widened',
  'response-field-added',
  'required-response-field-added',
  'response-field-removed',
  'response-field-renamed',
  'response-field-made-required',
  'response-field-made-optional',
  'response-field-type-changed',
  'response-field-type-narrowed',
  'response-field-type-widened',
  'field-min-version-raised',
  'field-min-version-lowered',
  'sample-field-changed',
  'lookup-key-renamed',
  'description-changed',
] as const;

export type RuleId = (typeof RULE_IDS)[number];

const DEFINITIONS: RuleDefinition[] = [
  rule('operation-added', 'operation added', N, B, 'old clients never call it; an old server does not implement it'),
  rule('operation-removed', 'operation removed', B, N, 'old clients still call it; an old server serving it too does no harm'),
  rule('operation-path-changed', 'path changed', B, B, 'requests to the old path fail on a new server, and to the new path on an old one'),
  rule('operation-method-changed', 'HTTP method changed', B, B, 'the same request no longer reaches the operation on either side'),
  rule('operation-action-changed', 'action name changed', B, B, 'the action key in the body selects the operation; either side rejects the other key'),
  rule('operation-id-changed', 'operation id (title) changed', N, N, 'the wire is unchanged; generated method names follow the id, so code calling them must be renamed'),
  rule('operation-deprecated', 'operation deprecated', N, N, 'deprecation announces a future removal; nothing fails yet'),
  rule('operation-min-version-raised', 'minimum microversion raised', B, N, 'clients pinned between the old and the new minimum lose the operation'),
  rule('operation-min-version-lowered', 'minimum microversion lowered', N, B, 'new clients may call it at versions an old server does not route'),
  rule('operation-max-version-lowered', 'maximum microversion lowered (or set)', B, N, 'clients pinned above the new maximum lose the operation (not breaking when the maximum is a microversion the old document did not know)'),
  rule('operation-max-version-raised', 'maximum microversion raised (or removed)', N, B, 'new clients may call it at versions where an old server already dropped it'),
  rule('path-parameter-renamed', 'path parameter renamed', N, N, 'path parameters are positional on the wire; only generated argument names change'),
  rule('success-code-changed', 'success status code changed', B, B, 'old clients check for the old code; an old server still answers with it'),
  rule('success-code-added', 'success status code added', B, N, 'old clients do not expect the new code; an old server answering the old one is still right'),
  rule('success-code-removed', 'success status code removed', N, B, 'old clients accept the remaining codes; an old server may still answer with the removed one'),
  rule('error-code-added', 'error status code documented', N, N, 'clients handle undocumented errors generically already; servers are not obliged to produce every error'),
  rule('error-code-removed', 'error status code no longer documented', N, N, 'errors are failures either way; a client handles an undocumented error generically'),
  rule('request-body-added', 'request body added', N, B, 'breaking for clients when the body has required fields; an old server ignores or rejects the new body'),
  rule('request-body-removed', 'request body removed', B, N, 'old clients still send a body the new server may reject'),
  rule('response-body-added', 'response body added', N, B, 'old clients ignore a body they did not expect; an old server sends none'),
  rule('response-body-removed', 'response body removed', B, N, 'old clients read a body that no longer comes'),
  rule('envelope-changed', 'body envelope key changed', B, B, 'every field moves under another top-level key, for both sides'),
  rule('request-field-added', 'optional request field or parameter added', N, B, 'old clients need not send it; an old server does not understand it'),
  rule('required-request-field-added', 'required request field or parameter added', B, B, 'old clients do not send it; an old server does not understand it'),
  rule('request-field-removed', 'request field or parameter removed', B, N, 'old clients still send it and strict servers reject unknown fields; breaking for servers too when it was required there'),
  rule('request-field-renamed', 'request field or parameter renamed', B, B, 'each side sends or expects a name the other does not know'),
  rule('request-field-made-required', 'request field made required', B, N, 'old clients may omit it; an old server copes with it present'),
  rule('request-field-made-optional', 'request field made optional', N, B, 'old clients always send it; new clients may omit it and an old server still requires it'),
  rule('request-field-type-changed', 'request field type changed', B, B, 'values of the old type are rejected by a new server and vice versa'),
  rule('request-field-type-narrowed', 'request field type narrowed', B, N, 'old clients may send values the new server rejects; an old server accepts the narrower set'),
  rule('request-field-type-widened', 'request field type widened', N, B, 'old clients send values still accepted; new clients may send values an old server rejects'),
  rule('response-field-added', 'optional response field added', N, N, 'clients ignore fields they do not know; servers may omit an optional field'),
  rule('required-response-field-added', 'required response field added', N, B, 'clients ignore fields they do not know; an old server does not send it'),
  rule('response-field-removed', 'response field removed', B, N, 'old clients read it; an old server sending an extra field does no harm'),
  rule('response-field-renamed', 'response field renamed', B, B, 'old clients read the old name; an old server sends the old name to new clients'),
  rule('response-field-made-required', 'response field made required', N, B, 'clients lose nothing; an old server may still omit it'),
  rule('response-field-made-optional', 'response field made optional', B, N, 'old clients rely on it being present'),
  rule('response-field-type-changed', 'response field type changed', B, B, 'each side reads values of a type the other does not produce'),
  rule('response-field-type-narrowed', 'response field type narrowed', N, B, 'old clients accept the narrower set; an old server may produce values outside it'),
  rule('response-field-type-widened', 'response field type widened', B, N, 'old clients may receive values they cannot read'),
  rule('field-min-version-raised', 'field or parameter minimum microversion raised', B, N, 'clients pinned between the two minimums lose the field'),
  rule('field-min-version-lowered', 'field or parameter minimum microversion lowered', N, B, 'an old server does not handle the field at the lower versions'),
  rule('sample-field-changed', 'field known only from a sample added or removed', N, N, 'the parameters never documented it; apiref types it as optional'),
  rule('lookup-key-renamed', 'parameters.yaml lookup key renamed', N, N, 'the lookup key is documentation plumbing; the wire name is unchanged'),
  rule('description-changed', 'description edited', N, N, 'prose only'),
];

export const RULES: ReadonlyMap<RuleId, RuleDefinition> = new Map(DEFINITIONS.map((d) => [d.id, d]));

export function ruleDefinition(id: RuleId): RuleDefinition {
  const def = RULES.get(id);
  if (!def) throw new Error(`unknown diff rule ${id}`);
  return def;
}
