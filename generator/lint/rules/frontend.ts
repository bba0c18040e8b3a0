import type { Finding, LintContext } from '../context.ts';
import { explainedMissingPathParams } from './path-params.ts';

/**
 * The diagnostics the front end made while it read the spec, as lint findings.
 * Two refinements: a missing file gets a code that says which kind of file
 * (a parameters file, a literalinclude target, a status file), and a missing
 * path parameter that is in fact listed under a non-path definition is left
 * to APIREF-PATH-PARAM-NOT-PATH, which says so.
 */
export function frontEndFindings(ctx: LintContext): Finding[] {
  const explained = explainedMissingPathParams(ctx);
  const out: Finding[] = [];
  for (const d of ctx.model.diagnostics) {
    if (d.code === 'APIREF-PATH-PARAM-MISSING') {
      const name = /^path parameter "(.*)" of /.exec(d.message)?.[1];
      if (name !== undefined && explained.has(`${d.file}:${d.line}:${name}`)) continue;
    }
    out.push(d.code === 'APIREF-FILE-MISSING' ? { ...d, code: missingFileCode(d.message) } : { ...d });
  }
  return out;
}

/** The front end names the kind of file first: "parameters file (x.yaml) not found: …". */
function missingFileCode(message: string): string {
  if (message.startsWith('parameters file')) return 'APIREF-PARAMS-FILE-MISSING';
  if (message.startsWith('literalinclude target')) return 'APIREF-SAMPLE-FILE-MISSING';
  if (message.startsWith('status file')) return 'APIREF-STATUS-FILE-MISSING';
  return 'APIREF-FILE-MISSING';
}
