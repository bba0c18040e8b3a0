/**
 * Safe text for generated TypeScript. Every piece of spec text (descriptions,
 * names, keys, sample values) reaches generated code through one of these
 * helpers, so nothing a spec says can end a comment, a string or an identifier
 * early. Used by the types and client emitters alike.
 */

const LINE_SEPARATORS = /[\u2028\u2029]/;

/** A string literal. JSON.stringify escapes quotes, backslashes and controls; U+2028/U+2029 are escaped too (line terminators in older parsers). */
export function stringLiteral(text: string): string {
  const json = JSON.stringify(text);
  return LINE_SEPARATORS.test(json) ? json.replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029') : json;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Property names that are legal bare but mean something special (`__proto__` in object literals, `constructor` in classes). */
const SPECIAL_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A property name for a type literal or interface: bare where it is a plain identifier, else a quoted string. */
export function propertyKey(name: string): string {
  return IDENTIFIER.test(name) && !SPECIAL_KEYS.has(name) ? name : stringLiteral(name);
}

/** `obj.name` or `obj["name"]`, for generated property access. */
export function propertyAccess(name: string): string {
  return IDENTIFIER.test(name) && !SPECIAL_KEYS.has(name) ? `.${name}` : `[${stringLiteral(name)}]`;
}

/** Words that cannot be bare identifiers (variables, parameters, class members where noted). */
const RESERVED = new Set([
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum',
  'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null',
  'return', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield',
  'let', 'static', 'implements', 'interface', 'package', 'private', 'protected', 'public', 'await', 'async',
  'arguments', 'eval', 'undefined', 'NaN', 'Infinity', 'any', 'unknown', 'never', 'object', 'string', 'number',
  'boolean', 'symbol', 'bigint', 'type', 'declare', 'namespace', 'module', 'of', 'as', 'is', 'keyof', 'readonly',
  'infer', 'satisfies', 'accessor', 'asserts', 'global', 'require', 'constructor', 'prototype', '__proto__',
]);

/** A camelCase identifier usable as a variable or class member: invalid characters dropped, reserved words suffixed with `_`. */
export function safeIdentifier(raw: string, fallback = 'value'): string {
  let id = raw.replace(/[^A-Za-z0-9_$]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''));
  if (id === '') id = fallback;
  if (/^[0-9]/.test(id)) id = `_${id}`;
  return RESERVED.has(id) ? `${id}_` : id;
}

/** PascalCase type name from any text (`os-volume_type` -> `OsVolumeType`); never empty, never starting with a digit. */
export function typeNameFrom(raw: string, fallback = 'Type'): string {
  const words = raw.split(/[^A-Za-z0-9]+/).filter(Boolean);
  let name = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
  if (name === '') name = fallback;
  if (/^[0-9]/.test(name)) name = `${fallback}${name}`;
  return name;
}

/**
 * A JSDoc block at `indent`, or '' when there is nothing to say. The text is
 * neutralised: `*\/` cannot close the comment, line terminators (including
 * U+2028/U+2029) become real newlines behind a ` * ` prefix, and a line that
 * starts with `@` cannot turn spec prose into a tag.
 */
export function jsdoc(lines: string[], indent = ''): string {
  const body = lines
    .join('\n')
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
    .replace(/\*\//g, '*\\/')
    .split('\n')
    .map((l) => l.trimEnd());
  while (body.length > 0 && body[0] === '') body.shift();
  while (body.length > 0 && body[body.length - 1] === '') body.pop();
  if (body.length === 0) return '';
  const out = body.map((l) => (l === '' ? `${indent} *` : `${indent} * ${l}`));
  return `${indent}/**\n${out.join('\n')}\n${indent} */\n`;
}

/** Spec prose for a doc block: tags we add stay tags, spec lines starting with `@` are escaped. */
export function proseLines(text: string | undefined): string[] {
  if (!text) return [];
  return text
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
    .split('\n')
    .map((l) => l.replace(/^(\s*)@/, '$1\\@'));
}

/** Microversion tags for a doc block. */
export function versionTags(min: string | undefined, max: string | undefined, deprecated?: boolean): string[] {
  const tags: string[] = [];
  if (min) tags.push(`@since ${oneLine(min)}`);
  if (max) tags.push(`@deprecated Not available after microversion ${oneLine(max)}.`);
  else if (deprecated) tags.push('@deprecated');
  return tags;
}

function oneLine(text: string): string {
  return text.replace(/[\r\n\u2028\u2029\u0085]+/g, ' ');
}

/** Singular of a plural English noun, well enough for resource names (`policies` -> `policy`, `addresses` -> `address`). */
export function singular(word: string): string {
  if (/ies$/i.test(word) && word.length > 4) return word.slice(0, -3) + 'y';
  if (/(ss|x|ch|sh|us)es$/i.test(word)) return word.slice(0, -2);
  if (/[^su]s$/i.test(word)) return word.slice(0, -1);
  return word;
}
