import type { Block } from './blocks.ts';
import type { Line } from './source.ts';
import { inlineToMarkdown } from './inline.ts';

/**
 * Renders prose blocks (paragraphs, lists, notes, literal blocks, tables) as
 * Markdown, for descriptions in the model. Directives that are not prose
 * (`rest_parameters`, `literalinclude`, …) are left out by the caller.
 */
export function blocksToMarkdown(blocks: Block[]): string {
  const parts: string[] = [];
  for (const b of blocks) {
    const md = blockToMarkdown(b);
    if (md.trim() !== '') parts.push(md);
  }
  return parts.join('\n\n').trim();
}

const ADMONITIONS: Record<string, string> = {
  note: 'Note', warning: 'Warning', important: 'Important', tip: 'Tip', caution: 'Caution',
  attention: 'Attention', danger: 'Danger', hint: 'Hint', error: 'Error', seealso: 'See also',
};

const VERSION_DIRECTIVES: Record<string, string> = {
  versionadded: 'New in version',
  versionchanged: 'Changed in version',
  versionremoved: 'Removed in version',
  deprecated: 'Deprecated since version',
};

function blockToMarkdown(b: Block): string {
  switch (b.kind) {
    case 'paragraph':
      return paragraphToMarkdown(b.lines);
    case 'literal':
      return fence(b.lines.map((l) => l.text), '');
    case 'table':
      return tableToMarkdown(b.lines.map((l) => l.text));
    case 'heading':
      return `**${inlineToMarkdown(b.title)}**`;
    case 'directive': {
      const label = ADMONITIONS[b.name];
      if (label && b.children) {
        const inner = blocksToMarkdown(b.children);
        return inner.split('\n').map((l, k) => (k === 0 ? `> **${label}:** ${l}` : `> ${l}`).trimEnd()).join('\n');
      }
      if (b.name === 'code-block' || b.name === 'code' || b.name === 'sourcecode') {
        return fence(b.content.map((l) => l.text), b.argument.split(/\s+/)[0] ?? '');
      }
      if (VERSION_DIRECTIVES[b.name] && b.children) {
        const what = VERSION_DIRECTIVES[b.name];
        const inner = blocksToMarkdown(b.children);
        return `*${what} ${b.argument}.*${inner ? ` ${inner}` : ''}`;
      }
      if (b.children) return blocksToMarkdown(b.children);
      return '';
    }
  }
}

function paragraphToMarkdown(lines: Line[]): string {
  const texts = lines.map((l) => l.text);
  const base = Math.min(...texts.map((t) => t.length - t.trimStart().length));
  let body = texts.map((t) => t.slice(base)).join('\n');
  // A paragraph ending in `::` introduces a literal block: `text::` shows as `text:`,
  // `text ::` as `text`, and a bare `::` not at all.
  if (body.endsWith('::')) body = /\S::$/.test(body) ? body.slice(0, -1) : body.slice(0, -2).trimEnd();
  return inlineToMarkdown(body);
}

function fence(lines: string[], language: string): string {
  const indents = lines.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length);
  const base = indents.length > 0 ? Math.min(...indents) : 0;
  const body = lines.map((l) => l.slice(base));
  const longest = Math.max(2, ...body.map((l) => (/^`+/.exec(l.trim())?.[0].length ?? 0)));
  const marks = '`'.repeat(longest + 1);
  return `${marks}${language}\n${body.join('\n')}\n${marks}`;
}

/** Grid and simple tables become Markdown pipe tables; cells spanning rows are joined. */
export function tableToMarkdown(lines: string[]): string {
  const rows = lines[0]!.trim().startsWith('+') ? gridRows(lines) : simpleRows(lines);
  if (rows.length === 0) return '';
  const width = Math.max(...rows.map((r) => r.length));
  const cell = (s: string | undefined): string => inlineToMarkdown((s ?? '').replace(/\|/g, '\\|'));
  const out = [`| ${Array.from({ length: width }, (_, k) => cell(rows[0]![k])).join(' | ')} |`, `|${' --- |'.repeat(width)}`];
  for (const r of rows.slice(1)) out.push(`| ${Array.from({ length: width }, (_, k) => cell(r[k])).join(' | ')} |`);
  return out.join('\n');
}

function gridRows(lines: string[]): string[][] {
  const border = lines[0]!.trim();
  const cols: [number, number][] = [];
  const offset = lines[0]!.indexOf('+');
  let prev = 0;
  for (let k = 1; k < border.length; k++) {
    if (border[k] === '+') {
      cols.push([prev + 1 + offset, k + offset]);
      prev = k;
    }
  }
  const rows: string[][] = [];
  let current: string[] | undefined;
  for (const raw of lines.slice(1)) {
    if (/^\s*\+[-=+]+\+\s*$/.test(raw)) {
      if (current) rows.push(current.map((c) => c.trim().replace(/\s+/g, ' ')));
      current = undefined;
      continue;
    }
    current ??= cols.map(() => '');
    cols.forEach(([a, b], k) => {
      current![k] += ` ${raw.slice(a, b).replace(/^\s*\|?/, '').trim()}`;
    });
  }
  if (current) rows.push(current.map((c) => c.trim()));
  return rows;
}

function simpleRows(lines: string[]): string[][] {
  const border = lines[0]!;
  const cols: [number, number][] = [];
  const re = /=+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(border))) cols.push([m.index, m.index + m[0].length]);
  const rows: string[][] = [];
  for (const raw of lines.slice(1)) {
    if (/^\s*=+(\s+=+)*\s*$/.test(raw) || raw.trim() === '') continue;
    rows.push(cols.map(([a, b], k) => raw.slice(a, k === cols.length - 1 ? undefined : cols[k + 1]![0]).trim() || raw.slice(a, b).trim()));
  }
  return rows;
}
