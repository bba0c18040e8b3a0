import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { buildModel } from '../generator/model/build.ts';
import { conventionalErrorName } from '../generator/frontend/status-codes.ts';
import { fixtureTree, rst } from './helpers/fixture-tree.ts';

const STATUS = rst`
  200:
    default: Request was successful.
  401:
    default: User must authenticate.
    auth_receipt: Supplied some auth methods, but not enough.
    auth_failed: Authentication attempt has failed.
  409:
    default: This operation conflicted.
    in_use: The thing is in use.
`;

/** The model of one operation whose body (after the rest_method) is `text`. */
function build(text: string): ReturnType<typeof buildModel> {
  const dir = fixtureTree({ 'index.rst': `Op\n==\n\n.. rest_method:: GET /x\n\n${text}\n`, 'status.yaml': STATUS });
  return buildModel(join(dir, 'index.rst'), { pathBase: dir });
}

const rows = (model: ReturnType<typeof buildModel>) => model.operations[0]!.responses.map((r) => [r.status, r.kind, r.name, r.description]);
const codes = (model: ReturnType<typeof buildModel>) => model.diagnostics.map((d) => d.code);

describe('rest_status_code', () => {
  it('keeps a code listed as a success and as an error (keystone 401: auth_receipt / auth_failed)', () => {
    const model = build(rst`
      .. rest_status_code:: success status.yaml

        - 401: auth_receipt

      .. rest_status_code:: error status.yaml

        - 401: auth_failed
    `);
    expect(rows(model)).toEqual([
      [401, 'success', undefined, 'Supplied some auth methods, but not enough.'],
      [401, 'error', 'unauthorized', 'Authentication attempt has failed.'],
    ]);
  });

  it('names the envelope conventionally; the key only picks the text, and a second text of the code is kept', () => {
    const model = build(rst`
      .. rest_status_code:: error status.yaml

        - 409: in_use
        - 409
    `);
    expect(rows(model)).toEqual([[409, 'error', 'conflict', 'The thing is in use.\n\nThis operation conflicted.']]);
  });
});

describe('status lines', () => {
  const labels = ['Normal response code(s): 200, 203', 'Normal response codes 200, 203', 'Normal Response Codes: 200, 203', 'Success codes - 200, 203', 'Normal response Code(s) 200, 203'];
  it.each(labels)('reads %j', (line) => {
    const model = build(line);
    expect(rows(model).map((r) => r[0])).toEqual([200, 203]);
    expect(codes(model)).not.toContain('APIREF-STATUS-UNPARSED');
  });

  it('normalises error names written in another case to the conventional one, and keeps unknown names', () => {
    const model = build('Error response codes: BADREQUEST(400), notfound(404), Conflict (409), NotImplemented(501), FirewallGroupNotFound(410)');
    expect(rows(model).map((r) => r[2])).toEqual(['badRequest', 'itemNotFound', 'conflict', 'FirewallGroupNotFound', 'notImplemented']);
  });

  it.each([
    ['badrequest', 400, 'badRequest'],
    ['Not Found', 404, 'itemNotFound'],
    ['notFound', 404, 'itemNotFound'],
    ['Item_Not_Found', 404, 'itemNotFound'],
    ['methodNotImplemented', 501, 'methodNotImplemented'],
    // A conventional name of another status keeps its spelling, not the status's name.
    ['COMPUTEFAULT', 400, 'computeFault'],
  ] as const)('conventionalErrorName(%j, %d) is %j', (name, status, expected) => {
    expect(conventionalErrorName(name, status)).toBe(expected);
  });

  it('reads one name given to several codes, for each of them, as written', () => {
    const model = build('Error response codes: computeFault(400, 500), itemNotFound(404)');
    expect(rows(model)).toEqual([
      [400, 'error', 'computeFault', undefined],
      [404, 'error', 'itemNotFound', undefined],
      [500, 'error', 'computeFault', undefined],
    ]);
    expect(codes(model)).not.toContain('APIREF-STATUS-UNPARSED');
  });

  it('reads each bullet of a tight list under "Error codes:" as its own code', () => {
    const model = build('Error codes:\n\n- ``400`` bad\n- ``404`` missing\n  and gone');
    expect(rows(model)).toEqual([
      [400, 'error', 'badRequest', 'bad'],
      [404, 'error', 'itemNotFound', 'missing and gone'],
    ]);
    expect(model.operations[0]!.responses[1]!.source.line).toBe(9);
  });

  it('reads bullets written right under "Error codes:", without a blank line', () => {
    const model = build('Error codes:\n- ``400`` bad\n- ``404`` missing');
    expect(rows(model).map((r) => [r[0], r[3]])).toEqual([
      [400, 'bad'],
      [404, 'missing'],
    ]);
    expect(model.operations[0]!.description).toBe('');
  });

  it('leaves prose that only starts like a status line alone', () => {
    const model = build(rst`
      Error codes are described in the error guide.

      Normal response codes: 200
      Returns 404 when the thing is missing.
    `);
    expect(rows(model)).toEqual([[200, 'success', undefined, undefined]]);
    expect(model.operations[0]!.description).toBe('Error codes are described in the error guide.\n\nReturns 404 when the thing is missing.');
    expect(codes(model)).not.toContain('APIREF-STATUS-UNPARSED');
  });

  it('still reads a list wrapped over lines, and a line that ends in a comma', () => {
    const model = build('Error response codes: unauthorized(401),\nitemNotFound(404), 409\nError response codes: 400,\nConflict 412');
    expect(rows(model).map((r) => [r[0], r[2]])).toEqual([
      [400, 'badRequest'],
      [401, 'unauthorized'],
      [404, 'itemNotFound'],
      [409, 'conflict'],
      [412, 'conflict'],
    ]);
  });
});
