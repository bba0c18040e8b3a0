import { formatDiagnostic } from '../../diagnostics.ts';
import type { LintResult } from '../lint.ts';

/** `file:line: severity CODE: message`, one a line (editors jump to them), then one summary line. */
export function formatText(result: LintResult): string {
  const lines = result.findings.map(formatDiagnostic);
  lines.push(summaryLine(result));
  return `${lines.join('\n')}\n`;
}

export function summaryLine(result: LintResult): string {
  const { error, warning, info } = result.counts;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${result.entry}: ${plural(error, 'error')}, ${plural(warning, 'warning')}, ${plural(info, 'info')} in ${plural(result.operations, 'operation')}`;
}
