/**
 * JSON paths as failure messages and drift reports write them:
 * `$.attachment.connection_info`, `$.attachments[0].status`,
 * `$["os-complete"]`. Drift reports use the generic form, where every array
 * index is `[*]`, so that one undocumented field in a list of 100 items is one
 * entry, and a known-drift file stays stable.
 */

export type PathSegment = string | number;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function jsonPath(segments: readonly PathSegment[]): string {
  let out = '$';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (s === '*') out += '[*]';
    else out += IDENTIFIER.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`;
  }
  return out;
}

/** The same path with every array index replaced by `[*]`. */
export function genericJsonPath(segments: readonly PathSegment[]): string {
  return jsonPath(segments.map((s) => (typeof s === 'number' ? '*' : s)));
}

/** Segments from an ajv `instancePath` (`/attachments/0/status`, with `~0` and `~1` escapes). */
export function segmentsFromPointer(pointer: string): PathSegment[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^(0|[1-9]\d*)$/.test(s) ? Number(s) : s));
}
