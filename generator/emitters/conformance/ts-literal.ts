/**
 * Plain data (JSON values) as a TypeScript expression, formatted the way a
 * person would write it. Every string goes through `stringLiteral`, so spec
 * text cannot leave its literal; a `__proto__` key is written as the computed
 * `["__proto__"]`, the only object-literal form that makes an own property
 * instead of setting the prototype.
 */
import { stringLiteral } from '../types/ts-text.ts';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const INLINE_WIDTH = 100;

function key(name: string): string {
  if (name === '__proto__') return `[${stringLiteral(name)}]`;
  return IDENTIFIER.test(name) ? name : stringLiteral(name);
}

const isPrimitive = (v: unknown): boolean => v === null || typeof v !== 'object';

export function tsLiteral(value: unknown, indent = ''): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return stringLiteral(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean') return String(value);
  const inner = `${indent}  `;
  // One line where everything inside is a scalar and it fits; else one member a line.
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((v) => tsLiteral(v, inner));
    if (value.every(isPrimitive)) {
      const inline = `[${items.join(', ')}]`;
      if (inline.length + indent.length <= INLINE_WIDTH) return inline;
    }
    return `[\n${inner}${items.join(`,\n${inner}`)},\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  const parts = entries.map(([k, v]) => `${key(k)}: ${tsLiteral(v, inner)}`);
  if (entries.every(([, v]) => isPrimitive(v))) {
    const inline = `{ ${parts.join(', ')} }`;
    if (inline.length + indent.length <= INLINE_WIDTH) return inline;
  }
  return `{\n${inner}${parts.join(`,\n${inner}`)},\n${indent}}`;
}
