import type { HttpMethod } from '../model/ir.ts';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'COPY']);

export interface RestMethod {
  /** The method, or undefined for the `METHOD` placeholder and other unknown words. */
  method: HttpMethod | undefined;
  methodText: string;
  rawPath: string;
  path: string;
  fixedQuery?: string;
}

/**
 * Reads a `rest_method` argument: `GET /v3/{project_id}/attachments`, also
 * split over two lines, without a leading slash, with a query string or a
 * trailing slash. The normalized path has a leading slash and no query; a
 * trailing slash is kept (it is part of the route on some services).
 */
export function parseRestMethod(argument: string): RestMethod | undefined {
  const m = /^([A-Za-z]+)\s+(\S.*)$/.exec(argument.trim());
  if (!m) return undefined;
  const methodText = m[1]!;
  const rawPath = m[2]!.trim().split(/\s+/)[0]!;
  const upper = methodText.toUpperCase();
  const [pathPart, query] = splitQuery(rawPath);
  const path = pathPart.startsWith('/') ? pathPart : `/${pathPart}`;
  const result: RestMethod = {
    method: METHODS.has(upper) ? (upper as HttpMethod) : undefined,
    methodText,
    rawPath,
    path,
  };
  if (query) result.fixedQuery = query;
  return result;
}

/** Splits at the first `?` that is outside `{…}`. */
function splitQuery(raw: string): [string, string | undefined] {
  let depth = 0;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (ch === '{') depth++;
    else if (ch === '}') depth--;
    else if (ch === '?' && depth === 0) return [raw.slice(0, i), raw.slice(i + 1)];
  }
  return [raw, undefined];
}

/** The `{names}` in a path template, in order; glued ones (`{a}:{b}`) included. */
export function pathParameterNames(path: string): string[] {
  return [...path.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1]!);
}
