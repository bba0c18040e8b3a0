import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { buildModel } from '../generator/model/build.ts';
import { fixtureTree, rst } from './helpers/fixture-tree.ts';

const PARAMS = rst`
  project_id:
    description: The project.
    in: path
    required: true
    type: string
  thing_id:
    description: The thing.
    in: path
    required: true
    type: string
`;

function codes(model: ReturnType<typeof buildModel>): string[] {
  return model.diagnostics.map((d) => d.code);
}

describe('includes and documents', () => {
  it('resolves includes relative to the including file, recursively, and reports cycles', () => {
    const dir = fixtureTree({
      'index.rst': rst`
        API
        ===

        .. include:: sub/a.inc
      `,
      'sub/a.inc': rst`
        .. include:: deeper/b.inc
      `,
      'sub/deeper/b.inc': rst`
        Things
        ------

        Get thing
        ~~~~~~~~~

        .. rest_method:: GET /things

        Normal response codes: 200

        .. include:: ../a.inc
      `,
      'parameters.yaml': PARAMS,
    });
    const model = buildModel(join(dir, 'index.rst'), { pathBase: dir });
    expect(model.operations.map((o) => o.path)).toEqual(['/things']);
    const cycle = model.diagnostics.find((d) => d.code === 'APIREF-INCLUDE-CYCLE');
    expect(cycle?.message).toContain('sub/a.inc -> sub/deeper/b.inc -> sub/a.inc');
    expect(cycle).toMatchObject({ severity: 'error', file: 'sub/deeper/b.inc', line: 11 });
  });

  it('reports a missing include with the file and line that named it', () => {
    const dir = fixtureTree({ 'index.rst': 'Title\n=====\n\n.. include:: nope.inc\n' });
    const model = buildModel(join(dir, 'index.rst'), { pathBase: dir });
    expect(model.diagnostics).toContainEqual(expect.objectContaining({ code: 'APIREF-FILE-MISSING', file: 'index.rst', line: 4 }));
  });

  it('follows toctree entries as further pages of the same API, each with its own directory', () => {
    const dir = fixtureTree({
      'index.rst': rst`
        API
        ===

        .. toctree::
           :maxdepth: 1

           Volumes <v1/volumes>
           self
      `,
      'v1/volumes.rst': rst`
        Volumes
        =======

        List volumes
        ------------

        .. rest_method:: GET /v1/volumes

        .. rest_parameters:: parameters.yaml

           - limit: limit
      `,
      'v1/parameters.yaml': 'limit:\n  description: Page size.\n  in: query\n  required: false\n  type: integer\n',
    });
    const model = buildModel(join(dir, 'index.rst'), { pathBase: dir });
    expect(model.operations).toHaveLength(1);
    expect(model.operations[0]!.parameters.query.map((p) => p.name)).toEqual(['limit']);
    expect(buildModel(join(dir, 'index.rst'), { pathBase: dir, followToctree: false }).operations).toHaveLength(0);
  });

  it('resolves directive paths against the top-level document directory, as Sphinx does', () => {
    const dir = fixtureTree({
      'source/index.rst': 'API\n===\n\n.. include:: pages/things.inc\n',
      'source/pages/things.inc': rst`
        Get thing
        ---------

        .. rest_method:: GET /things/{thing_id}

        .. rest_parameters:: parameters.yaml

           - thing_id: thing_id

        .. literalinclude:: samples/thing.json
      `,
      'source/parameters.yaml': PARAMS,
      'source/samples/thing.json': '{"thing": {"id": "x"}}',
      // A decoy beside the .inc: Sphinx would not read it, and neither may apiref.
      'source/pages/parameters.yaml': 'thing_id:\n  in: query\n  type: string\n',
    });
    const model = buildModel(join(dir, 'source/index.rst'), { pathBase: dir });
    const op = model.operations[0]!;
    expect(op.parameters.path.map((p) => [p.name, p.source.file])).toEqual([['thing_id', 'source/pages/things.inc']]);
    expect(op.response?.envelope).toBe('thing');
    expect(codes(model)).not.toContain('APIREF-FILE-MISSING');
  });

  it('says where a file Sphinx cannot find would have been found', () => {
    const dir = fixtureTree({
      'index.rst': 'API\n===\n\n.. include:: pages/things.inc\n',
      'pages/things.inc': 'Get\n---\n\n.. rest_method:: GET /x\n\n.. literalinclude:: x.json\n',
      'pages/x.json': '{}',
    });
    const model = buildModel(join(dir, 'index.rst'), { pathBase: dir });
    const missing = model.diagnostics.find((d) => d.code === 'APIREF-FILE-MISSING');
    expect(missing).toMatchObject({ file: 'pages/things.inc', line: 6 });
    expect(missing?.message).toContain('exists relative to pages/things.inc');
  });
});

describe('rest_method', () => {
  const cases: [string, string, string, string?][] = [
    ['GET /v3/{project_id}/things', 'GET', '/v3/{project_id}/things'],
    ['get v2/things', 'GET', '/v2/things'],
    ['POST /v2.0/things/?fields=id', 'POST', '/v2.0/things/', 'fields=id'],
    ['PUT /v2.0/floatingips/{region}:{floatingip_id}', 'PUT', '/v2.0/floatingips/{region}:{floatingip_id}'],
    ['DELETE /v1/{policy-id}/rules/{rule/name}', 'DELETE', '/v1/{policy-id}/rules/{rule/name}'],
    ['GET\u00a0/v1/\u200bzero\u200bwidth', 'GET', '/v1/zerowidth'],
  ];
  it.each(cases)('reads %j', (argument, method, path, query) => {
    const dir = fixtureTree({ 'index.rst': `Op\n==\n\n.. rest_method:: ${argument}\n` });
    const op = buildModel(join(dir, 'index.rst'), { pathBase: dir }).operations[0]!;
    expect(op.method).toBe(method);
    expect(op.path).toBe(path);
    expect(op.fixedQuery).toBe(query);
  });

  it('reads method and path from the next line, and the METHOD placeholder with a warning', () => {
    const dir = fixtureTree({
      'index.rst': rst`
        One
        ===

        .. rest_method::
           PATCH /v1/things/{thing_id}

        Two
        ===

        .. rest_method:: METHOD /v1/placeholder
      `,
    });
    const model = buildModel(join(dir, 'index.rst'), { pathBase: dir });
    expect(model.operations.map((o) => `${o.method} ${o.path}`)).toEqual(['PATCH /v1/things/{thing_id}', 'GET /v1/placeholder']);
    expect(model.diagnostics).toContainEqual(expect.objectContaining({ code: 'APIREF-REST-METHOD-PLACEHOLDER', line: 10 }));
    // A path parameter the stanza does not list is still a parameter of the operation.
    expect(model.operations[0]!.parameters.path.map((p) => p.name)).toEqual(['thing_id']);
    expect(codes(model)).toContain('APIREF-PATH-PARAM-MISSING');
  });
});

describe('operation boundaries and headings', () => {
  it('runs an operation to the next rest_method or the next heading at its level, with prose before the rest_method', () => {
    const dir = fixtureTree({
      'index.rst': rst`
        Things
        ======

        Intro to things.

        List things
        -----------

        Lists every thing you own.

        .. rest_method:: GET /things

        Normal response codes: 200

        And then the second one under the same heading.

        .. rest_method:: GET /things/detail

        Normal response codes: 203

        Unrelated
        ---------

        This text belongs to no operation. Normal response codes: 418
      `,
    });
    const model = buildModel(join(dir, 'index.rst'), { pathBase: dir });
    const [list, detail] = model.operations;
    // The prose between the two rest_methods belongs to the first: an operation runs to the next rest_method.
    expect(list!.description).toBe('Lists every thing you own.\n\nAnd then the second one under the same heading.');
    expect(detail!.description).toBe('');
    // Text under a later heading of the same level is the section's, not the operation's.
    expect(model.sections.find((s) => s.id === 'unrelated')?.description).toContain('belongs to no operation');
    expect(list!.responses.map((r) => r.status)).toEqual([200]);
    expect(detail!.responses.map((r) => r.status)).toEqual([203]);
    expect([list!.id, detail!.id]).toEqual(['listThings', 'listThings2']);
    expect(list!.section).toBe('things');
    expect(model.sections.map((s) => s.id)).toContain('things');
  });

  it('reads overline titles, including one right after an include (neutron)', () => {
    const dir = fixtureTree({
      'index.rst': rst`
        ==========
        Networking
        ==========

        .. include:: intro.inc

        ========
        Networks
        ========

        .. include:: networks.inc
      `,
      'intro.inc': 'Some intro text.\n',
      'networks.inc': rst`
        List networks
        =============

        .. rest_method:: GET /v2.0/networks

        Create network
        ==============

        .. rest_method:: POST /v2.0/networks
      `,
    });
    const model = buildModel(join(dir, 'index.rst'), { pathBase: dir });
    expect(model.operations.map((o) => `${o.method} ${o.path} ${o.section}`)).toEqual([
      'GET /v2.0/networks networks',
      'POST /v2.0/networks networks',
    ]);
  });

  it('keeps reading after a bare :: literal block (swift)', () => {
    const dir = fixtureTree({
      'index.rst': rst`
        Containers
        ==========

        Example::

            GET /v1/a/c HTTP/1.1
            ----------
            Host: x

        ::

            not a heading
            =============

        Show container
        --------------

        .. rest_method:: HEAD /v1/{account}/{container}

        Delete container
        ----------------

        .. rest_method:: DELETE /v1/{account}/{container}
      `,
    });
    const model = buildModel(join(dir, 'index.rst'), { pathBase: dir });
    expect(model.operations.map((o) => o.method)).toEqual(['HEAD', 'DELETE']);
    expect(model.sections[0]!.description).toContain('```');
  });

  it('tolerates an operation sub-heading written at the operation level', () => {
    const dir = fixtureTree({
      'index.rst': rst`
        API
        ===

        Create thing
        ------------

        .. rest_method:: POST /things

        Request
        -------

        .. rest_parameters:: parameters.yaml

           - name: name

        Delete thing
        ------------

        .. rest_method:: DELETE /things/{thing_id}
      `,
      'parameters.yaml': 'name:\n  description: Name.\n  in: body\n  required: true\n  type: string\n',
    });
    const model = buildModel(join(dir, 'index.rst'), { pathBase: dir });
    expect(model.operations[0]!.request?.fields.map((f) => f.name)).toEqual(['name']);
    expect(model.operations).toHaveLength(2);
    expect(codes(model)).toContain('APIREF-HEADING-LEVEL');
  });

  it('turns RST prose into Markdown: inline markup, links, notes, grid tables', () => {
    const dir = fixtureTree({
      'index.rst': [
        'Things',
        '======',
        '',
        'Show thing',
        '----------',
        '',
        '.. rest_method:: GET /things/{id}',
        '',
        'Shows a **thing** with ``id`` (see `the docs <https://example.org/x>`_ and :ref:`Other <other>`).',
        '',
        '.. note:: Only *admins* see `hidden` things.',
        '',
        '+--------+-------------+',
        '| Status | Meaning     |',
        '+========+=============+',
        '| ok     | It works    |',
        '|        | fine.       |',
        '+--------+-------------+',
        '',
      ].join('\n'),
    });
    const description = buildModel(join(dir, 'index.rst'), { pathBase: dir }).operations[0]!.description;
    expect(description).toContain('Shows a **thing** with `id` (see [the docs](https://example.org/x) and Other).');
    expect(description).toContain('> **Note:** Only *admins* see *hidden* things.');
    expect(description).toContain('| Status | Meaning |\n| --- | --- |\n| ok | It works fine. |');
  });
});

describe('response codes', () => {
  it('reads rest_status_code directives with texts from the status file', () => {
    const root = fixtureTree({
      'v3/index.rst': rst`
        Delete
        ======

        .. rest_method:: DELETE /things/{id}

        .. rest_status_code:: success ../status.yaml

           - 202

        .. rest_status_code:: error ../status.yaml

           - 404
           - 409: conflict_in_use
      `,
      'status.yaml': rst`
        202:
          default: Accepted.
        404:
          default: Not found.
        409:
          default: Conflict.
          conflict_in_use: The thing is in use.
      `,
    });
    const op = buildModel(join(root, 'v3/index.rst'), { pathBase: root }).operations[0]!;
    expect(op.responses.map((r) => [r.status, r.kind, r.name, r.description])).toEqual([
      [202, 'success', undefined, 'Accepted.'],
      [404, 'error', 'itemNotFound', 'Not found.'],
      // The key picks the text; the envelope name stays the status's conventional one.
      [409, 'error', 'conflict', 'The thing is in use.'],
    ]);
  });

  const lines: [string, (number | string | undefined)[][]][] = [
    ['Normal response codes: 200, 202', [[200, 'success'], [202, 'success']]],
    ['Normal Response Code: 202 (Accepted)', [[202, 'success']]],
    ['Error response codes: badRequest(400), itemNotFound(404)', [[400, 'error', 'badRequest'], [404, 'error', 'itemNotFound']]],
    ['Error response codes: 401,403, Conflict (409)', [[401, 'error', 'unauthorized'], [403, 'error', 'forbidden'], [409, 'error', 'conflict']]],
    ['Error response codes: unauthorized(401), forbidden(403),\nitemNotFound(404), conflict(409)', [[401, 'error', 'unauthorized'], [403, 'error', 'forbidden'], [404, 'error', 'itemNotFound'], [409, 'error', 'conflict']]],
    ['Normal response codes: 200 (microversions 2.0 - 2.100), 202 (microversion 2.101 - )', [[200, 'success', undefined, '2.0', '2.100'], [202, 'success', undefined, '2.101']]],
    ['Error response codes: BadRequest(400) and Unauthorized(401).', [[400, 'error', 'badRequest'], [401, 'error', 'unauthorized']]],
    ['Normal response codes: 200\nError response codes: 400', [[200, 'success'], [400, 'error', 'badRequest']]],
    ['Error codes:\n\n- ``400`` The request is malformed.\n\n- ``404`` Not there.', [[400, 'error', 'badRequest'], [404, 'error', 'itemNotFound']]],
  ];
  it.each(lines)('reads %j', (line, expected) => {
    const dir = fixtureTree({ 'index.rst': `Op\n==\n\n.. rest_method:: GET /x\n\n${line}\n` });
    const model = buildModel(join(dir, 'index.rst'), { pathBase: dir });
    const got = model.operations[0]!.responses.map((r) => {
      const row: (string | number | undefined)[] = [r.status, r.kind, r.name, r.minVersion, r.maxVersion];
      while (row.length > 2 && row[row.length - 1] === undefined) row.pop();
      return row;
    });
    expect(got).toEqual(expected);
    expect(model.operations[0]!.description).not.toMatch(/response code/i);
  });
});
