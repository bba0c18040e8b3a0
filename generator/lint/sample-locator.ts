import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Sample, SourceLocation } from '../model/ir.ts';
import { escapePointer, jsonLines, lineOf } from './json-lines.ts';

/**
 * Turns a path inside a sample into a file:line: the line in the sample file
 * for a literalinclude, the line inside the RST for an inline code-block.
 * Each file is read and scanned once.
 */
export class SampleLocator {
  private readonly cache = new Map<string, { file: string; firstLine: number; lines: Map<string, number> } | undefined>();

  constructor(private readonly pathBase: string) {}

  locate(sample: Sample, path: (string | number)[]): SourceLocation {
    const where = this.scan(sample);
    if (!where) return { ...sample.source };
    const pointer = path.map((s) => `/${escapePointer(String(s))}`).join('');
    return { file: where.file, line: where.firstLine + lineOf(where.lines, pointer) - 1 };
  }

  private scan(sample: Sample) {
    const key = sample.file ?? `${sample.source.file}:${sample.source.line}`;
    if (!this.cache.has(key)) this.cache.set(key, sample.file ? this.scanFile(sample.file) : this.scanInline(sample.source));
    return this.cache.get(key);
  }

  private scanFile(file: string) {
    const text = readText(resolve(this.pathBase, file));
    return text === undefined ? undefined : { file, firstLine: 1, lines: jsonLines(text) };
  }

  /** A code-block's content: after the directive line, its options and a blank line, while indented. */
  private scanInline(source: SourceLocation) {
    const text = readText(resolve(this.pathBase, source.file));
    if (text === undefined) return undefined;
    const all = text.split(/\r\n|\r|\n/);
    let k = source.line; // the line after the directive (0-based index = 1-based line)
    while (k < all.length && (/^\s+:[\w-]+:/.test(all[k]!) || all[k]!.trim() === '')) k++;
    const start = k;
    const indent = /^\s*/.exec(all[start] ?? '')![0].length;
    const body: string[] = [];
    for (; k < all.length; k++) {
      const line = all[k]!;
      if (line.trim() !== '' && /^\s*/.exec(line)![0].length < indent) break;
      body.push(line);
    }
    return { file: source.file, firstLine: start + 1, lines: jsonLines(body.join('\n')) };
  }
}

function readText(abs: string): string | undefined {
  return existsSync(abs) ? readFileSync(abs, 'utf8') : undefined;
}
