import { STATUS_CODES } from 'node:http';
import type { ResponseCode, SourceLocation } from '../model/ir.ts';
import { normalizeVersion } from './yaml/parameters.ts';

/**
 * The plain-text response code lines older api-refs use, in their real variants:
 *   Normal response codes: 200, 202
 *   Normal response code(s): 200, 203
 *   Normal Response Code: 202 (Accepted)
 *   Error response codes: badRequest(400), itemNotFound(404),
 *   conflict(409)
 *   Normal response codes: 200 (microversions 2.0 - 2.100), 202 (microversion 2.101 - )
 * The label must be followed by a colon (or a dash), or directly by codes: a sentence
 * that merely starts with the words ("Error codes are described in the guide.") is prose.
 */
export const STATUS_LINE = /^\s*(normal|success(?:ful)?|error|failure)\s+(?:response\s+|status\s+)?code(?:s|\(s\))?(?:\s*[:\-–]\s*|\s+(?=(?:[A-Za-z]+\s*)?\(?\d{3}\b))(.*)$/i;

/**
 * A line that goes on a wrapped status list: it starts with a code (`404`, `404 (Not Found)`)
 * or a name glued to one (`itemNotFound(404)`). "Returns 404 when …" is a sentence, not a code.
 */
const STATUS_CONTINUATION = /^\s*(?:\d{3}\b|[A-Za-z]\w*\s*\(\s*\d{3}\s*\))/;

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

/** Lower-cased, spaces removed: `Bad Request`, `BADREQUEST` and `badRequest` compare equal. */
const squash = (name: string): string => name.replace(/[\s_-]+/g, '').toLowerCase();

const CONVENTIONAL_BY_SQUASHED = new Map(Object.values(ERROR_NAMES).map((n) => [squash(n), n]));

/**
 * The conventional spelling of an error name as an author wrote it: any case of a
 * conventional name (`BADREQUEST`, `NotImplemented`) is that name, and the status's
 * HTTP reason phrase (`Not Found`, `notfound` for 404) is the status's conventional
 * name. Any other name (`FirewallGroupNotFound`) is kept as written.
 */
export function conventionalErrorName(name: string, status: number): string {
  const key = squash(name);
  const conventional = CONVENTIONAL_BY_SQUASHED.get(key);
  if (conventional) return conventional;
  const reason = STATUS_CODES[status];
  if (reason && ERROR_NAMES[status] && squash(reason) === key) return ERROR_NAMES[status];
  return name;
}

export interface StatusLine {
  kind: 'success' | 'error';
  text: string;
  at: SourceLocation;
}

/** Whether a line after a status line still belongs to its list. */
export function continuesStatusList(listText: string, line: string): boolean {
  const before = listText.trim();
  return STATUS_CONTINUATION.test(line) || ((before.endsWith(',') || /\band$/i.test(before)) && /\d{3}/.test(line));
}

/** Splits on commas and semicolons outside parentheses; "and" joins the last item. */
function splitItems(text: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth = Math.max(0, depth - 1);
    if ((ch === ',' || ch === ';') && depth === 0) {
      items.push(cur);
      cur = '';
    } else cur += ch;
  }
  items.push(cur);
  return items.flatMap((s) => s.split(/\s+and\s+/i)).flatMap(expandGroup);
}

/**
 * `computeFault(400, 500)` names several codes at once: it is read as
 * `computeFault(400), computeFault(500)`, the name as the author wrote it for each
 * (it is what the document says the envelope is called; the conventional name of
 * a bare code applies only when no name is written).
 */
function expandGroup(item: string): string[] {
  const m = /^\s*([A-Za-z][\w ]*?)\s*\(\s*(\d{3}(?:\s*,\s*\d{3})+)\s*\)\s*$/.exec(item);
  if (!m) return [item];
  return m[2]!.split(/\s*,\s*/).map((code) => `${m[1]}(${code})`);
}

/**
 * Items of a status line: `404`, `itemNotFound(404)`, `itemNotFound (404)`,
 * `202 (Accepted)`, `200 (microversions 2.0 - 2.100)`, `Conflict 409`.
 */
export function parseStatusItems(line: StatusLine): { codes: ResponseCode[]; unparsed: string[] } {
  const codes: ResponseCode[] = [];
  const unparsed: string[] = [];
  for (const rawItem of splitItems(line.text)) {
    const item = rawItem.trim().replace(/[.]+$/, '').trim();
    if (item === '') continue;
    const code = parseStatusItem(item, line);
    if (code) codes.push(code);
    else unparsed.push(item);
  }
  return { codes, unparsed };
}

function parseStatusItem(item: string, line: StatusLine): ResponseCode | undefined {
  const m = /^(?:([A-Za-z][\w ]*?)\s*)?\(?\s*(\d{3})\s*\)?\s*(?:\((.*)\))?\s*([A-Za-z][\w ]*)?$/.exec(item);
  if (!m) return undefined;
  const status = Number(m[2]);
  const code: ResponseCode = { status, kind: line.kind, source: line.at };
  const name = m[1]?.trim() || undefined;
  const paren = m[3]?.trim();
  if (name) code.name = conventionalErrorName(name, status);
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
  return code;
}

/** `- ``400`` The request is malformed.` — one item of a bulleted code list. */
const STATUS_BULLET = /^[-*+]\s+`{0,2}(\d{3})`{0,2}(?=\s|$|[:\-–])\s*[:\-–]?\s*(.*)$/;
const BULLET_START = /^\s*[-*+]\s/;

/**
 * The items of a bullet list, one per bullet, each with the index of its first line:
 * a tight list (no blank lines between items) is one paragraph, and each bullet in it
 * is still its own item; lines that do not start a bullet continue the item before them.
 */
export function bulletItems(lines: string[]): { text: string; first: number }[] {
  const items: { text: string; first: number }[] = [];
  lines.forEach((line, i) => {
    if (BULLET_START.test(line) || items.length === 0) items.push({ text: line.trim(), first: i });
    else items[items.length - 1]!.text += ` ${line.trim()}`;
  });
  return items;
}

/** A bullet that is a response code (`- ``404`` Not there.`), or undefined. */
export function parseStatusBullet(item: string, kind: 'success' | 'error', at: SourceLocation): ResponseCode | undefined {
  const m = STATUS_BULLET.exec(item.trim());
  if (!m) return undefined;
  const code: ResponseCode = { status: Number(m[1]), kind, source: at };
  const name = ERROR_NAMES[code.status];
  if (kind === 'error' && name) code.name = name;
  if (m[2]) code.description = m[2];
  return code;
}

/** Whether a line starts a bullet list item. */
export function isBulletLine(line: string): boolean {
  return BULLET_START.test(line);
}
