import type { Line } from './source.ts';

/**
 * The block structure of an RST document, as far as apiref needs it: headings,
 * directives, paragraphs, literal blocks and tables, each with its source lines.
 *
 * This is a deliberately small scanner rather than a full docutils port: it
 * never drops text it does not understand (unknown constructs become
 * paragraphs), which is what keeps every `rest_method` of a messy real-world
 * document in view.
 */
export type Block = HeadingBlock | DirectiveBlock | ParagraphBlock | LiteralBlock | TableBlock;

export interface HeadingBlock {
  kind: 'heading';
  title: string;
  /** The adornment: its character, and `over` when it has an overline too. */
  style: string;
  /** Nesting level, 1 for the document title; clamped so no level is skipped. */
  level: number;
  at: Line;
}

export interface DirectiveBlock {
  kind: 'directive';
  name: string;
  /** The argument text: the rest of the directive line, plus continuation lines before options. */
  argument: string;
  options: Record<string, string>;
  /** The content lines, dedented. */
  content: Line[];
  /** For directives that hold body elements (`note`, `only`, …): their content, scanned. */
  children?: Block[];
  at: Line;
}

export interface ParagraphBlock {
  kind: 'paragraph';
  lines: Line[];
  at: Line;
}

export interface LiteralBlock {
  kind: 'literal';
  lines: Line[];
  at: Line;
}

export interface TableBlock {
  kind: 'table';
  lines: Line[];
  at: Line;
}

/** Directives whose content is itself RST body text. */
const CONTAINERS = new Set([
  'note', 'warning', 'important', 'tip', 'caution', 'attention', 'danger', 'hint', 'error',
  'admonition', 'only', 'container', 'seealso', 'versionadded', 'versionchanged', 'versionremoved', 'deprecated',
  'topic', 'sidebar', 'ifconfig', 'rst-class', 'class',
]);

/** Admonitions take no argument: text after `::` is the start of their body. */
const ARGUMENT_IS_BODY = new Set(['note', 'warning', 'important', 'tip', 'caution', 'attention', 'danger', 'hint', 'error', 'seealso']);

const ADORNMENT = /^([!-/:-@[-`{-~])\1+$/;
const DIRECTIVE = /^(\s*)\.\.\s+([A-Za-z][\w:.+-]*)\s?::(?:\s+(.*))?$/;
const COMMENT = /^(\s*)\.\.(\s|$)/;
const GRID_BORDER = /^\s*\+[-=+]+\+\s*$/;
const SIMPLE_TABLE_BORDER = /^\s*=+(\s+=+)+\s*$/;

function indentOf(s: string): number {
  return s.length - s.trimStart().length;
}

function isAdornment(text: string): boolean {
  return text.length >= 2 && ADORNMENT.test(text);
}

export interface ScanState {
  /** Adornment styles in order of first use: their index + 1 is their level. */
  styles: string[];
  /** The level of the heading most recently seen. */
  current: number;
}

export function newScanState(): ScanState {
  return { styles: [], current: 0 };
}

export function scanBlocks(lines: Line[], state: ScanState = newScanState(), allowHeadings = true): Block[] {
  const blocks: Block[] = [];
  const n = lines.length;
  let i = 0;
  const text = (k: number): string => (k < n ? lines[k]!.text : '');

  const heading = (title: string, style: string, at: Line): HeadingBlock => {
    let styleLevel = state.styles.indexOf(style) + 1;
    if (styleLevel === 0) {
      state.styles.push(style);
      styleLevel = state.styles.length;
    }
    // docutils rejects a title that skips a level; apiref keeps it, one level down.
    const level = Math.min(styleLevel, state.current + 1);
    state.current = level;
    return { kind: 'heading', title, style, level, at };
  };

  while (i < n) {
    const t = text(i);
    if (t.trim() === '') {
      i++;
      continue;
    }
    const indent = indentOf(t);

    if (allowHeadings && indent === 0) {
      // Overline + title + underline.
      if (isAdornment(t) && text(i + 1).trim() !== '' && isAdornment(text(i + 2).trim()) && text(i + 2).trim()[0] === t[0]) {
        blocks.push(heading(text(i + 1).trim(), `over${t[0]}`, lines[i + 1]!));
        i += 3;
        continue;
      }
      // Title + underline. A lone adornment line is a transition and carries nothing.
      const under = text(i + 1);
      if (!isAdornment(t) && !DIRECTIVE.test(t) && !COMMENT.test(t) && isAdornment(under) && (under.length >= 3 || under.length >= t.trim().length)) {
        blocks.push(heading(t.trim(), under[0]!, lines[i]!));
        i += 2;
        continue;
      }
      if (isAdornment(t) && t.length >= 4) {
        i++;
        continue;
      }
    }

    const directive = DIRECTIVE.exec(t);
    if (directive) {
      i = readDirective(lines, i, directive, blocks, state);
      continue;
    }
    if (COMMENT.test(t)) {
      // A comment or a link target: skip it and its indented continuation.
      i++;
      while (i < n && (text(i).trim() === '' ? nextIndented(lines, i, indent) : indentOf(text(i)) > indent)) i++;
      continue;
    }
    if (GRID_BORDER.test(t) || SIMPLE_TABLE_BORDER.test(t)) {
      const start = i;
      if (GRID_BORDER.test(t)) {
        while (i < n && text(i).trim() !== '') i++;
      } else {
        // A simple table ends at its last border line followed by a blank line.
        let borders = 0;
        while (i < n) {
          if (SIMPLE_TABLE_BORDER.test(text(i))) borders++;
          i++;
          if (borders >= 3 || (borders >= 2 && text(i).trim() === '' && !SIMPLE_TABLE_BORDER.test(text(i + 1)))) break;
        }
      }
      blocks.push({ kind: 'table', lines: lines.slice(start, i), at: lines[start]! });
      continue;
    }

    // A paragraph: up to the next blank line, or a line that starts another construct.
    const start = i;
    i++;
    while (i < n && text(i).trim() !== '' && !DIRECTIVE.test(text(i)) && !(indentOf(text(i)) === 0 && isAdornment(text(i + 1)) && allowHeadings && !isAdornment(text(i)))) i++;
    const para = lines.slice(start, i);
    blocks.push({ kind: 'paragraph', lines: para, at: lines[start]! });
    if (para[para.length - 1]!.text.endsWith('::')) {
      // `::` introduces a literal block: everything indented deeper, blank lines included.
      const base = indentOf(para[0]!.text);
      let j = i;
      while (j < n && text(j).trim() === '') j++;
      if (j < n && indentOf(text(j)) > base) {
        const litStart = j;
        while (j < n && (text(j).trim() === '' ? nextIndented(lines, j, base) : indentOf(text(j)) > base)) j++;
        blocks.push({ kind: 'literal', lines: trimBlank(lines.slice(litStart, j)), at: lines[litStart]! });
        i = j;
      }
    }
  }
  return blocks;
}

/** Whether, past a run of blank lines at k, the text goes on indented deeper than `base`. */
function nextIndented(lines: Line[], k: number, base: number): boolean {
  let j = k;
  while (j < lines.length && lines[j]!.text.trim() === '') j++;
  return j < lines.length && indentOf(lines[j]!.text) > base;
}

function trimBlank(lines: Line[]): Line[] {
  let end = lines.length;
  while (end > 0 && lines[end - 1]!.text.trim() === '') end--;
  return lines.slice(0, end);
}

function readDirective(lines: Line[], i: number, m: RegExpExecArray, blocks: Block[], state: ScanState): number {
  const n = lines.length;
  const base = m[1]!.length;
  const name = m[2]!.toLowerCase();
  const argParts = [m[3] ?? ''];
  let j = i + 1;
  // Arguments may continue on the following lines (`.. rest_method::` then `GET /path`).
  while (j < n && lines[j]!.text.trim() !== '' && indentOf(lines[j]!.text) > base && !/^\s*:[\w-]+:/.test(lines[j]!.text)) {
    argParts.push(lines[j]!.text.trim());
    j++;
  }
  const options: Record<string, string> = {};
  while (j < n && indentOf(lines[j]!.text) > base) {
    const opt = /^\s*:([\w-]+):\s*(.*)$/.exec(lines[j]!.text);
    if (!opt) break;
    options[opt[1]!] = opt[2]!;
    j++;
  }
  const contentStart = j;
  while (j < n && (lines[j]!.text.trim() === '' ? nextIndented(lines, j, base) : indentOf(lines[j]!.text) > base)) j++;
  const raw = trimBlank(lines.slice(contentStart, j));
  while (raw.length > 0 && raw[0]!.text.trim() === '') raw.shift();
  const dedent = Math.min(...raw.filter((l) => l.text.trim() !== '').map((l) => indentOf(l.text)));
  const content = raw.map((l) => ({ ...l, text: l.text.trim() === '' ? '' : l.text.slice(dedent) }));
  const block: DirectiveBlock = { kind: 'directive', name, argument: argParts.join(' ').trim(), options, content, at: lines[i]! };
  if (CONTAINERS.has(name)) {
    // An admonition's "argument" is really the first paragraph of its body.
    const body = ARGUMENT_IS_BODY.has(name) && block.argument
      ? [{ ...lines[i]!, text: block.argument }, { ...lines[i]!, text: '' }, ...content]
      : content;
    block.children = scanBlocks(body, state, false);
  }
  blocks.push(block);
  return j;
}
