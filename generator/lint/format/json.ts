import { countByCode, type LintResult } from '../lint.ts';

/** One JSON object: the entry, counts (by severity and by code) and the findings in order. */
export function formatJson(result: LintResult): string {
  const out = {
    entry: result.entry,
    operations: result.operations,
    summary: {
      errors: result.counts.error,
      warnings: result.counts.warning,
      infos: result.counts.info,
      byCode: Object.fromEntries(countByCode(result.findings)),
    },
    findings: result.findings.map(({ severity, code, message, file, line }) => ({ severity, code, message, file, line })),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}
