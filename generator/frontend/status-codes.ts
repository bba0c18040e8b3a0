import type { ResponseCode, SourceLocation } from '../model/ir.ts';
import { normalizeVersion } from './yaml/parameters.ts';

/**
 * The plain-text response code lines older api-refs use, in their real variants:
 *   Normal response codes: 200, 202
 *   Normal Response Code: 202 (Accepted)
 *   Error response codes: badRequest(400), itemNotFound(404),
 *   conflict(409)
 *   Normal response codes: 200 (microversions 2.0 - 2.100), 202 (microversion 2.101 - )
 */
export const STATUS_LINE = /^\s*(normal|success(?:ful)?|error|failure)\s+(?:response\s+|status\s+)?codes?\s*[:\-]?\s*(.*)$/i;

/** Conventional names of HTTP errors in OpenStack's error envelopes. */
export const ERROR_NAMES: Record<number, string> = {
  400: 'badRequest',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'itemNotFound',
  405: 'badMethod',
  406: 'notAcceptable',
  409: 'conflict',
  413: 'overLimit',
  415: 'badMediaType',
  422: 'unprocessableEntity',
  429: 'overLimit',
  500: 'computeFault',
  501: 'notImplemented',
  503: 'serviceUnavailable',
};

export interface StatusLine {
  kind: 'success' | 'error';
  text: string;
  at: SourceLocation;
}

/**
 * Items of a status line: `404`, `itemNotFound(404)`, `itemNotFound (404)`,
 * `202 (Accepted)`, `200 (microversions 2.0 - 2.100)`, `Conflict 409`.
 */
export function parseStatusItems(line: StatusLine): { codes: ResponseCode[]; unparsed: string[] } {
  const codes: ResponseCode[] = [];
  const unparsed: string[] = [];
  // Split on commas and semicolons that are not inside parentheses; "and" joins the last item.
  const items: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of line.text) {
    if (ch === '(') depth++;
    if (ch === ')') depth = Math.max(0, depth - 1);
    if ((ch === ',' || ch === ';') && depth === 0) {
      items.push(cur);
      cur = '';
    } else cur += ch;
  }
  items.push(cur);
  for (const rawItem of items.flatMap((s) => s.split(/\s+and\s+/i))) {
    const item = rawItem.trim().replace(/[.]+$/, '').trim();
    if (item === '') continue;
    const m = /^(?:([A-Za-z][\w ]*?)\s*)?\(?\s*(\d{3})\s*\)?\s*(?:\((.*)\))?\s*([A-Za-z][\w ]*)?$/.exec(item);
    if (!m) {
      unparsed.push(item);
      continue;
    }
    const status = Number(m[2]);
    const code: ResponseCode = { status, kind: line.kind, source: line.at };
    const name = m[1]?.trim() || undefined;
    const paren = m[3]?.trim();
    if (name) code.name = name;
    const range = paren ? /micro[- ]?versions?\s*(v?\d+\.\d+)?\s*(?:-|to|through)?\s*(v?\d+\.\d+)?/i.exec(paren) : null;
    if (range) {
      if (range[1]) code.minVersion = normalizeVersion(range[1]);
      if (range[2]) code.maxVersion = normalizeVersion(range[2]);
      if (/-\s*$/.test(paren!) && range[1]) delete code.maxVersion;
    } else if (paren) {
      code.description = paren;
    } else if (m[4]) {
      code.description = m[4].trim();
    }
    if (!code.name && line.kind === 'error' && ERROR_NAMES[status]) code.name = ERROR_NAMES[status];
    codes.push(code);
  }
  return { codes, unparsed };
}
