import type { Severity } from '../../model/ir.ts';
import type { LintResult } from '../lint.ts';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/**
 * GitHub Actions workflow commands (`::warning file=…,line=…,title=CODE::message`):
 * printed in a workflow step, each becomes an annotation on the file and line.
 */
export function formatGithub(result: LintResult): string {
  return result.findings
    .map((f) => `::${COMMAND[f.severity]} file=${escapeProperty(f.file)},line=${f.line},title=${escapeProperty(f.code)}::${escapeData(f.message)}\n`)
    .join('');
}

/** The runner's own escaping: `%`, CR and LF in the message. */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values also escape the `:` and `,` that delimit them. */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
