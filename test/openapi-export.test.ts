import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { buildModel } from '../generator/model/build.ts';
import { loadConfig } from '../generator/config.ts';
import { generateInMemory } from '../generator/pipeline.ts';
import { buildOpenApi } from '../generator/emitters/openapi/export.ts';
import { serializeOpenApi } from '../generator/emitters/openapi/serialize.ts';
import { fixtureTree, rst } from './helpers/fixture-tree.ts';

/**
 * The OpenAPI export, checked by Redocly's linter (an independent validator)
 * and by structural properties OpenAPI requires, on spec/ and on a small spec
 * built to hold every awkward construct the corpus has.
 */

type Obj = Record<string, any>;

async function lint(doc: unknown, name: string): Promise<{ errors: string[]; warnings: number }> {
  const config = await createConfig({ extends: ['recommended'] });
  const problems = await lintFromString({ source: JSON.stringify(doc), absoluteRef: join(tmpdir(), `${name}.json`), config });
  return {
    errors: problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? '?'}`),
    warnings: problems.filter((p) => p.severity === 'warn').length,
  };
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

function operations(doc: Obj): { path: string; method: string; op: Obj }[] {
  return Object.entries(doc['paths'] as Obj).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((m) => ({ path, method: m, op: item[m] as Obj })),
  );
}

/** Every value in the document, with its JSON pointer-ish path. */
function* walk(v: unknown, at = '#'): Generator<[string, unknown]> {
  yield [at, v];
  if (v && typeof v === 'object') for (const k of Object.keys(v)) yield* walk((v as Obj)[k], `${at}/${k}`);
}

/** A spec with the corpus' awkward constructs, small enough to reason about. */
const FIXTURE: Record<string, string> = {
  'index.rst': rst`
    ==============
    Widgets API v2
    ==============

    .. rest_expand_all::

    .. include:: widgets.inc
  `,
  'widgets.inc': rst`
    Widgets
    =======

    Widgets are things.

    Show widget
    ~~~~~~~~~~~

    .. rest_method:: GET /v2/widgets/{widget_id}

    Shows one widget.

    .. rest_status_code:: success status.yaml

       - 200

    .. rest_status_code:: error status.yaml

       - 404

    .. rest_parameters:: parameters.yaml

       - widget_id: widget_id_path

    Response
    --------

    .. rest_parameters:: parameters.yaml

       - widget: widget_envelope
       - name: name_widget
       - __proto__: proto_widget
       - dimensions: dimensions_widget
       - width: width_widget

    .. literalinclude:: samples/widget-show-response.json
       :language: javascript

    Show widget twin
    ~~~~~~~~~~~~~~~~

    .. rest_method:: GET /v2/twins/{twin_id}

    Shows a twin, whose dimensions look like a widget's.

    .. rest_status_code:: success status.yaml

       - 200

    .. rest_parameters:: parameters.yaml

       - twin_id: widget_id_path

    Response
    --------

    .. rest_parameters:: parameters.yaml

       - twin: widget_envelope
       - dimensions: dimensions_widget
       - width: width_widget

    .. literalinclude:: samples/twin-show-response.json
       :language: javascript

    Delete widget
    ~~~~~~~~~~~~~

    .. rest_method:: DELETE /v2/widgets/{id}/

    Deletes one widget.

    .. rest_status_code:: success status.yaml

       - 204

    .. rest_status_code:: error status.yaml

       - 404
       - 409

    .. rest_parameters:: parameters.yaml

       - id: id_path
       - tenant_id: tenant_id_path

    Show floating widget
    ~~~~~~~~~~~~~~~~~~~~

    .. rest_method:: GET /v2/floating/{region}:{floatingip_id}?kind=big

    Shows a widget by region and id.

    .. rest_status_code:: success status.yaml

       - 200

    .. rest_parameters:: parameters.yaml

       - region: region_path
       - floatingip_id: floatingip_id_path

    Show tap flow
    ~~~~~~~~~~~~~

    .. rest_method:: GET /v2/flows/{flow_id/name}

    A parameter name that holds a slash.

    .. rest_status_code:: success status.yaml

       - 200

    Polish widget
    ~~~~~~~~~~~~~

    .. rest_method:: POST /v2/widgets/{widget_id}/action

    Polishes a widget.

    .. rest_status_code:: success status.yaml

       - 202

    .. rest_status_code:: error status.yaml

       - 404

    .. rest_parameters:: parameters.yaml

       - widget_id: widget_id_path
       - polish: polish_action
       - shine: shine_polish

    .. literalinclude:: samples/widget-polish-request.json
       :language: javascript

    Paint widget
    ~~~~~~~~~~~~

    .. rest_method:: POST /v2/widgets/{widget_id}/action

    Paints a widget.

    .. versionadded:: 2.5

    .. rest_status_code:: success status.yaml

       - 202

    .. rest_parameters:: parameters.yaml

       - widget_id: widget_id_path
       - paint: paint_action
       - color: color_paint

    .. literalinclude:: samples/widget-paint-request.json
       :language: javascript

    List gadgets
    ~~~~~~~~~~~~

    .. rest_method:: GET /v2/gadgets

    Lists gadgets by name.

    .. versionadded:: 2.1

    .. rest_status_code:: success status.yaml

       - 200

    Response
    --------

    .. rest_parameters:: parameters.yaml

       - gadgets: gadgets_envelope
       - name: name_widget

    List gadgets with widths
    ~~~~~~~~~~~~~~~~~~~~~~~~

    .. rest_method:: GET /v2/gadgets

    Lists gadgets by name and width.

    .. versionadded:: 2.3

    .. rest_status_code:: success status.yaml

       - 200

    Response
    --------

    .. rest_parameters:: parameters.yaml

       - gadgets: gadgets_envelope
       - name: name_widget
       - width: width_widget

    Copy widget
    ~~~~~~~~~~~

    .. rest_method:: COPY /v2/widgets/{widget_id}

    Copies.

    .. rest_status_code:: success status.yaml

       - 201
  `,
  'parameters.yaml': rst`
    floatingip_id_path:
      description: The floating id.
      in: path
      required: true
      type: string
    id_path:
      description: The widget id (short name).
      in: path
      required: true
      type: string
    region_path:
      description: The region.
      in: path
      required: true
      type: string
    tenant_id_path:
      description: A tenant that is not in the path.
      in: path
      required: true
      type: string
    widget_id_path:
      description: The widget id.
      in: path
      required: true
      type: string
    color_paint:
      description: The color. It is "*/" and \`\${x}\`.
      in: body
      required: true
      type: string
      min_version: 2.7
    gadgets_envelope:
      description: The gadgets.
      in: body
      required: true
      type: array
    dimensions_widget:
      description: The size.
      in: body
      required: true
      type: object
    name_widget:
      description: The name.
      in: body
      required: true
      type: string
    paint_action:
      description: Paint it.
      in: body
      required: true
      type: object
    polish_action:
      description: Polish it.
      in: body
      required: true
      type: object
    proto_widget:
      description: A hostile key.
      in: body
      required: false
      type: string
    shine_polish:
      description: How shiny.
      in: body
      required: false
      type: integer
    widget_envelope:
      description: The widget.
      in: body
      required: true
      type: object
    width_widget:
      description: The width.
      in: body
      required: true
      type: integer
  `,
  'status.yaml': rst`
    200:
      default: OK.
    201:
      default: Created.
    202:
      default: Accepted.
    204:
      default: No content.
    404:
      default: Not there.
    409:
      default: Conflict.
  `,
  'samples/widget-show-response.json': '{"widget": {"name": "w", "__proto__": "p", "dimensions": {"width": 3}}}',
  'samples/twin-show-response.json': '{"twin": {"dimensions": {"width": 4}}}',
  'samples/widget-polish-request.json': '{"polish": {"shine": 3}}',
  'samples/widget-paint-request.json': '{"paint": {"color": "red"}}',
};

const fixtureDir = fixtureTree(FIXTURE);

function exportFixture(serviceType = 'compute'): ReturnType<typeof buildOpenApi> {
  const model = buildModel(fixtureDir, { pathBase: fixtureDir, serviceType });
  expect(model.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return buildOpenApi(model);
}

describe('OpenAPI export of awkward paths and bodies', () => {
  const { document, notes, locations } = exportFixture();
  const doc = document as Obj;
  const ops = operations(doc);

  it('passes Redocly recommended with no errors', async () => {
    const { errors } = await lint(doc, 'fixture');
    expect(errors).toEqual([]);
  });

  it('declares each {param} of a path exactly once, and no other path parameter', () => {
    for (const [path, item] of Object.entries(doc['paths'] as Obj)) {
      const inPath = [...path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]);
      const declared = ((item['parameters'] ?? []) as Obj[]).filter((p) => p['in'] === 'path').map((p) => p['name']);
      expect(declared, path).toEqual(inPath);
      for (const m of METHODS) {
        const opLevel = ((item[m]?.parameters ?? []) as Obj[]).filter((p) => p['in'] === 'path');
        expect(opLevel, `${m} ${path}`).toEqual([]);
      }
    }
  });

  it('keeps one template per shape: /widgets/{id}/ joins /widgets/{widget_id}, without its trailing slash', () => {
    const paths = Object.keys(doc['paths']);
    const shapes = paths.map((p) => p.replace(/\{[^}]*\}/g, '{}'));
    expect(new Set(shapes).size).toBe(shapes.length);
    expect(paths.filter((p) => p.length > 1 && p.endsWith('/'))).toEqual([]);
    expect(paths.filter((p) => p.includes('?'))).toEqual([]);
    expect(locations['deleteWidget']).toEqual({ path: '/v2/widgets/{widget_id}', method: 'delete', operationId: 'deleteWidget' });
    expect(Object.keys(doc['paths']['/v2/widgets/{widget_id}'])).toEqual(['parameters', 'get', 'delete']);
    expect(notes.some((n) => n.includes('deleteWidget') && n.includes('tenant_id'))).toBe(true);
  });

  it('keeps glued parameters, makes odd names safe, and turns a fixed query string into a query parameter', () => {
    const glued = doc['paths']['/v2/floating/{region}:{floatingip_id}'];
    expect(glued.parameters.map((p: Obj) => p['name'])).toEqual(['region', 'floatingip_id']);
    const kind = (glued.get.parameters as Obj[]).find((p) => p['name'] === 'kind');
    expect(kind).toMatchObject({ in: 'query', required: true, example: 'big' });
    expect(Object.keys(doc['paths'])).toContain('/v2/flows/{flow_id_name}');
  });

  it('merges the /action family into one operation whose body is a oneOf over the actions', () => {
    const action = doc['paths']['/v2/widgets/{widget_id}/action'].post as Obj;
    expect(locations['polishWidget']).toEqual(locations['paintWidget']);
    expect(action['operationId']).toBe(locations['paintWidget']!.operationId);
    const schema = action['requestBody'].content['application/json'].schema as Obj;
    expect(schema['x-openstack']).toEqual({ discriminator: 'action' });
    const branches = (schema['oneOf'] as Obj[]).map((r) => doc['components']['schemas'][String(r['$ref']).split('/').pop()!] as Obj);
    expect(branches.map((b) => b['x-openstack'])).toEqual([{ 'action-name': 'polish' }, { 'action-name': 'paint', 'min-ver': '2.5' }]);
    expect(branches.map((b) => b['required'])).toEqual([['polish'], ['paint']]);
    expect(branches[1]!['properties'].paint.properties.color['x-openstack']).toEqual({ 'min-ver': '2.7' });
    // Both samples are kept as examples of the shared operation.
    expect(Object.keys(action['requestBody'].content['application/json'].examples)).toEqual(['widget-polish-request', 'widget-paint-request']);
  });

  it('merges operations that differ by microversion, marking the union with the microversion discriminator', () => {
    const list = doc['paths']['/v2/gadgets'].get as Obj;
    expect(locations['listGadgets']).toEqual(locations['listGadgetsWithWidths']);
    expect(list['x-openstack']).toEqual({ 'min-ver': '2.1' });
    const schema = list['responses']['200'].content['application/json'].schema as Obj;
    // Both bodies wrap the list in "gadgets": no required key tells them apart, so anyOf.
    expect(schema['anyOf']).toHaveLength(2);
    expect(schema['x-openstack']).toEqual({ discriminator: 'microversion' });
    const bounds = (schema['anyOf'] as Obj[]).map((r) => doc['components']['schemas'][String(r['$ref']).split('/').pop()!]['x-openstack']);
    expect(bounds).toEqual([{ 'min-ver': '2.1' }, { 'min-ver': '2.3' }]);
  });

  it('gives every operation a unique operationId and leaves out the COPY method with a note', () => {
    const ids = ops.map((o) => o.op['operationId']);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).not.toContain('copyWidget');
    expect(notes.some((n) => n.startsWith('copyWidget:') && n.includes('COPY'))).toBe(true);
  });

  it('converts the IR extensions: no x-min-version, x-lookup-key or x-inferred remains', () => {
    for (const [at, v] of walk(doc)) {
      if (v && typeof v === 'object' && !Array.isArray(v)) {
        for (const k of ['x-min-version', 'x-max-version', 'x-lookup-key', 'x-inferred']) expect(Object.hasOwn(v, k), `${at}/${k}`).toBe(false);
      }
    }
  });

  it('keeps a body key named __proto__ as a property, in JSON and YAML', () => {
    const loc = locations['showWidget']!;
    const bodyRef = doc['paths'][loc.path][loc.method].responses['200'].content['application/json'].schema['$ref'] as string;
    const widget = doc['components']['schemas'][bodyRef.split('/').pop()!].properties.widget as Obj;
    expect(Object.hasOwn(widget['properties'], '__proto__')).toBe(true);
    expect(widget['properties']['__proto__']).toMatchObject({ type: 'string', description: 'A hostile key.' });
    expect(({} as Obj)['type']).toBeUndefined();
    const fromYaml = parseYaml(serializeOpenApi(document, 'yaml')) as Obj;
    expect(fromYaml).toEqual(JSON.parse(serializeOpenApi(document, 'json')));
  });

  it('stores identical schemas once: the shared dimensions object is one component', () => {
    const schemas = doc['components']['schemas'] as Obj;
    const texts = Object.values(schemas).map((s) => JSON.stringify(s));
    expect(new Set(texts).size).toBe(texts.length);
    const dims = Object.keys(schemas).filter((n) => /^Dimensions/.test(n));
    expect(dims).toEqual(['Dimensions']);
    const refs = [...walk(doc)].filter(([, v]) => v === '#/components/schemas/Dimensions');
    expect(refs.length).toBe(2);
  });

  it('writes the service error shape: the fault name wraps a shared error body', () => {
    const notFound = doc['paths']['/v2/widgets/{widget_id}'].get.responses['404'] as Obj;
    expect(notFound['$ref']).toBe('#/components/responses/itemNotFound');
    const wrapperRef = doc['components']['responses']['itemNotFound'].content['application/json'].schema['$ref'] as string;
    const wrapper = doc['components']['schemas'][wrapperRef.split('/').pop()!] as Obj;
    expect(wrapper['required']).toEqual(['itemNotFound']);
    expect(wrapper['properties'].itemNotFound).toEqual({ $ref: '#/components/schemas/ErrorBody' });
    expect(doc['components']['schemas']['ErrorBody'].required).toEqual(['code', 'message']);
    // Keystone wraps every fault in "error" instead.
    const identity = exportFixture('identity').document as Obj;
    const idWrapper = identity['components']['responses']['itemNotFound'].content['application/json'].schema['$ref'] as string;
    expect(identity['components']['schemas'][idWrapper.split('/').pop()!].required).toEqual(['error']);
  });

  it('is deterministic: the same model gives the same bytes', () => {
    expect(serializeOpenApi(exportFixture().document, 'json')).toBe(serializeOpenApi(document, 'json'));
  });
});

describe('OpenAPI export of spec/', () => {
  const cfg = loadConfig('apiref.config.yaml');
  const api = cfg.apis[0]!;
  const { files } = generateInMemory(api, cfg.dir);
  const file = files.find((f) => f.path === 'openapi.json');

  it('is emitted as openapi.json and generated/openapi.json is up to date', () => {
    expect(file).toBeDefined();
    expect(readFileSync(join(api.out, 'openapi.json'), 'utf8')).toBe(file!.content);
  });

  it('passes Redocly recommended with no errors', async () => {
    const doc = JSON.parse(file!.content) as Obj;
    expect(doc['openapi']).toBe('3.1.0');
    const { errors, warnings } = await lint(doc, 'spec');
    console.log(`[openapi] spec/: 0 errors, ${warnings} warnings`);
    expect(errors).toEqual([]);
  });

  it('marks microversions with x-openstack on operations and uses the section as tag', () => {
    const doc = JSON.parse(file!.content) as Obj;
    for (const { op } of operations(doc)) {
      expect(op['tags']).toEqual(['Attachments']);
      expect(op['x-openstack']['min-ver']).toMatch(/^3\.\d+$/);
    }
    const complete = doc['paths']['/v3/{project_id}/attachments/{attachment_id}/action'].post as Obj;
    expect(complete['x-openstack']).toEqual({ 'action-name': 'os-complete', 'min-ver': '3.44' });
  });
});

describe('apiref openapi', () => {
  const run = (args: string[]): { status: number | null; stdout: string; stderr: string } => {
    const r = spawnSync(process.execPath, ['bin/apiref.js', 'openapi', ...args], { encoding: 'utf8' });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it('prints help', () => {
    const r = run(['--help']);
    expect(r.status).toBe(0);
    for (const opt of ['--spec', '--out', '--format', '--service-type', '--microversion-header']) expect(r.stdout).toContain(opt);
  });

  it('writes JSON to stdout and YAML to a .yaml file, the same document', () => {
    const json = run(['--spec', 'spec', '--service-type', 'volume']);
    expect(json.status).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'apiref-openapi-'));
    try {
      const out = join(dir, 'api.yaml');
      const yaml = run(['--spec', 'spec', '--service-type', 'volume', '--out', out]);
      expect(yaml.status).toBe(0);
      expect(parseYaml(readFileSync(out, 'utf8'))).toEqual(JSON.parse(json.stdout));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 2 with one clear line on bad usage', () => {
    const missing = run(['--spec', 'no/such/dir']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^apiref: spec entry not found: no\/such\/dir/);
    const format = run(['--spec', 'spec', '--format', 'xml']);
    expect(format.status).toBe(2);
    expect(format.stderr).toContain('--format must be json or yaml');
    const unwritable = run(['--spec', 'spec', '--out', join(tmpdir(), 'no-such-dir-apiref', 'x.json')]);
    expect(unwritable.status).toBe(2);
    expect(unwritable.stderr).toContain('does not exist');
    for (const r of [missing, format, unwritable]) expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 1 and writes nothing when the spec has errors', () => {
    const r = run(['--spec', 'test/fixtures/broken/index.rst']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/index\.rst:\d+: error /);
  });
});
