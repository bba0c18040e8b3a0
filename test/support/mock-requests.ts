/**
 * Requests a documented client would send to an operation, with placeholders
 * for what the document leaves open: path parameters, required query
 * parameters and headers, and the values of fixed query strings. Placeholders
 * follow the parameter's documented type (an integer id gets `1`).
 */
import type { JsonSchema, Operation, Parameter } from '../../generator/model/ir.ts';

function placeholder(name: string, schema: JsonSchema | undefined): string {
  const type = Array.isArray(schema?.type) ? schema?.type[0] : schema?.type;
  if (schema?.enum && schema.enum.length > 0) return String(schema.enum[0]);
  if (type === 'integer' || type === 'number') return '1';
  if (type === 'boolean') return 'true';
  if (type === 'object') return '{}';
  return `p-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

const byName = (params: Parameter[], name: string): Parameter | undefined => params.find((p) => p.name === name);

/** The request URL path and query for `op`, under `base`. */
export function exampleUrl(op: Operation, base: string): string {
  const path = op.path.replace(/\{([^{}]+)\}/g, (_, name: string) => encodeURIComponent(placeholder(name, byName(op.parameters.path, name)?.schema)));
  const query = new URLSearchParams();
  for (const pair of (op.fixedQuery ?? '').split('&')) {
    if (pair === '') continue;
    const [rawKey = '', rawValue] = pair.split('=');
    const key = rawKey.replace(/^\{(.+)\}$/, '$1');
    const value = rawValue === undefined ? '' : /^\{.*\}$/.test(rawValue) ? placeholder(key, byName(op.parameters.query, key)?.schema) : decodeURIComponent(rawValue);
    query.set(key, value);
  }
  for (const p of op.parameters.query) if (p.required && !query.has(p.name)) query.set(p.name, placeholder(p.name, p.schema));
  const q = query.toString();
  return `${base}${path}${q ? `?${q}` : ''}`;
}

/** The documented required headers, filled in. */
export function exampleHeaders(op: Operation): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const h of op.parameters.header) if (h.required) headers[h.name] = placeholder(h.name, h.schema);
  return headers;
}
