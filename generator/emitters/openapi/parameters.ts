import type { Operation, Parameter } from '../../model/ir.ts';
import type { JsonObject } from './json.ts';
import type { ExportNotes } from './notes.ts';
import type { OperationContext } from './operations.ts';
import { convertSchema, versionExtension } from './schema.ts';

/** Path, query and header parameters of OpenAPI operations. */

function parameter(p: Parameter, where: string, notes: ExportNotes, name = p.name): JsonObject {
  const out: JsonObject = { name, in: p.in };
  if (p.description) out['description'] = p.description;
  out['required'] = p.in === 'path' ? true : p.required;
  if (p.deprecated) out['deprecated'] = true;
  out['schema'] = convertSchema(p.schema, `${where} ${p.in} parameter ${p.name}`, notes);
  const ext = versionExtension(p.minVersion, p.maxVersion);
  if (ext) out['x-openstack'] = ext;
  return out;
}

/** The path parameter at one position of a template, from the first operation that documents it. */
export function pathParameter(name: string, position: number, ops: { op: Operation; ownNames: string[] }[], notes: ExportNotes): JsonObject {
  for (const { op, ownNames } of ops) {
    const own = ownNames[position]!;
    const p = op.parameters.path.find((x) => x.name === own);
    if (p) return parameter(p, op.id, notes, name);
  }
  notes.add(`${ops[0]!.op.id}: path parameter {${name}} is not documented; declared as a string`);
  return { name, in: 'path', required: true, schema: { type: 'string' } };
}

/** Query parameters written into the path (`?usage=True`, `?share_id={share_id}`). */
function fixedQueryParameters(op: Operation): JsonObject[] {
  if (!op.fixedQuery) return [];
  const out: JsonObject[] = [];
  for (const pair of op.fixedQuery.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const rawKey = eq < 0 ? pair : pair.slice(0, eq);
    const rawValue = eq < 0 ? '' : pair.slice(eq + 1);
    const name = safeDecode(rawKey.replace(/^\{(.*)\}$/, '$1'));
    if (name === '') continue;
    const placeholder = /^\{.*\}$/.test(rawValue);
    const p: JsonObject = {
      name,
      in: 'query',
      description: `Written into the documented path as \`${pair}\`.`,
      required: true,
      schema: { type: 'string' },
    };
    if (!placeholder && rawValue !== '') p['example'] = safeDecode(rawValue);
    out.push(p);
  }
  return out;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The query and header parameters of one api-ref operation, one per name. */
function ownParameters(op: Operation, ctx: OperationContext): JsonObject[] {
  const out: JsonObject[] = [];
  const seen = new Set<string>();
  const keyOf = (p: JsonObject): string => `${String(p['in'])}:${p['in'] === 'header' ? String(p['name']).toLowerCase() : String(p['name'])}`;
  const push = (p: JsonObject): void => {
    const key = keyOf(p);
    if (seen.has(key)) {
      ctx.notes.add(`${op.id}: ${String(p['in'])} parameter ${String(p['name'])} is documented twice; the first is kept`);
      return;
    }
    seen.add(key);
    out.push(p);
  };
  for (const p of op.parameters.query) push(parameter(p, op.id, ctx.notes));
  for (const p of fixedQueryParameters(op)) if (!seen.has(keyOf(p))) push(p);
  for (const p of op.parameters.header) push(parameter(p, op.id, ctx.notes));
  return out;
}

/** Query and header parameters; in a merged operation required only where every operation requires them. */
export function mergeParameters(ops: Operation[], ctx: OperationContext): JsonObject[] {
  const perOp = ops.map((o) => ownParameters(o, ctx));
  const keyOf = (p: JsonObject): string => `${String(p['in'])}:${p['in'] === 'header' ? String(p['name']).toLowerCase() : String(p['name'])}`;
  const order: string[] = [];
  const first = new Map<string, JsonObject>();
  for (const list of perOp) {
    for (const p of list) {
      const k = keyOf(p);
      if (!first.has(k)) {
        first.set(k, p);
        order.push(k);
      }
    }
  }
  const out = order.map((k) => {
    const p = first.get(k)!;
    const everywhere = perOp.every((list) => list.some((q) => keyOf(q) === k && q['required'] === true));
    return p['required'] === true && !everywhere ? { ...p, required: false } : p;
  });
  if (ctx.microversion && !first.has(`header:${ctx.microversion.name.toLowerCase()}`)) out.push(ctx.microversion.ref);
  return out;
}
