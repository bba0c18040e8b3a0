/**
 * Where each value of a JSON text sits: JSON Pointer -> 1-based line (the
 * line of the member's key for object members). JSON.parse gives values but
 * no positions; lint findings about a sample must point into the sample file.
 *
 * The text is expected to be valid JSON (it parsed already); on anything
 * unexpected the scan stops and returns what it found so far.
 */
export function jsonLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let i = 0;
  let line = 1;

  const skipSpace = (): void => {
    while (i < text.length) {
      const ch = text[i];
      if (ch === '\n') line++;
      else if (ch !== ' ' && ch !== '\t' && ch !== '\r' && ch !== '\uFEFF') break;
      i++;
    }
  };
  const fail = (): never => {
    throw new StopScan();
  };
  const readString = (): string => {
    if (text[i] !== '"') fail();
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    if (i >= text.length) fail();
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (pointer: string, depth: number): void => {
    if (depth > 256) fail();
    skipSpace();
    if (!lines.has(pointer)) lines.set(pointer, line);
    const ch = text[i];
    if (ch === '{') {
      i++;
      skipSpace();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        skipSpace();
        const keyLine = line;
        const key = readString();
        const child = `${pointer}/${escapePointer(key)}`;
        if (!lines.has(child)) lines.set(child, keyLine);
        skipSpace();
        if (text[i] !== ':') fail();
        i++;
        value(child, depth + 1);
        skipSpace();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        fail();
      }
    }
    if (ch === '[') {
      i++;
      skipSpace();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (let n = 0; ; n++) {
        value(`${pointer}/${n}`, depth + 1);
        skipSpace();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        fail();
      }
    }
    if (ch === '"') {
      readString();
      return;
    }
    // A number or a literal: none of them spans lines.
    SCALAR.lastIndex = i;
    const m = SCALAR.exec(text);
    if (!m) fail();
    i += m![0].length;
  };

  try {
    value('', 0);
  } catch (err) {
    if (!(err instanceof StopScan)) throw err;
  }
  return lines;
}

class StopScan extends Error {}

const SCALAR = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;

/** RFC 6901: `~` -> `~0`, `/` -> `~1`. */
export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The line of `pointer`, or of its nearest ancestor the scan found. */
export function lineOf(lines: Map<string, number>, pointer: string): number {
  let p = pointer;
  for (;;) {
    const found = lines.get(p);
    if (found !== undefined) return found;
    if (p === '') return 1;
    p = p.slice(0, p.lastIndexOf('/'));
  }
}
