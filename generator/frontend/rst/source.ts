import { readFileSync, existsSync, statSync } from 'node:fs';
import { dirname, resolve, relative, join } from 'node:path';
import type { Diagnostics } from '../../diagnostics.ts';
import type { SourceLocation } from '../../model/ir.ts';

/** One physical line of a document after includes are expanded, with where it came from. */
export interface Line {
  text: string;
  file: string;
  line: number;
}

/**
 * A Sphinx document: the entry, or a page reached through a `toctree`. Its
 * includes are inlined (docutils treats `.. include::` as textual insertion, so
 * heading styles are shared across included files), and directive paths in it
 * resolve against `dir`, the directory of the document itself — not of the
 * `.inc` file a directive happens to sit in.
 */
export interface SourceDocument {
  file: string;
  dir: string;
  lines: Line[];
}

/** Zero-width characters and the BOM carry no meaning in RST source; they only break matching. */
const INVISIBLE = /[\u200B\u200C\u200D\u2060\uFEFF]/g;
/** No-break and other exotic spaces behave as spaces for every construct apiref reads. */
const ODD_SPACES = /[\u00A0\u2007\u202F]/g;

export function normalizeText(raw: string): string[] {
  const text = raw.replace(INVISIBLE, '').replace(ODD_SPACES, ' ');
  return text.split(/\r\n|\r|\n/).map(expandTabs);
}

/** docutils expands tabs to 8-column stops before it reads indentation. */
function expandTabs(line: string): string {
  if (!line.includes('\t')) return line.trimEnd();
  let out = '';
  for (const ch of line) {
    if (ch === '\t') out += ' '.repeat(8 - (out.length % 8));
    else out += ch;
  }
  return out.trimEnd();
}

const INCLUDE = /^(\s*)\.\.\s+include::\s*(.*?)\s*$/;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** The text of a file's bytes, or undefined when they are not text: NUL bytes, or invalid UTF-8. */
function decodeText(bytes: Buffer): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    return UTF8.decode(bytes);
  } catch {
    return undefined;
  }
}
const TOCTREE = /^\s*\.\.\s+toctree::/;

export interface LoadOptions {
  /** Display paths are made relative to this directory (default: the working directory). */
  pathBase?: string;
  /** Follow `toctree` entries as further documents of the same API (default true). */
  followToctree?: boolean;
}

export class SourceLoader {
  private readonly pathBase: string;
  private readonly cache = new Map<string, string[]>();
  /** Every file a read was attempted on, found or not (absolute paths). */
  private readonly attempted = new Set<string>();

  constructor(
    private readonly diags: Diagnostics,
    options: LoadOptions = {},
  ) {
    this.pathBase = options.pathBase ?? process.cwd();
  }

  /** The absolute path of a displayed one. */
  absolute(display: string): string {
    return resolve(this.pathBase, display);
  }

  /** The path shown in the model and in diagnostics: relative to `pathBase`. */
  display(abs: string): string {
    return relative(this.pathBase, abs) || '.';
  }

  /**
   * Reads a text file once, normalized; undefined (and a diagnostic) when it cannot be read.
   * `what` names the file for that diagnostic; a function when naming it costs work.
   */
  readLines(abs: string, at: SourceLocation, what: string | (() => string)): string[] | undefined {
    this.attempted.add(abs);
    const cached = this.cache.get(abs);
    if (cached) return cached;
    let raw: string | undefined;
    try {
      // One read, no stat first: a missing file or a directory is the rare case. Node's
      // own UTF-8 read is the fast path; only text holding a NUL or a replacement
      // character (which a bad byte decodes to) is read again as bytes and checked.
      raw = readFileSync(abs, 'utf8');
      if (raw.includes('\0') || raw.includes('\uFFFD')) raw = decodeText(readFileSync(abs));
    } catch (err) {
      const problem = (err as NodeJS.ErrnoException).code === 'EISDIR' ? 'is a directory, not a file' : 'not found';
      this.diags.error('APIREF-FILE-MISSING', `${typeof what === 'string' ? what : what()} ${problem}: ${this.display(abs)}`, at);
      return undefined;
    }
    if (raw === undefined) {
      // Read as text anyway, it would give no operations and no word of why.
      this.diags.error('APIREF-NOT-TEXT', `${this.display(abs)} is not UTF-8 text (NUL bytes or invalid UTF-8); not read`, { file: this.display(abs), line: 1 });
      return undefined;
    }
    const lines = normalizeText(raw);
    this.cache.set(abs, lines);
    return lines;
  }

  /**
   * The absolute paths of every file this loader was asked to read, in first-read
   * order, including those that did not exist: what a watcher or a cache must
   * follow, since creating a missing include changes the model too.
   */
  get filesRead(): string[] {
    return [...this.attempted];
  }

  /**
   * Loads the entry document and, when asked, the documents its toctrees name,
   * each with its includes expanded.
   */
  loadDocuments(entryAbs: string, followToctree = true): SourceDocument[] {
    const docs: SourceDocument[] = [];
    // Sphinx reads an absolute toctree entry (`/top2`) from the source root: the entry's directory.
    const sourceRoot = dirname(entryAbs);
    const visited = new Set<string>();
    const queue = [{ abs: entryAbs, at: { file: this.display(entryAbs), line: 1 } }];
    while (queue.length > 0) {
      const next = queue.shift()!;
      if (visited.has(next.abs)) continue;
      visited.add(next.abs);
      const lines: Line[] = [];
      const toctrees: { entry: string; at: SourceLocation }[] = [];
      this.expand(next.abs, next.at, [], '', lines, toctrees);
      if (lines.length === 0 && docs.length === 0 && !existsSync(next.abs)) break;
      docs.push({ file: this.display(next.abs), dir: dirname(next.abs), lines });
      if (!followToctree) continue;
      for (const t of toctrees) {
        if (isSelfOrUrl(t.entry)) continue;
        const target = resolveToctreeEntry(dirname(next.abs), sourceRoot, t.entry);
        if (target) queue.push({ abs: target, at: t.at });
        else this.diags.warn('APIREF-TOCTREE-MISSING', `toctree entry not found: ${t.entry}`, t.at);
      }
    }
    return docs;
  }

  private expand(
    abs: string,
    at: SourceLocation,
    stack: string[],
    indent: string,
    out: Line[],
    toctrees: { entry: string; at: SourceLocation }[],
  ): void {
    if (stack.includes(abs)) {
      const cycle = [...stack.slice(stack.indexOf(abs)), abs].map((f) => this.display(f)).join(' -> ');
      this.diags.error('APIREF-INCLUDE-CYCLE', `include cycle: ${cycle}`, at);
      return;
    }
    const text = this.readLines(abs, at, stack.length === 0 ? 'document' : 'included file');
    if (!text) return;
    const file = this.display(abs);
    const nextStack = [...stack, abs];
    for (let i = 0; i < text.length; i++) {
      const raw = text[i]!;
      const inc = INCLUDE.exec(raw);
      if (inc) {
        // Options of the include directive (`:literal:` and the like) are not content.
        let j = i + 1;
        while (j < text.length && /^\s+:[\w-]+:/.test(text[j]!)) j++;
        const target = inc[2]!.replace(/^<|>$/g, '');
        if (target === '') {
          this.diags.error('APIREF-INCLUDE-NO-FILE', 'include names no file', { file, line: i + 1 });
          i = j - 1;
          continue;
        }
        this.expand(resolve(dirname(abs), target), { file, line: i + 1 }, nextStack, indent + inc[1]!, out, toctrees);
        i = j - 1;
        continue;
      }
      if (TOCTREE.test(raw)) {
        const base = indentOf(raw);
        let j = i + 1;
        for (; j < text.length; j++) {
          const t = text[j]!;
          if (t.trim() === '') continue;
          if (indentOf(t) <= base) break;
          const entry = t.trim();
          if (entry.startsWith(':')) continue;
          toctrees.push({ entry, at: { file, line: j + 1 } });
        }
        // The toctree stays in the text too: it is a directive like any other.
      }
      out.push({ text: raw === '' ? '' : indent + raw, file, line: i + 1 });
    }
  }
}

function indentOf(s: string): number {
  return s.length - s.trimStart().length;
}

/** `self` and external links are toctree entries too, but name no further document. */
function isSelfOrUrl(entry: string): boolean {
  const name = (/<([^>]+)>\s*$/.exec(entry)?.[1] ?? entry).trim();
  return name === 'self' || /^[a-z]+:\/\//i.test(name);
}

/** `Title <doc>` or `doc`, relative to the document, or to the source root when absolute (`/doc`). */
function resolveToctreeEntry(docDir: string, sourceRoot: string, entry: string): string | undefined {
  const m = /<([^>]+)>\s*$/.exec(entry);
  const name = (m ? m[1]! : entry).trim();
  const base = name.startsWith('/') ? join(sourceRoot, name) : resolve(docDir, name);
  for (const candidate of [base, `${base}.rst`, `${base}.inc`, join(base, 'index.rst')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}
