import type { Operation } from '../../model/ir.ts';
import type { ExportNotes } from './notes.ts';

/**
 * Path templates as OpenAPI wants them. OpenAPI treats `/a/{x}` and `/a/{y}` as
 * the same path (templates must be unique modulo parameter names) and requires
 * every `{param}` to be declared, so operations are grouped by the shape of
 * their template and each group gets one set of parameter names.
 */

/** A template split into literal text and parameters: `/a/{r}:{id}` -> ['/a/', {r}, ':', {id}]. */
export type TemplatePart = string | { param: string };

export function parseTemplate(path: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  const re = /\{([^{}]*)\}/g;
  let last = 0;
  for (let m = re.exec(path); m; m = re.exec(path)) {
    if (m.index > last) parts.push(path.slice(last, m.index));
    parts.push({ param: m[1]! });
    last = m.index + m[0].length;
  }
  if (last < path.length) parts.push(path.slice(last));
  return parts;
}

/** The parameter names of a template, in order. */
export function templateParams(path: string): string[] {
  return parseTemplate(path).flatMap((p) => (typeof p === 'string' ? [] : [p.param]));
}

/**
 * The path as the document writes it: no trailing slash (Redocly's
 * `no-path-trailing-slash`; servers route both forms), no `//`.
 */
export function documentPath(path: string): string {
  let p = path.replace(/\/{2,}/g, '/');
  if (!p.startsWith('/')) p = `/${p}`;
  if (p.length > 1 && p.endsWith('/')) p = p.slice(0, -1);
  return p;
}

/** The shape of a template: its literal text with every parameter as `{}`. */
export function templateShape(path: string): string {
  return parseTemplate(path)
    .map((p) => (typeof p === 'string' ? p : '{}'))
    .join('');
}

/**
 * A parameter name that survives in a path template: tools split templates on
 * `/` and other URL delimiters (`{taf_service_id/name}`), so those become `_`.
 */
export function paramName(name: string): string {
  return name.replace(/[^A-Za-z0-9_.~-]/g, '_');
}

/** One path of the document: the operations that share a template shape. */
export interface PathGroup {
  /** The template with the group's parameter names. */
  path: string;
  /** The names at each parameter position. */
  params: string[];
  /** For each operation: its own parameter name at each position. */
  ops: { op: Operation; ownNames: string[] }[];
}

/**
 * Groups operations by template shape and picks one name per parameter
 * position: the name most operations use (the first seen on a tie), never the
 * same name twice in one template, made safe by `paramName`.
 */
export function groupPaths(operations: Operation[], notes: ExportNotes): PathGroup[] {
  const byShape = new Map<string, { op: Operation; ownNames: string[]; path: string }[]>();
  for (const op of operations) {
    const path = documentPath(op.path);
    if (path !== op.path) notes.add(`${op.id}: path ${op.path} written as ${path}`);
    const shape = templateShape(path);
    const list = byShape.get(shape) ?? [];
    list.push({ op, ownNames: templateParams(path), path });
    byShape.set(shape, list);
  }
  const groups: PathGroup[] = [];
  for (const [shape, members] of byShape) {
    const positions = members[0]!.ownNames.length;
    const used = new Set<string>();
    const params: string[] = [];
    for (let i = 0; i < positions; i++) {
      const tally = new Map<string, number>();
      for (const m of members) {
        const n = paramName(m.ownNames[i]!);
        tally.set(n, (tally.get(n) ?? 0) + 1);
      }
      const ranked = [...tally.entries()].filter(([n]) => n !== '').sort((a, b) => b[1] - a[1]);
      let name = ranked.find(([n]) => !used.has(n))?.[0];
      if (name === undefined) {
        const base = ranked[0]?.[0] ?? `param${i + 1}`;
        name = base;
        for (let n = 2; used.has(name); n++) name = `${base}_${n}`;
      }
      used.add(name);
      params.push(name);
    }
    let k = 0;
    const path = parseTemplate(shape)
      .map((p) => (typeof p === 'string' ? p : `{${params[k++]!}}`))
      .join('');
    for (const m of members) {
      const renamed = m.ownNames.map((n, i) => [n, params[i]!] as const).filter(([a, b]) => a !== b);
      if (renamed.length > 0) notes.add(`${m.op.id}: path parameter ${renamed.map(([a, b]) => `{${a}} named {${b}}`).join(', ')} to match the other operations on ${path}`);
    }
    groups.push({ path, params, ops: members.map(({ op, ownNames }) => ({ op, ownNames })) });
  }
  return groups;
}
