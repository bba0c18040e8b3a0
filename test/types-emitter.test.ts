import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ts from 'typescript';
import { buildModel } from '../generator/model/build.ts';
import type { ApiModel, JsonSchema, Operation } from '../generator/model/ir.ts';
import { operationTypeNames } from '../generator/emitters/naming.ts';
import { emitTypes } from '../generator/emitters/types/types-emitter.ts';
import { jsdoc, propertyKey, stringLiteral } from '../generator/emitters/types/ts-text.ts';
import { typecheckGenerated } from '../generator/emitters/typecheck.ts';
import { clientFiles } from '../generator/emitters/typecheck-apis.ts';

/** types.ts: names, shapes, docs and safety, on spec/ and on small hand-made models. */

const OPTIONS = { serviceType: 'volume', microversionHeader: 'OpenStack-API-Version' };
const specModel = buildModel(resolve('spec'), { pathBase: process.cwd(), ...OPTIONS });
const specTypes = emitTypes(specModel);

/** Exported declarations of a TypeScript source: name -> its text. */
function exportsOf(source: string): Map<string, string> {
  const sf = ts.createSourceFile('types.ts', source, ts.ScriptTarget.ES2022, true);
  const out = new Map<string, string>();
  for (const st of sf.statements) {
    if ((ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st)) && st.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
      out.set(st.name.text, st.getText(sf));
    }
  }
  return out;
}

function hasAnyKeyword(source: string): boolean {
  const sf = ts.createSourceFile('x.ts', source, ts.ScriptTarget.ES2022, true);
  let found = false;
  const visit = (n: ts.Node): void => {
    if (n.kind === ts.SyntaxKind.AnyKeyword) found = true;
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

/** A one-operation model around the given bodies, for focused checks. */
function modelWith(parts: Partial<Operation> & { id: string }, extra: Operation[] = []): ApiModel {
  const loc = { file: 'x.inc', line: 1 };
  const op: Operation = {
    method: 'POST',
    path: '/v1/things',
    rawPath: '/v1/things',
    title: 'Make a thing',
    section: 'things',
    description: '',
    versionNotes: [],
    parameters: { path: [], query: [], header: [] },
    responseHeaders: [],
    responses: [],
    source: loc,
    ...parts,
  };
  return {
    irVersion: 1,
    api: { title: 'Things', entry: 'x.rst', root: '.' },
    sections: [{ id: 'things', title: 'Things', description: '', source: loc }],
    operations: [op, ...extra],
    diagnostics: [],
  };
}

const body = (schema: JsonSchema, envelope?: string) => ({ schema, fields: [], samples: [], ...(envelope ? { envelope } : {}) });

describe('types.ts for spec/', () => {
  const exported = exportsOf(specTypes);

  it('exports the naming.ts names by the rule: PathParams always, Query/Request/Response when present', () => {
    for (const op of specModel.operations) {
      const n = operationTypeNames(op);
      expect(exported.has(n.pathParams), n.pathParams).toBe(true);
      expect(exported.has(n.query), n.query).toBe(op.parameters.query.length > 0);
      expect(exported.has(n.request), n.request).toBe(op.request !== undefined);
      expect(exported.has(n.response), n.response).toBe(op.response !== undefined);
    }
  });

  it('names resources for people and declares recurring shapes once', () => {
    expect(exported.get('CreateAttachmentResponse')).toBe('export type CreateAttachmentResponse = Attachment;');
    expect(exported.get('ListAttachmentsResponse')).toBe('export type ListAttachmentsResponse = AttachmentSummary[];');
    expect(exported.get('ListAttachmentsWithDetailsResponse')).toBe('export type ListAttachmentsWithDetailsResponse = Attachment[];');
    expect(exported.get('ListAttachmentsWithDetailsQuery')).toBe('export type ListAttachmentsWithDetailsQuery = ListAttachmentsQuery;');
    // The connector appears in create and update requests: one declaration, two references.
    expect(specTypes.match(/export interface Connector\b/g)).toHaveLength(1);
    expect(exported.get('CreateAttachmentRequest')).toContain('connector?: Connector;');
    expect(exported.get('UpdateAttachmentRequest')).toContain('connector: Connector;');
    expect(exported.get('AttachmentSummary')).not.toContain('connection_info');
  });

  it('keeps required and optional as documented, with JSDoc and microversions', () => {
    const create = exported.get('CreateAttachmentRequest')!;
    expect(create).toContain('  volume_uuid: string;');
    expect(create).toContain('  instance_uuid?: string;');
    expect(create).toMatch(/Access mode to attach the volume with[\s\S]*@since 3\.54\s*\*\/\n  mode\?: string;/);
    expect(specTypes).toMatch(/@since 3\.44\n \*\/\nexport type CompleteAttachmentRequest = \{ \[key: string\]: unknown \};/);
  });

  it('never uses any', () => {
    expect(hasAnyKeyword(specTypes)).toBe(false);
  });

  it('is byte-for-byte deterministic and matches generated/', () => {
    const again = emitTypes(buildModel(resolve('spec'), { pathBase: process.cwd(), ...OPTIONS }));
    expect(again).toBe(specTypes);
    const onDisk = clientFiles(specModel, OPTIONS);
    for (const f of onDisk) expect(readFileSync(resolve('generated', f.path), 'utf8'), `generated/${f.path} is stale: run npm run generate`).toBe(f.content);
  });
});

describe('schema mapping', () => {
  const model = modelWith({
    id: 'makeThing',
    deprecated: true,
    maxVersion: '2.40',
    request: body(
      {
        type: 'object',
        required: ['name', 'count', 'later'],
        properties: {
          name: { type: 'string', description: 'The name.' },
          count: { type: 'integer' },
          ratio: { type: 'number' },
          flag: { type: ['boolean', 'null'] },
          kind: { type: 'string', enum: ['a', 'b"c', 'd\u2028e'] },
          either: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
          extra_specs: { type: 'object', description: 'Free-form pairs.' },
          sizes: { type: 'object', additionalProperties: { type: 'integer' } },
          json: {},
          tags: { type: 'array', items: { type: 'string' } },
          list: { type: 'array' },
          gone: { type: 'string', 'x-max-version': '2.10' },
          seen_null: { type: 'null', 'x-inferred': true },
          later: { type: 'string', 'x-min-version': '2.19' },
          metadata: { type: 'object', description: 'Metadata key and value pairs.', properties: { 'My Server Name': { type: 'string', 'x-inferred': true } } },
          details: { type: 'object', description: 'A dictionary the driver fills.', properties: { port_filter: { type: 'boolean', 'x-inferred': true } } },
          connector: { type: 'object', description: 'The host to connect.', properties: { initiator: { type: 'string', 'x-inferred': true } } },
          none: { type: 'null' },
        },
      },
      'thing',
    ),
  });
  const out = emitTypes(model);

  it('maps every JSON Schema form to a strict TypeScript type', () => {
    const decl = exportsOf(out).get('MakeThingRequest')!;
    expect(decl).toContain('  name: string;');
    expect(decl).toContain('  count: number;');
    expect(decl).toContain('  ratio?: number;');
    expect(decl).toContain('  flag?: boolean | null;');
    expect(decl).toContain('  kind?: "a" | "b\\"c" | "d\\u2028e";');
    expect(decl).toContain('  either?: string | number;');
    expect(decl).toContain('  extra_specs?: { [key: string]: unknown };');
    expect(decl).toContain('  sizes?: { [key: string]: number };');
    expect(decl).toContain('  json?: unknown;');
    expect(decl).toContain('  tags?: string[];');
    expect(decl).toContain('  list?: unknown[];');
    // A null read off a sample leaves the type open; a documented `none` stays null.
    expect(decl).toContain('  seen_null?: unknown;');
    // A map documented without members: its sample's keys are examples, not members.
    expect(decl).toContain('  metadata?: { [key: string]: string };');
    expect(decl).toContain('  details?: { [key: string]: unknown };');
    // An object that is not documented as a map keeps the members its sample shows.
    expect(decl).toMatch(/ {2}connector\?: \{\n {4}initiator\?: string;\n {4}\[key: string\]: unknown;\n {2}\};/);
    // Required, but only from 2.19 on: absent below, so optional in the type.
    expect(decl).toMatch(/@since 2\.19\n {3}\*\/\n {2}later\?: string;/);
    expect(decl).toContain('  none?: null;');
    expect(decl).toMatch(/@deprecated Not available after microversion 2\.10\.\n {3}\*\/\n {2}gone\?: string;/);
    expect(out).toMatch(/@deprecated Not available after microversion 2\.40\.\n \*\/\nexport interface MakeThingRequest/);
    expect(hasAnyKeyword(out)).toBe(false);
  });

  it('quotes names that are not plain identifiers and neutralises hostile prose', () => {
    // JSON.parse (unlike an object literal) makes "__proto__" an own key, as the front end does.
    const hostile = JSON.parse(`{
      "type": "object",
      "required": ["__proto__"],
      "properties": {
        "__proto__": { "type": "string", "description": "ends */ here \${globalThis.x = 1} \`tick\` \u2028 next\\n@deprecated fake" },
        "constructor": { "type": "string" },
        "class": { "type": "string" },
        "1st": { "type": "string" },
        "a-b": { "type": "string" },
        "x.y": { "type": "string" },
        "os-vol-host-attr:host": { "type": "string" },
        "": { "type": "string" }
      }
    }`) as JsonSchema;
    const m = modelWith({ id: 'class', request: body(hostile, '__proto__'), response: body(hostile, 'constructor') });
    const text = emitTypes(m);
    for (const key of ['"__proto__": string;', '"constructor"?: string;', 'class?: string;', '"1st"?: string;', '"a-b"?: string;', '"x.y"?: string;', '"os-vol-host-attr:host"?: string;', '""?: string;']) {
      expect(text).toContain(key);
    }
    expect(text).toContain('ends *\\/ here ${globalThis.x = 1} `tick`');
    expect(text).toContain('\\@deprecated fake');
    expect(text).not.toMatch(/[\u2028\u2029]/);
    const [result] = typecheckGenerated([{ name: 'hostile-model', files: clientFiles(m, OPTIONS) }]);
    expect(result?.errors).toEqual([]);
  });
});

describe('text helpers', () => {
  it('jsdoc cannot be closed by its content', () => {
    const doc = jsdoc(['a */ b', 'c\u2028d', '']);
    expect(doc).toBe('/**\n * a *\\/ b\n * c\n * d\n */\n');
    expect(jsdoc(['', ''])).toBe('');
  });

  it('string literals escape quotes and line separators', () => {
    expect(stringLiteral('a"b\u2028c${d}`')).toBe('"a\\"b\\u2028c${d}`"');
    expect(propertyKey('ok_name')).toBe('ok_name');
    expect(propertyKey('__proto__')).toBe('"__proto__"');
    expect(propertyKey('a-b')).toBe('"a-b"');
  });
});

describe('resources that happen to have the same fields', () => {
  const item = (): JsonSchema => ({ type: 'object', required: ['id', 'name'], properties: { id: { type: 'string' }, name: { type: 'string' } } });
  const list = (): JsonSchema => ({ type: 'array', items: item() });
  const model = modelWith(
    { id: 'listServers', method: 'GET', path: '/servers', response: body(list(), 'servers') },
    [
      { ...modelWith({ id: 'x' }).operations[0]!, id: 'listImages', method: 'GET', path: '/images', title: 'List images', response: body(list(), 'images') },
      { ...modelWith({ id: 'x' }).operations[0]!, id: 'showImage', method: 'GET', path: '/images/{image_id}', title: 'Show image', response: body(item(), 'image') },
    ],
  );
  const out = exportsOf(emitTypes(model));

  it('keep a type each, and each list returns its own', () => {
    expect(out.get('Server')).toBeDefined();
    expect(out.get('Image')).toBeDefined();
    expect(out.get('ListServersResponse')).toBe('export type ListServersResponse = Server[];');
    expect(out.get('ListImagesResponse')).toBe('export type ListImagesResponse = Image[];');
    expect(out.get('ShowImageResponse')).toBe('export type ShowImageResponse = Image;');
  });

  it('declares empty path parameters in place rather than pointing at another operation', () => {
    expect(out.get('ListServersPathParams')).toBe('export type ListServersPathParams = { [key: string]: never };');
    expect(out.get('ListImagesPathParams')).toBe('export type ListImagesPathParams = { [key: string]: never };');
  });
});
