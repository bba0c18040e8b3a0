import type { Finding, LintContext } from '../context.ts';

/** The sections of a parameters file, in the order os-api-ref wants them. */
export const SECTION_RANK: Readonly<Record<string, number>> = { header: 1, path: 2, query: 3, body: 4 };

/**
 * The ordering os-api-ref checks in each parameters file: one pass comparing
 * every definition with the previous one whose `in` is valid. A section lower
 * than the previous one is "section out of order"; within one section a key
 * that sorts (case-insensitively) before the previous one is "parameters out
 * of order". Definitions with a missing or invalid `in` are skipped, as
 * os-api-ref skips them, and reported by the front end instead. Like
 * os-api-ref, it compares neighbours only, so a single misplaced key costs one
 * finding, not one per key it jumped.
 */
export function parameterOrder(ctx: LintContext): Finding[] {
  const findings: Finding[] = [];
  for (const file of ctx.trace.parameterFiles) {
    let last: { key: string; section: string } | undefined;
    // A key defined twice keeps its first place (as a YAML mapping does) and its last definition.
    for (const key of new Set(file.order)) {
      const def = file.defs.get(key);
      const section = def?.in;
      if (!def || section === undefined || SECTION_RANK[section] === undefined) continue;
      if (last) {
        const rank = SECTION_RANK[section]!;
        const lastRank = SECTION_RANK[last.section]!;
        if (rank < lastRank) {
          findings.push({
            severity: 'warning',
            code: 'APIREF-PARAMS-SECTION-ORDER',
            message: `section out of order: ${key} is in "${section}", but follows ${last.key} in "${last.section}"; all "${section}" parameters go before "${last.section}" ones (order: header, path, query, body)`,
            file: file.file,
            line: def.source.line,
          });
        } else if (rank === lastRank && key.toLowerCase() < last.key.toLowerCase()) {
          findings.push({
            severity: 'warning',
            code: 'APIREF-PARAMS-ORDER',
            message: `parameters out of order: ${last.key} should be after ${key} (keys of a section are in case-insensitive alphabetical order)`,
            file: file.file,
            line: def.source.line,
          });
        }
      }
      last = { key, section };
    }
  }
  return findings;
}
