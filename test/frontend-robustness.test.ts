import { afterEach, describe, expect, it, vi } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildModel, MAX_SAMPLE_DEPTH } from '../generator/model/build.ts';
import { runCliInProcess } from './helpers/run-cli.ts';
import { fixtureTree, rst } from './helpers/fixture-tree.ts';

type Model = ReturnType<typeof buildModel>;
const diag = (model: Model, code: string) => model.diagnostics.filter((d) => d.code === code);
const nested = (depth: number): string => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

const run = runCliInProcess;

describe('inputs that are not an api-ref', () => {
  it('warns when the entry and what it includes have no rest_method', () => {
    const dir = fixtureTree({ 'empty.rst': '', 'index.rst': 'Title\n=====\n\n.. include:: empty.rst\n' });
    for (const entry of ['empty.rst', 'index.rst']) {
      const model = buildModel(join(dir, entry), { pathBase: dir });
      expect(diag(model, 'APIREF-NO-OPERATIONS')).toEqual([expect.objectContaining({ severity: 'warning', file: entry, line: 1 })]);
    }
  });

  it('reports a file that is not text at its line 1: NUL bytes, or invalid UTF-8 in an include', () => {
    const dir = fixtureTree({ 'index.rst': 'API\n===\n\n.. include:: part.inc\n\nOp\n--\n\n.. rest_method:: GET /x\n' });
    writeFileSync(join(dir, 'binary.rst'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x0a, 0x1a]));
    writeFileSync(join(dir, 'part.inc'), Buffer.from('Caf\xe9 latin-1\n', 'latin1'));
    const binary = buildModel(join(dir, 'binary.rst'), { pathBase: dir });
    expect(diag(binary, 'APIREF-NOT-TEXT')).toEqual([expect.objectContaining({ severity: 'error', file: 'binary.rst', line: 1 })]);
    expect(diag(binary, 'APIREF-NO-OPERATIONS')).toHaveLength(1);
    const include = buildModel(join(dir, 'index.rst'), { pathBase: dir });
    expect(diag(include, 'APIREF-NOT-TEXT')).toEqual([expect.objectContaining({ file: 'part.inc', line: 1 })]);
    expect(include.operations).toHaveLength(1);
  });
});

describe('JSON samples', () => {
  it('reports invalid JSON in a code-block at the line of the bad token, with or without options', () => {
    const dir = fixtureTree({
      'index.rst': rst`
        Op
        ==

        .. rest_method:: GET /x

        .. code-block:: json

           {"a": 1,
            "b": ]}

        .. code-block:: json
           :linenos:

           {"a": 1,
            "b": ]}
      `,
    });
    const model = buildModel(join(dir, 'index.rst'), { pathBase: dir });
    expect(diag(model, 'APIREF-SAMPLE-INVALID-JSON').map((d) => d.line)).toEqual([9, 15]);
  });

  it('keeps a sample nested too deep as text, with a warning, and the model still serializes', () => {
    const dir = fixtureTree({
      'index.rst': 'Op\n==\n\n.. rest_method:: GET /x\n\n.. literalinclude:: deep-resp.json\n\n.. literalinclude:: ok-resp.json\n',
      'deep-resp.json': `\n${nested(5000)}`,
      'ok-resp.json': nested(MAX_SAMPLE_DEPTH),
    });
    const model = buildModel(join(dir, 'index.rst'), { pathBase: dir });
    expect(diag(model, 'APIREF-SAMPLE-TOO-DEEP')).toEqual([expect.objectContaining({ severity: 'warning', file: 'deep-resp.json', line: 2 })]);
    const [deep, ok] = model.operations[0]!.response!.samples;
    expect(deep!.value).toBeUndefined();
    expect(deep!.text).toContain('{"a":{"a":');
    // At the limit a sample is still parsed; brackets inside strings do not count.
    expect(ok!.value).toBeDefined();
    expect(() => JSON.stringify(model)).not.toThrow();
  });

  it('does not count brackets inside strings toward the depth', () => {
    const dir = fixtureTree({
      'index.rst': 'Op\n==\n\n.. rest_method:: GET /x\n\n.. literalinclude:: s-resp.json\n',
      's-resp.json': JSON.stringify({ text: '['.repeat(200), quoted: '"{{{{\\' }),
    });
    const model = buildModel(join(dir, 'index.rst'), { pathBase: dir });
    expect(diag(model, 'APIREF-SAMPLE-TOO-DEEP')).toEqual([]);
    expect(model.operations[0]!.response!.samples[0]!.value).toBeDefined();
  });
});

describe('apiref model: failures', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    delete process.env['APIREF_DEBUG'];
  });

  it('prints the model of a spec with a 5000-level sample and exits 0', async () => {
    const dir = fixtureTree({ 'index.rst': 'Op\n==\n\n.. rest_method:: GET /x\n\nNormal response codes: 200\n\n.. literalinclude:: deep.json\n', 'deep.json': nested(5000) });
    const r = await run(['model', '--spec', dir, '--compact']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).operations).toHaveLength(1);
  });

  it('turns an unexpected exception into one line and exit 70; APIREF_DEBUG=1 adds the stack', async () => {
    const dir = fixtureTree({ 'index.rst': 'Op\n==\n\n.. rest_method:: GET /x\n' });
    vi.spyOn(JSON, 'stringify').mockImplementation(() => {
      throw new RangeError('Maximum call stack size exceeded');
    });
    const r = await run(['model', '--spec', dir]);
    expect(r.code).toBe(70);
    expect(r.err).toBe('apiref: internal error: Maximum call stack size exceeded\n');
    process.env['APIREF_DEBUG'] = '1';
    const debug = await run(['model', '--spec', dir]);
    expect(debug.code).toBe(70);
    expect(debug.err).toMatch(/^apiref: internal error: Maximum call stack size exceeded\nRangeError: .*\n\s+at /);
  });
});

describe('directives with nothing or the wrong thing to read', () => {
  it('reports a bare include, an empty literalinclude and a literalinclude of a directory, without a misleading hint', () => {
    const dir = fixtureTree({
      'index.rst': 'API\n===\n\n.. include:: pages/ops.inc\n',
      'pages/ops.inc': rst`
        Op
        --

        .. rest_method:: GET /x

        .. include::

        .. literalinclude::

        .. literalinclude:: samples
      `,
      // Beside the .inc there is a directory of that name: no "it exists relative to" hint.
      'pages/samples/x.json': '{}',
      'samples/x.json': '{}',
    });
    const model = buildModel(join(dir, 'index.rst'), { pathBase: dir });
    expect(diag(model, 'APIREF-INCLUDE-NO-FILE')).toEqual([expect.objectContaining({ severity: 'error', file: 'pages/ops.inc', line: 6 })]);
    expect(diag(model, 'APIREF-SAMPLE-NO-FILE')).toEqual([expect.objectContaining({ severity: 'error', file: 'pages/ops.inc', line: 8 })]);
    const dirSample = diag(model, 'APIREF-FILE-MISSING');
    expect(dirSample).toEqual([expect.objectContaining({ file: 'pages/ops.inc', line: 10 })]);
    expect(dirSample[0]!.message).toContain('is a directory');
    expect(dirSample[0]!.message).not.toContain('exists relative to');
  });

  it('resolves an absolute toctree entry against the source root, as Sphinx does', () => {
    const dir = fixtureTree({
      'index.rst': 'API\n===\n\n.. toctree::\n\n   sub/index\n',
      'sub/index.rst': 'Sub\n===\n\n.. toctree::\n\n   /top2\n   self\n',
      'top2.rst': 'Top\n===\n\n.. rest_method:: GET /top\n',
      // What a relative reading of `/top2` from sub/ would find instead.
      'sub/top2.rst': 'Decoy\n=====\n\n.. rest_method:: GET /decoy\n',
    });
    const model = buildModel(join(dir, 'index.rst'), { pathBase: dir });
    expect(model.operations.map((o) => o.path)).toEqual(['/top']);
    expect(diag(model, 'APIREF-TOCTREE-MISSING')).toEqual([]);
  });

  it('takes the YAML quotes off a stanza name, and reads "object (or null)" as an object that may be null', () => {
    const dir = fixtureTree({
      'index.rst': rst`
        Op
        ==

        .. rest_method:: PUT /x

        Normal response codes: 200

        .. rest_parameters:: parameters.yaml

           - metadata: metadata
           - "{key}": meta_key
           - 'name': 'name'
      `,
      'parameters.yaml': rst`
        meta_key: {in: body, required: false, type: string, description: A value.}
        metadata: {in: body, required: true, type: object (or null), description: Metadata.}
        name: {in: body, required: false, type: string or null, description: Name.}
      `,
    });
    const model = buildModel(join(dir, 'index.rst'), { pathBase: dir });
    const fields = model.operations[0]!.request!.fields;
    expect(fields.map((f) => [f.name, f.path.join('/'), f.schema.type])).toEqual([
      ['metadata', 'metadata', ['object', 'null']],
      ['{key}', 'metadata/{key}', 'string'],
      ['name', 'metadata/name', ['string', 'null']],
    ]);
    expect(model.diagnostics).toEqual([]);
  });
});
