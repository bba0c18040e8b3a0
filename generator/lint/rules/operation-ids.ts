import { camelId } from '../../model/ids.ts';
import type { Operation } from '../../model/ir.ts';
import type { Finding, LintContext } from '../context.ts';

/**
 * Operation ids come from titles; two operations titled alike get `listThings`
 * and `listThings2`, which reads badly in a generated client and changes when
 * the documents are reordered. Each later operation of a clash is reported.
 */
export function duplicateOperationIds(ctx: LintContext): Finding[] {
  const findings: Finding[] = [];
  const first = new Map<string, Operation>();
  for (const op of ctx.model.operations) {
    const base = camelId(op.title, op.method, op.path);
    const earlier = first.get(base);
    if (!earlier) {
      first.set(base, op);
      continue;
    }
    findings.push({
      severity: 'warning',
      code: 'APIREF-OPERATION-ID-DUPLICATE',
      message: `operation "${op.title}" (${op.method} ${op.path}) gives the id ${base}, already taken by ${earlier.method} ${earlier.path} at ${earlier.source.file}:${earlier.source.line}; it becomes ${op.id} (give it a distinct title)`,
      file: op.source.file,
      line: op.source.line,
    });
  }
  return findings;
}
