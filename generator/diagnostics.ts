import type { Diagnostic, Severity, SourceLocation } from './model/ir.ts';

/**
 * Collects diagnostics while a spec is read. Nothing in the front end throws on
 * bad input: it reports here, with a stable code and a file:line, and goes on.
 */
export class Diagnostics {
  readonly items: Diagnostic[] = [];
  private readonly seen = new Set<string>();

  report(severity: Severity, code: string, message: string, at: SourceLocation): void {
    // The same file is often read through several operations; say each thing once.
    const key = `${severity}|${code}|${at.file}|${at.line}|${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.items.push({ severity, code, message, file: at.file, line: at.line });
  }

  error(code: string, message: string, at: SourceLocation): void {
    this.report('error', code, message, at);
  }

  warn(code: string, message: string, at: SourceLocation): void {
    this.report('warning', code, message, at);
  }

  info(code: string, message: string, at: SourceLocation): void {
    this.report('info', code, message, at);
  }

  get errorCount(): number {
    return this.items.filter((d) => d.severity === 'error').length;
  }
}

/** `file:line: severity CODE: message`, the form compilers use, so editors can jump to it. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}: ${d.severity} ${d.code}: ${d.message}`;
}
