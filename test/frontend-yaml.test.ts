import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { buildModel } from '../generator/model/build.ts';
import { loadParameterFile } from '../generator/frontend/yaml/parameters.ts';
import { mapType } from '../generator/frontend/yaml/types.ts';
import { Diagnostics } from '../generator/diagnostics.ts';
import { fixtureTree, rst } from './helpers/fixture-tree.ts';

function load(text: string) {
  const diags = new Diagnostics();
  return { file: loadParameterFile(text, 'parameters.yaml', diags), diags: diags.items };
}

describe('parameters.yaml', () => {
  it('applies anchors, aliases and chained <<: merge keys, explicit keys winning', () => {
    const { file } = load(rst`
      base: &base
        in: body
        required: true
        type: string
        description: Base.
      middle: &middle
        <<: *base
        description: Middle.
      leaf:
        <<: *middle
        required: false
      alias: *base
    `);
    expect(file.defs.get('leaf')).toMatchObject({ in: 'body', required: false, type: 'string', description: 'Middle.' });
    expect(file.defs.get('alias')).toMatchObject({ in: 'body', required: true, description: 'Base.' });
    expect(file.order).toEqual(['base', 'middle', 'leaf', 'alias']);
    expect(file.defs.get('leaf')!.source.line).toBe(9);
  });

  it('reads microversions as written: 2.10 is not 2.1, 3.60 is not 3.6', () => {
    const { file } = load(rst`
      a:
        in: body
        type: string
        min_version: 2.10
        max_version: 3.60
      b:
        in: body
        type: string
        min_version: "2.100"
    `);
    expect(file.defs.get('a')).toMatchObject({ minVersion: '2.10', maxVersion: '3.60' });
    expect(file.defs.get('b')!.minVersion).toBe('2.100');
  });

  it('reports misspelt fields and still honours them', () => {
    const { file, diags } = load(rst`
      a:
        in: body
        requried: true
        descripition: The a.
        type: string
    `);
    expect(diags.filter((d) => d.code === 'APIREF-PARAM-MISSPELT').map((d) => d.message)).toEqual([
      'a: field "requried" looks like a misspelling of "required"',
      'a: field "descripition" looks like a misspelling of "description"',
    ]);
    expect(file.defs.get('a')).toMatchObject({ required: true, description: 'The a.' });
  });

  it('reports a missing type, an invalid in, an unmappable type, a non-mapping entry and an empty file', () => {
    const { diags } = load(rst`
      no_type:
        in: body
      bad_in:
        in: cookie
        type: string
      odd_type:
        in: body
        type: frobnicator
      scalar: just text
    `);
    expect(diags.map((d) => [d.code, d.line])).toEqual([
      ['APIREF-PARAM-NO-TYPE', 1],
      ['APIREF-PARAM-INVALID-IN', 3],
      ['APIREF-TYPE-UNMAPPED', 6],
      ['APIREF-PARAM-INVALID', 9],
    ]);
    expect(load('').diags.map((d) => d.code)).toEqual(['APIREF-PARAMS-EMPTY']);
    expect(load('a: [1\n').diags.map((d) => d.code)).toContain('APIREF-YAML-SYNTAX');
  });

  const spellings: [string, object][] = [
    ['string', { type: 'string' }],
    ['integer', { type: 'integer' }],
    ['int', { type: 'integer' }],
    ['float', { type: 'number' }],
    ['boolean', { type: 'boolean' }],
    ['bool', { type: 'boolean' }],
    ['uuid', { type: 'string', format: 'uuid' }],
    ['object', { type: 'object' }],
    ['dict', { type: 'object' }],
    ['dictionary', { type: 'object' }],
    ['array', { type: 'array' }],
    ['list', { type: 'array' }],
    ['none', { type: 'null' }],
    ['JSON', {}],
    ['enum', { type: 'string' }],
    ['datestamp', { type: 'string', format: 'date-time' }],
    ['hostname', { type: 'string', format: 'hostname' }],
    ['string or object', { anyOf: [{ type: 'string' }, { type: 'object' }] }],
    ['key-only, no value expected', {}],
    ['list of lists', { type: 'array', items: { type: 'array' } }],
    // A type that may also be null keeps its own name first (and its format).
    ['object (or null)', { type: ['object', 'null'] }],
    ['string or null', { type: ['string', 'null'] }],
    ['UUID, or None', { type: ['string', 'null'], format: 'uuid' }],
    ['nullable integer', { type: ['integer', 'null'] }],
    ['string or object or null', { anyOf: [{ type: 'string' }, { type: 'object' }, { type: 'null' }] }],
  ];
  it.each(spellings)('maps type %j to JSON Schema', (spelling, schema) => {
    expect(mapType(spelling)).toEqual({ schema, known: true });
  });

  it('leaves an unknown type open and says so', () => {
    expect(mapType('frobnicator')).toEqual({ schema: {}, known: false });
  });
});

const ACTION_PARAMS = rst`
  project_id:
    description: Project.
    in: path
    required: true
    type: string
  volume_id:
    description: Volume.
    in: path
    required: true
    type: string
  os-extend:
    description: The extend action.
    in: body
    required: true
    type: object
  new_size:
    description: New size in GiB.
    in: body
    required: true
    type: integer
  os-reset_status:
    description: The reset action.
    in: body
    required: true
    type: object
  status:
    description: New status.
    in: body
    required: true
    type: string
  attach_status:
    description: Attach status.
    in: body
    required: false
    type: string
    min_version: 3.10
`;

describe('operations, bodies and microversions', () => {
  it('keys each /action operation by its action, from the request sample envelope', () => {
    const dir = fixtureTree({
      'index.rst': rst`
        Volume actions
        ==============

        Extend a volume
        ---------------

        .. rest_method:: POST /v3/{project_id}/volumes/{volume_id}/action

        Normal response codes: 202

        .. rest_parameters:: parameters.yaml

           - project_id: project_id
           - volume_id: volume_id
           - os-extend: os-extend
           - new_size: new_size

        .. literalinclude:: samples/extend.json

        Reset status
        ------------

        .. rest_method:: POST /v3/{project_id}/volumes/{volume_id}/action

        .. versionadded:: 3.5

        Normal response codes: 202

        .. rest_parameters:: parameters.yaml

           - project_id: project_id
           - volume_id: volume_id
           - os-reset_status: os-reset_status
           - status: status
           - attach_status: attach_status
      `,
      'parameters.yaml': ACTION_PARAMS,
      'samples/extend.json': '{"os-extend": {"new_size": 3}}',
    });
    const model = buildModel(join(dir, 'index.rst'), { pathBase: dir });
    const [extend, reset] = model.operations;
    expect(extend!.action).toBe('os-extend');
    expect(extend!.request?.envelope).toBe('os-extend');
    expect(extend!.request?.schema).toMatchObject({ type: 'object', required: ['new_size'], properties: { new_size: { type: 'integer' } } });
    // Without a sample, the leading container parameter is the envelope and holds the rest.
    expect(reset!.action).toBe('os-reset_status');
    expect(reset!.request?.schema.properties?.['attach_status']).toMatchObject({ type: 'string', 'x-min-version': '3.10' });
    expect(reset!.request?.fields.map((f) => f.path.join('.'))).toEqual(['os-reset_status', 'os-reset_status.status', 'os-reset_status.attach_status']);
    expect(reset!.minVersion).toBe('3.5');
    expect(reset!.versionNotes[0]).toMatchObject({ kind: 'min', via: 'versionadded', source: { file: 'index.rst', line: 25 } });
    // The API's range covers field versions too: attach_status appears at 3.10.
    expect(model.api.maxVersion).toBe('3.10');
  });

  it('places flat-listed fields at their sample depth, reads dotted and {placeholder} names, fills open shapes', () => {
    const dir = fixtureTree({
      'index.rst': rst`
        Servers
        =======

        Create server
        -------------

        .. rest_method:: POST /servers

        .. rest_parameters:: parameters.yaml

           - server: server
           - name: name
           - block_device_mapping_v2: bdm
           - block_device_mapping_v2.boot_index: boot_index
           - metadata: metadata
           - {key}: meta_value

        .. literalinclude:: samples/req.json

        Response
        --------

        .. rest_parameters:: parameters.yaml

           - server: server
           - id: id
           - links: links

        .. literalinclude:: samples/resp.json
      `,
      'parameters.yaml': rst`
        server: {in: body, required: true, type: object, description: The server.}
        name: {in: body, required: true, type: string, description: Its name.}
        bdm: {in: body, required: false, type: array, description: Block devices.}
        boot_index: {in: body, required: true, type: integer, description: Boot order.}
        metadata: {in: body, required: false, type: object, description: Metadata.}
        meta_value: {in: body, required: false, type: string, description: A value.}
        id: {in: body, required: true, type: string, description: Id.}
        links: {in: body, required: true, type: array, description: Links.}
      `,
      'samples/req.json': JSON.stringify({ server: { name: 'a', block_device_mapping_v2: [{ boot_index: 0, uuid: 'x' }], metadata: { k: 'v' } } }),
      'samples/resp.json': JSON.stringify({ server: { id: 'x', links: [{ rel: 'self', href: 'http://x' }] } }),
    });
    const op = buildModel(join(dir, 'index.rst'), { pathBase: dir }).operations[0]!;
    expect(op.request?.envelope).toBe('server');
    expect(op.request?.fields.map((f) => f.path.join('/'))).toEqual([
      'server',
      'server/name',
      'server/block_device_mapping_v2',
      'server/block_device_mapping_v2/[]/boot_index',
      'server/metadata',
      'server/metadata/{key}',
    ]);
    const schema = op.request!.schema;
    expect(schema.required).toEqual(['name']);
    expect(schema.properties?.['block_device_mapping_v2']?.items).toMatchObject({ required: ['boot_index'], properties: { boot_index: { type: 'integer' } } });
    expect(schema.properties?.['metadata']?.additionalProperties).toMatchObject({ type: 'string' });
    // `links` is documented as a bare array; the sample shows its items.
    expect(op.response?.schema.properties?.['links']?.items).toMatchObject({ type: 'object', properties: { rel: { type: 'string' }, href: { type: 'string' } } });
  });

  it('finds an undocumented envelope and list envelopes with their links', () => {
    const dir = fixtureTree({
      'index.rst': rst`
        List
        ====

        .. rest_method:: GET /things

        Response
        --------

        .. rest_parameters:: parameters.yaml

           - id: id

        .. literalinclude:: samples/list.json
      `,
      'parameters.yaml': 'id: {in: body, required: true, type: string, description: Id.}\n',
      'samples/list.json': JSON.stringify({ things: [{ id: 'a' }], things_links: [{ rel: 'next', href: 'http://x?marker=a' }] }),
    });
    const op = buildModel(join(dir, 'index.rst'), { pathBase: dir }).operations[0]!;
    expect(op.response).toMatchObject({ envelope: 'things', linkKeys: ['things_links'] });
    expect(op.response?.schema).toMatchObject({ type: 'array', items: { required: ['id'] } });
  });

  it('puts fields a list sample lacks inside its items, and *_links (and what follows them) beside the envelope', () => {
    const dir = fixtureTree({
      'index.rst': rst`
        List
        ====

        .. rest_method:: GET /volumes/detail

        Response
        --------

        .. rest_parameters:: parameters.yaml

           - volumes: volumes
           - id: id
           - encryption_key_id: encryption_key_id
           - volumes_links: volumes_links
           - count: count

        .. literalinclude:: samples/list.json
      `,
      'parameters.yaml': rst`
        encryption_key_id: {in: body, required: false, type: string, description: Key.}
        id: {in: body, required: true, type: string, description: Id.}
        volumes: {in: body, required: true, type: array, description: Volumes.}
        volumes_links: {in: body, required: false, type: array, description: Links.}
        count: {in: body, required: false, type: integer, description: Total.}
      `,
      'samples/list.json': JSON.stringify({ volumes: [{ id: 'a' }] }),
    });
    const op = buildModel(join(dir, 'index.rst'), { pathBase: dir }).operations[0]!;
    expect(op.response?.fields.map((f) => f.path.join('/'))).toEqual(['volumes', 'volumes/[]/id', 'volumes/[]/encryption_key_id', 'volumes_links', 'count']);
    // Documented links count as link keys even where the sample has none.
    expect(op.response?.linkKeys).toEqual(['volumes_links']);
  });

  const prose: [string, string | undefined, string | undefined][] = [
    ['Available starting in the 3.27 microversion.', '3.27', undefined],
    ['New in version 2.47', '2.47', undefined],
    // A behaviour that changes from a version on: the operation exists before it.
    ['Starting from microversion 2.23, this returns more.', undefined, '2.23'],
    ['Added in microversion 2.12.', '2.12', undefined],
    ['Lists all attachments, since v3.31 if non-admin users specify invalid filters.', undefined, '3.31'],
    ['This API is available up to microversion 2.35.', undefined, undefined],
  ];
  it.each(prose)('reads the microversion in %j', (sentence, min, changed) => {
    const dir = fixtureTree({ 'index.rst': `Op\n==\n\n.. rest_method:: GET /x\n\n${sentence}\n` });
    const op = buildModel(join(dir, 'index.rst'), { pathBase: dir }).operations[0]!;
    expect(op.minVersion).toBe(min);
    expect(op.versionNotes.find((n) => n.kind === 'changed')?.version).toBe(changed);
    for (const n of op.versionNotes) expect(n.source).toEqual({ file: 'index.rst', line: 6 });
  });

  it('reads max_version written under the rest_method and versionremoved directives', () => {
    const dir = fixtureTree({
      'index.rst': rst`
        One
        ===

        .. rest_method:: GET /os-hypervisors/statistics
           max_version: 2.87

        Two
        ===

        .. rest_method:: GET /old

        .. versionremoved:: 2.98
      `,
    });
    const [one, two] = buildModel(join(dir, 'index.rst'), { pathBase: dir }).operations;
    expect(one!.path).toBe('/os-hypervisors/statistics');
    expect(one!.maxVersion).toBe('2.87');
    expect(two!.maxVersion).toBe('2.98');
  });

  it('reports samples that are not JSON with the line of the error', () => {
    const dir = fixtureTree({
      'index.rst': 'Op\n==\n\n.. rest_method:: GET /x\n\n.. literalinclude:: bad-response.json\n',
      'bad-response.json': '{\n  "a": 1,\n  "b": ...\n}\n',
    });
    const model = buildModel(join(dir, 'index.rst'), { pathBase: dir });
    expect(model.diagnostics).toContainEqual(expect.objectContaining({ code: 'APIREF-SAMPLE-INVALID-JSON', file: 'bad-response.json', line: 3 }));
    expect(model.operations[0]!.response?.samples[0]?.text).toContain('"b": ...');
  });
});

describe('parameter descriptions', () => {
  it('are Markdown, converted from their RST', () => {
    const { file } = load(rst`
      mode:
        description: |
          Either \`\`ro\`\` or \`\`rw\`\`; see \`the guide <https://example.org/g>\`_.

          - first
          - second
        in: body
        type: string
      plain:
        description: "A plain sentence_with underscores and a colon: kept as written."
        in: body
        type: string
    `);
    expect(file.defs.get('mode')!.description).toBe('Either `ro` or `rw`; see [the guide](https://example.org/g).\n\n- first\n- second');
    expect(file.defs.get('plain')!.description).toBe('A plain sentence_with underscores and a colon: kept as written.');
  });
});
