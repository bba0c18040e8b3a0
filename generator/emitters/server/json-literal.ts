/**
 * The route table embedded in `server.ts`, as `JSON.parse` of its pretty JSON
 * written line by line. Chosen over an object literal because type-checking a
 * literal of nova's size costs seconds on every compile (`JSON.parse` costs
 * nothing), and because JSON keeps a key named `__proto__` as data where an
 * object literal would set the prototype.
 */

/**
 * A single-quoted TypeScript string literal for one line of JSON text (which
 * carries double quotes everywhere, hence not JSON.stringify): backslashes and
 * quotes escaped, every control character and U+2028/U+2029 as `\uXXXX`.
 */
export function singleQuoted(text: string): string {
  const body = text.replace(/[\\']|[\u0000-\u001f\u007f\u2028\u2029]/g, (c) => {
    if (c === '\\') return '\\\\';
    if (c === "'") return "\\'";
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
  return `'${body}'`;
}

/** `JSON.parse([ '…line…', … ].join('\n')) as TYPE`, indented for a top-level `const`. */
export function jsonParseExpression(value: unknown, type: string): string {
  const lines = JSON.stringify(value, null, 2).split('\n');
  return `JSON.parse(\n  [\n${lines.map((l) => `    ${singleQuoted(l)},`).join('\n')}\n  ].join('\\n'),\n) as ${type}`;
}
