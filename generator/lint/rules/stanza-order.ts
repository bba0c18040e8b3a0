import type { Finding, LintContext } from '../context.ts';
import { SECTION_RANK } from './parameter-order.ts';

/**
 * apiref's own check (os-api-ref does not make it): a rest_parameters stanza
 * lists its parameters by section, header, path, query, then body, the order
 * the rendered table reads best in and the one parameters.yaml itself keeps.
 * Neighbours are compared as in the parameters file check; entries whose
 * definition is missing or has no valid `in` are skipped.
 */
export function stanzaOrder(ctx: LintContext): Finding[] {
  const findings: Finding[] = [];
  for (const stanza of ctx.trace.stanzas) {
    let last: { name: string; section: string } | undefined;
    for (const entry of stanza.entries) {
      const section = entry.in;
      if (section === undefined || SECTION_RANK[section] === undefined) continue;
      if (last && SECTION_RANK[section]! < SECTION_RANK[last.section]!) {
        findings.push({
          severity: 'warning',
          code: 'APIREF-STANZA-ORDER',
          message: `${stanza.role} parameters out of order: ${entry.name} (${section}) is listed after ${last.name} (${last.section}); list header, path, query, then body parameters`,
          file: entry.source.file,
          line: entry.source.line,
        });
      }
      last = { name: entry.name, section };
    }
  }
  return findings;
}
