import type { Severity } from '../../model/ir.ts';
import { LINT_CODES, describeCode } from '../codes.ts';
import type { LintResult } from '../lint.ts';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/**
 * SARIF 2.1.0, the format code-scanning services read: one run, every lint
 * code as a rule (so results can name it by index), one result per finding
 * with its file as a relative URI and its line as the region.
 */
export function formatSarif(result: LintResult): string {
  const codes = [...LINT_CODES.map((c) => c.code)];
  for (const f of result.findings) if (!codes.includes(f.code)) codes.push(f.code);
  const index = new Map(codes.map((c, i) => [c, i]));
  const rules = codes.map((code) => {
    const info = describeCode(code);
    return {
      id: code,
      shortDescription: { text: info.summary },
      defaultConfiguration: { level: LEVEL[info.severity] },
      properties: { origin: info.origin },
    };
  });
  const results = result.findings.map((f) => ({
    ruleId: f.code,
    ruleIndex: index.get(f.code)!,
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: fileUri(f.file) },
          region: { startLine: Math.max(1, f.line) },
        },
      },
    ],
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'apiref-lint', rules } }, results }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** A relative path as a URI reference: forward slashes, each segment percent-encoded. */
function fileUri(path: string): string {
  return path
    .split(/[\\/]/)
    .map((seg) => encodeURIComponent(seg))
    .join('/');
}
