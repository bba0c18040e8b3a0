import type { Operation } from '../../generator/model/ir.ts';

/** Where hand-made test operations say they come from. */
export const FIXTURE_SOURCE = { file: 'x.inc', line: 1 };

/**
 * A hand-made operation for focused tests: the given method and path, its
 * title the id, in section `s`, documented 200, and nothing else unless
 * `extra` says so. `pathParams: true` documents every `{name}` of the path.
 */
export function makeOperation(id: string, method: Operation['method'], path: string, extra: Partial<Operation> = {}, options: { pathParams?: boolean } = {}): Operation {
  const pathParams = options.pathParams
    ? [...path.matchAll(/\{([^{}]+)\}/g)].map((m) => ({ name: m[1]!, key: m[1]!, in: 'path' as const, description: '', required: true, schema: { type: 'string' as const }, source: FIXTURE_SOURCE }))
    : [];
  return {
    id,
    method,
    path,
    rawPath: path,
    title: id,
    section: 's',
    description: '',
    versionNotes: [],
    parameters: { path: pathParams, query: [], header: [] },
    responseHeaders: [],
    responses: [{ status: 200, kind: 'success', source: FIXTURE_SOURCE }],
    source: FIXTURE_SOURCE,
    ...extra,
  };
}
