import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintSpec, type LintResult } from '../generator/lint/lint.ts';
import { jsonLines } from '../generator/lint/json-lines.ts';
import { buildModel } from '../generator/model/build.ts';

const FIXTURES = 'test/fixtures/lint';

function lint(name: string): LintResult {
  return lintSpec(join(FIXTURES, name));
}

/** `CODE file:line` with the file relative to the fixture, in the order lint sorts them. */
function found(result: LintResult, name: string): string[] {
  const prefix = `${FIXTURES}/${name}/`;
  return result.findings.map((f) => `${f.code} ${f.file.startsWith(prefix) ? f.file.slice(prefix.length) : f.file}:${f.line}`);
}

/** The text of a finding's line, to check that it points where the problem is. */
function lineText(file: string, line: number): string {
  return readFileSync(file, 'utf8').split('\n')[line - 1] ?? '';
}

describe('lint: the clean fixture', () => {
  it('has no finding at all (header, path, query, body; nullable, float, inline sample)', () => {
    const result = lint('clean');
    expect(found(result, 'clean')).toEqual([]);
    expect(result.operations).toBe(2);
  });
});

describe('lint: ordering of parameters.yaml, as os-api-ref checks it', () => {
  const result = lint('order');
  const codes = found(result, 'order');

  it('reports os-api-ref\'s "name2 should be after name" at name', () => {
    const f = result.findings.find((x) => x.code === 'APIREF-PARAMS-ORDER');
    expect(f?.message).toMatch(/name2 should be after name\b/);
    expect(lineText(f!.file, f!.line)).toBe('name:');
  });

  it('reports a section going back (query after body) at the key that goes back', () => {
    const f = result.findings.find((x) => x.code === 'APIREF-PARAMS-SECTION-ORDER');
    expect(lineText(f!.file, f!.line)).toBe('sort_key:');
  });

  it('compares lower-cased keys, skips an invalid `in` and compares neighbours only', () => {
    // "Marker" after "limit", c_field after z_bad_in (skipped), x_last after sort_key: none is reported.
    expect(codes.filter((c) => c.includes('ORDER') && c.includes('parameters.yaml'))).toEqual([
      'APIREF-PARAMS-ORDER parameters.yaml:43',
      'APIREF-PARAMS-SECTION-ORDER parameters.yaml:52',
    ]);
    expect(codes).toContain('APIREF-PARAM-INVALID-IN parameters.yaml:28');
    expect(codes).toContain('APIREF-PARAM-NO-TYPE parameters.yaml:48');
  });

  it('reports stanzas that list sections out of order, and not the one in order', () => {
    expect(codes.filter((c) => c.startsWith('APIREF-STANZA-ORDER'))).toEqual(['APIREF-STANZA-ORDER index.rst:46', 'APIREF-STANZA-ORDER index.rst:47']);
  });

  it('reports nothing else', () => {
    expect(codes).toHaveLength(6);
  });
});

describe('lint: the warnings os-api-ref gives about stanzas and files', () => {
  const result = lint('osapiref');

  it('reports each, at the stanza line', () => {
    expect(found(result, 'osapiref')).toEqual([
      'APIREF-PARAMS-EMPTY empty_parameters_file.yaml:1',
      'APIREF-PARAM-UNDEFINED index.rst:20',
      'APIREF-PARAM-LINE-INVALID index.rst:21',
      'APIREF-PARAMS-NONE index.rst:26',
      'APIREF-PARAM-UNDEFINED index.rst:34',
      'APIREF-PARAMS-FILE-MISSING index.rst:39',
      'APIREF-PATH-PARAM-MISSING index.rst:46',
    ]);
    expect(result.findings.find((f) => f.code === 'APIREF-PATH-PARAM-MISSING')?.message).toContain('"new_id"');
    expect(result.findings.find((f) => f.code === 'APIREF-PARAMS-FILE-MISSING')?.severity).toBe('error');
  });
});

describe('lint: path parameters', () => {
  const result = lint('path-params');

  it('says a listed path parameter is defined in the body, instead of calling it missing', () => {
    expect(found(result, 'path-params')).toEqual([
      'APIREF-PATH-PARAM-NOT-PATH index.rst:17',
      'APIREF-PATH-PARAM-MISSING index.rst:22',
      'APIREF-PATH-PARAM-EXTRA index.rst:39',
    ]);
    expect(result.findings[0]!.message).toContain('"thing_id_body", which is defined "in: body"');
  });

  it('replaces the front end\'s "not in the stanza" for that parameter, which would be wrong', () => {
    const isThingMissing = (d: { code: string; message: string }): boolean => d.code === 'APIREF-PATH-PARAM-MISSING' && d.message.includes('"thing_id"');
    expect(buildModel(join(FIXTURES, 'path-params')).diagnostics.some(isThingMissing)).toBe(true);
    expect(result.findings.some(isThingMissing)).toBe(false);
  });
});

describe('lint: duplicate operation ids', () => {
  it('reports the second operation whose title gives the same id', () => {
    const result = lint('duplicate-ids');
    expect(found(result, 'duplicate-ids')).toEqual(['APIREF-OPERATION-ID-DUPLICATE index.rst:22']);
    expect(result.findings[0]!.message).toMatch(/showDetails, already taken by GET \/things\/\{thing_id\}.*becomes showDetails2/);
  });
});

describe('lint: samples against the parameters', () => {
  const result = lint('samples');
  const codes = found(result, 'samples');

  it('reports each kind of disagreement where it is', () => {
    expect(codes).toEqual([
      'APIREF-SAMPLE-BODY-UNDOCUMENTED index.rst:102',
      'APIREF-SAMPLE-FILE-MISSING index.rst:108',
      'APIREF-SAMPLE-KEY-UNDOCUMENTED index.rst:139',
      'APIREF-SAMPLE-INVALID-JSON samples/gadget-broken-response.json:4',
      'APIREF-SAMPLE-NULL samples/gadget-create-request.json:3',
      'APIREF-SAMPLE-TYPE-MISMATCH samples/gadget-create-request.json:4',
      'APIREF-SAMPLE-KEY-UNDOCUMENTED samples/gadget-create-request.json:5',
      'APIREF-SAMPLE-KEY-OPEN samples/gadget-create-request.json:7',
      'APIREF-SAMPLE-KEY-OPEN samples/gadget-create-request.json:11',
      'APIREF-SAMPLE-REQUIRED-MISSING samples/gadget-create-response.json:2',
      'APIREF-SAMPLE-REQUIRED-MISSING samples/gadget-create-response.json:2',
      'APIREF-SAMPLE-TYPE-MISMATCH samples/gadget-create-response.json:3',
    ]);
  });

  it('points into the sample file, and into the RST for an inline code-block', () => {
    const at = (code: string, file: string): string => {
      const f = result.findings.find((x) => x.code === code && x.file.endsWith(file))!;
      return lineText(f.file, f.line).trim();
    };
    expect(at('APIREF-SAMPLE-NULL', 'gadget-create-request.json')).toBe('"name": null,');
    expect(at('APIREF-SAMPLE-TYPE-MISMATCH', 'gadget-create-request.json')).toBe('"size": "3",');
    expect(at('APIREF-SAMPLE-KEY-UNDOCUMENTED', 'gadget-create-request.json')).toBe('"colour": "blue",');
    expect(at('APIREF-SAMPLE-KEY-UNDOCUMENTED', 'index.rst')).toBe('"colour": "blue"');
  });

  it('says what was documented', () => {
    const messages = result.findings.map((f) => f.message);
    expect(messages).toContain('request sample value "gadget.size" of createGadget is string, but "size" is documented as integer (test/fixtures/lint/samples/parameters.yaml:42)');
    expect(messages).toContain('response sample value "gadget.size" of createGadget is number, but "size" is documented as integer (test/fixtures/lint/samples/parameters.yaml:42)');
    expect(messages.filter((m) => m.includes('lacks')).map((m) => /lacks "(\w+)"/.exec(m)?.[1])).toEqual(['id', 'name']);
  });

  it('groups the members of a free-form field into one info finding per sample', () => {
    const open = result.findings.filter((f) => f.code === 'APIREF-SAMPLE-KEY-OPEN');
    expect(open.map((f) => f.severity)).toEqual(['info', 'info']);
    expect(open[1]!.message).toContain('shows "href", "rel" in "gadget.links", which "links" documents as array');
  });

  it('leaves the clean operation and the microversion-bounded required key alone', () => {
    expect(codes.some((c) => c.includes('gadget-show-response.json'))).toBe(false);
    expect(result.findings.some((f) => f.message.includes('"serial"'))).toBe(false);
  });
});

describe('jsonLines', () => {
  it('finds the line of each key and array item, with escapes in keys and strings', () => {
    const text = '{\n  "a": {\n    "b/c": [\n      1,\n      {"d~": "x\\"}"}\n    ]\n  },\n  "e": null\n}';
    const lines = jsonLines(text);
    expect(lines.get('')).toBe(1);
    expect(lines.get('/a')).toBe(2);
    expect(lines.get('/a/b~1c')).toBe(3);
    expect(lines.get('/a/b~1c/0')).toBe(4);
    expect(lines.get('/a/b~1c/1/d~0')).toBe(5);
    expect(lines.get('/e')).toBe(8);
  });

  it('returns what it found before a syntax error, without throwing', () => {
    const lines = jsonLines('{\n "a": 1,\n "b": }');
    expect(lines.get('/a')).toBe(2);
    expect(lines.has('/b')).toBe(true);
  });
});
