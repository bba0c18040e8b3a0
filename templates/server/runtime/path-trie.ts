/**
 * Path matching with a segment trie: each request segment is looked up in a
 * map of literal segments first, then tried against the few "glued" patterns
 * (`{id}.json`, `os-{name}`), then taken as a parameter. The cost depends on
 * the path's depth, not on how many operations the API has.
 */

/** One template segment: literal text, a whole-segment parameter, or parameters glued to text. */
type Segment =
  | { kind: 'literal'; text: string }
  | { kind: 'param'; name: string }
  | { kind: 'pattern'; key: string; regex: RegExp; names: string[] };

interface Node<T> {
  literal: Map<string, Node<T>>;
  patterns: { key: string; regex: RegExp; node: Node<T> }[];
  param: Node<T> | undefined;
  /** Routes ending here, by method; each keeps its own parameter names (templates sharing a node may name them differently). */
  routes: Map<string, { value: T; names: string[] }[]>;
}

const newNode = <T>(): Node<T> => ({ literal: new Map(), patterns: [], param: undefined, routes: new Map() });

/** Splits on `/` outside braces (some api-refs write `{tap_flow_id/name}`), dropping one trailing slash. */
export function splitTemplate(template: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of template) {
    if (ch === '{') depth++;
    if (ch === '}') depth = Math.max(0, depth - 1);
    if (ch === '/' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return trimSegments(parts);
}

/** `/a/b/` and `/a/b` are the same path: the leading empty segment and one trailing empty one are dropped. */
function trimSegments(parts: string[]): string[] {
  const out = parts[0] === '' ? parts.slice(1) : parts;
  if (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function parseSegment(text: string): Segment {
  const whole = /^\{([^{}]+)\}$/.exec(text);
  if (whole) return { kind: 'param', name: whole[1]! };
  if (!text.includes('{')) return { kind: 'literal', text };
  const names: string[] = [];
  let source = '';
  let key = '';
  for (const piece of text.split(/(\{[^{}]*\})/)) {
    const m = /^\{([^{}]*)\}$/.exec(piece);
    if (m) {
      names.push(m[1]!);
      source += '(.+?)';
      key += '{}';
    } else {
      source += escapeRegex(piece);
      key += piece;
    }
  }
  return { kind: 'pattern', key, regex: new RegExp(`^${source}$`), names };
}

export interface PathMatch<T> {
  /** Routes for the request's method, in the order they were added. */
  routes: { value: T; params: Record<string, string> }[];
  /** Every method the path answers to (for 405's `Allow`). */
  methods: string[];
}

export class PathTrie<T> {
  private readonly root: Node<T> = newNode<T>();

  add(method: string, template: string, value: T): void {
    let node = this.root;
    const names: string[] = [];
    for (const text of splitTemplate(template)) {
      const seg = parseSegment(text);
      if (seg.kind === 'literal') {
        let next = node.literal.get(seg.text);
        if (!next) node.literal.set(seg.text, (next = newNode<T>()));
        node = next;
      } else if (seg.kind === 'param') {
        names.push(seg.name);
        node = node.param ??= newNode<T>();
      } else {
        names.push(...seg.names);
        let entry = node.patterns.find((p) => p.key === seg.key);
        if (!entry) node.patterns.push((entry = { key: seg.key, regex: seg.regex, node: newNode<T>() }));
        node = entry.node;
      }
    }
    const list = node.routes.get(method) ?? [];
    list.push({ value, names });
    node.routes.set(method, list);
  }

  /**
   * Matches decoded path segments (see `splitRequestPath`). Literal segments win
   * over parameters, but a literal branch that has no route for the method gives
   * way to a parameter branch that has one (`DELETE /attachments/detail`
   * reaches `DELETE /attachments/{id}`, as in the Routes library OpenStack uses).
   * Returns undefined when no template matches the path at all.
   */
  match(method: string, segments: string[]): PathMatch<T> | undefined {
    let firstLeaf: Node<T> | undefined;
    const values: string[] = [];
    const walk = (node: Node<T>, i: number): Node<T> | undefined => {
      if (i === segments.length) {
        if (node.routes.size === 0) return undefined;
        firstLeaf ??= node;
        return node.routes.has(method) ? node : undefined;
      }
      const seg = segments[i]!;
      const lit = node.literal.get(seg);
      if (lit) {
        const found = walk(lit, i + 1);
        if (found) return found;
      }
      for (const p of node.patterns) {
        const m = p.regex.exec(seg);
        if (!m) continue;
        const groups = m.slice(1) as string[];
        values.push(...groups);
        const found = walk(p.node, i + 1);
        if (found) return found;
        values.length -= groups.length;
      }
      if (node.param && seg !== '') {
        values.push(seg);
        const found = walk(node.param, i + 1);
        if (found) return found;
        values.pop();
      }
      return undefined;
    };
    const leaf = walk(this.root, 0);
    if (!leaf) return firstLeaf ? { routes: [], methods: [...firstLeaf.routes.keys()] } : undefined;
    const routes = (leaf.routes.get(method) ?? []).map(({ value, names }) => {
      const params: Record<string, string> = Object.create(null) as Record<string, string>;
      names.forEach((name, k) => {
        params[name] = values[k]!;
      });
      return { value, params };
    });
    return { routes, methods: [...leaf.routes.keys()] };
  }
}

/** Splits and percent-decodes a request path; undefined when its encoding is malformed. */
export function splitRequestPath(pathname: string): string[] | undefined {
  try {
    return trimSegments(pathname.split('/')).map((s) => decodeURIComponent(s));
  } catch {
    return undefined;
  }
}
