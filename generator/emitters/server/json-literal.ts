/**
 * The route table embedded in `server.ts`, as `JSON.parse` of its pretty JSON
 * written line by line. Chosen over an object literal because type-checking a
 * literal of nova's size costs seconds on every compile (`JSON.parse` costs
 * nothing), and because JSON keeps a key named `__proto__` as data where an
 * object literal would set the prototype.
 */

/**
 * One character of JSON text as it stands in a single-quoted literal (JSON text carries
 * double quotes everywhere, hence not JSON.stringify): backslashes and quotes escaped,
 * control characters and U+2028/U+2029 as `\uXXXX`.
 */
function escapeChar(c: string): string {
  if (c === '\\') return '\\\\';
  if (c === "'") return "\\'";
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * `JSON.parse([ '…line…', … ].join('\n')) as TYPE`, indented for a top-level `const`.
 * The whole text is escaped in one pass, then cut at its line breaks: JSON.stringify
 * writes a newline inside a string as `\n`, so every raw newline in its output is one
 * of its own line breaks (nova's route table has 28,000 lines).
 */
export function jsonParseExpression(value: unknown, type: string): string {
  const escaped = JSON.stringify(value, null, 2).replace(/[\\']|[\u0000-\u0009\u000b-\u001f\u007f\u2028\u2029]/g, escapeChar);
  const lines = `    '${escaped.replaceAll('\n', "',\n    '")}',`;
  return `JSON.parse(\n  [\n${lines}\n  ].join('\\n'),\n) as ${type}`;
}
