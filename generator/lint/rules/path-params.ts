import { pathParameterNames } from '../../frontend/rest-method.ts';
import type { Finding, LintContext } from '../context.ts';

/**
 * A `{name}` of the path that the request stanza does list, but through a
 * definition that is not `in: path` (`- volume_id: volume_id_body`):
 * os-api-ref is satisfied by the name alone and renders it as a body or query
 * parameter; apiref (and every reader) takes the definition's word for it.
 */
export function pathParamNotPath(ctx: LintContext): Finding[] {
  return misfiled(ctx).map(({ op, entry }) => ({
    severity: 'warning' as const,
    code: 'APIREF-PATH-PARAM-NOT-PATH',
    message: `path parameter "${entry.name}" of ${op.method} ${op.path} is listed as "${entry.key}", which is defined "in: ${entry.in}", not "in: path"`,
    file: entry.source.file,
    line: entry.source.line,
  }));
}

/**
 * The front end's APIREF-PATH-PARAM-MISSING findings that pathParamNotPath
 * explains better (the parameter is listed, under a non-path definition),
 * as `file:line:name` of the rest_method.
 */
export function explainedMissingPathParams(ctx: LintContext): Set<string> {
  return new Set(misfiled(ctx).map(({ op, entry }) => `${op.source.file}:${op.source.line}:${entry.name}`));
}

function misfiled(ctx: LintContext) {
  const out = [];
  const ops = new Map(ctx.model.operations.map((o) => [o.id, o]));
  for (const stanza of ctx.trace.stanzas) {
    const op = ops.get(stanza.operationId);
    if (!op || stanza.role !== 'request') continue;
    const names = pathParameterNames(op.path);
    for (const entry of stanza.entries) {
      if (names.includes(entry.name) && entry.in !== undefined && entry.in !== 'path') out.push({ op, entry: { ...entry, in: entry.in } });
    }
  }
  return out;
}
