/**
 * Conformance suites for real api-refs from the shared corpus: the seed's
 * attachments.inc and the Attachments section of Cinder v3. Each is generated
 * into a temporary directory, type-checked under the strict settings the
 * generated code promises (with the hostile fixture's suite, whose spec text
 * is written to break generated code, and the map fixture's), and run
 * against `apiref mock --stateful` serving the same document.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../generator/model/build.ts';
import { emitConformance } from '../generator/emitters/conformance/conformance-emitter.ts';
import { corpus, corpusApi } from './helpers/corpus.ts';
import { failed, runSuite } from './fixtures/conformance/run-suite.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const HOOKS = join(ROOT, 'test/fixtures/conformance/random-ids-hooks.ts');
const PROJECT = '7a3f0c2e9b1d4e5f8a6b4c3d2e1f0a9b';

interface CorpusSuite {
  name: string;
  entry: string;
  serviceType: string;
  microversionHeader: string;
  dir: string;
}

const seed = corpusApi('cinder-seed');
const cinderV3 = corpusApi('cinder-v3');
const SUITES: Omit<CorpusSuite, 'dir'>[] = [];
if (seed) SUITES.push({ name: 'cinder-seed attachments', entry: seed.entry, serviceType: 'volume', microversionHeader: 'OpenStack-API-Version' });
if (cinderV3) SUITES.push({ name: 'cinder v3 attachments', entry: join(dirname(cinderV3.entry), 'attachments.inc'), serviceType: 'volume', microversionHeader: 'OpenStack-API-Version' });
if (corpus && SUITES.length < 2) console.warn('[apiref tests] the corpus lacks cinder-seed or cinder-v3: their conformance suites are skipped');

/** Writes a suite into a fresh folder that resolves `vitest` and `ajv` from this project, as an ESM package. */
function writeSuite(s: Omit<CorpusSuite, 'dir'>, base: string): CorpusSuite {
  const dir = join(base, s.name.replace(/[^a-z0-9]+/gi, '-'));
  const model = buildModel(s.entry, { pathBase: ROOT, serviceType: s.serviceType, microversionHeader: s.microversionHeader });
  expect(model.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  for (const f of emitConformance(model, { serviceType: s.serviceType, microversionHeader: s.microversionHeader })) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true });
    writeFileSync(join(dir, f.path), f.content);
  }
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(join(dir, 'package.json'), '{ "type": "module", "private": true }\n');
  return { ...s, dir };
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => !f.startsWith('node_modules') && /\.m?ts$/.test(f))
    .map((f) => join(dir, f));
}

/** Starts `apiref mock --stateful` for a spec and resolves with its URL once it listens. */
function startMock(s: CorpusSuite): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [join(ROOT, 'bin/apiref.js'), 'mock', '--spec', s.entry, '--stateful', '--service-type', s.serviceType, '--microversion-header', s.microversionHeader, '--port', '0'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer): void => {
      out += d.toString();
      const url = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      if (url) {
        child.stdout!.off('data', onData);
        resolve({ url, child });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => reject(new Error(`apiref mock exited with ${code} before listening:\n${out}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

const HOSTILE: Omit<CorpusSuite, 'dir'> = {
  name: 'hostile fixture',
  entry: join(ROOT, 'test/fixtures/hostile'),
  serviceType: 'vol*/ume`${globalThis.__apirefCanary = "service"}',
  microversionHeader: 'X-Evil*/"${globalThis.__apirefCanary = "header"}',
};

/** A map sub-collection (`…/metadata/{key}`): its data carries `map` and `keyParam` (test/conformance-maps.test.ts runs it). */
const MAPS: Omit<CorpusSuite, 'dir'> = {
  name: 'map fixture',
  entry: join(ROOT, 'test/fixtures/conformance/map-spec'),
  serviceType: 'shelf',
  microversionHeader: 'OpenStack-API-Version',
};

let base: string;
let suites: CorpusSuite[];
beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'apiref-conformance-corpus-'));
  suites = [HOSTILE, MAPS, ...SUITES].map((s) => writeSuite(s, base));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('generated suites', () => {
  it('type-check under strict, exactOptionalPropertyTypes and noUncheckedIndexedAccess', () => {
    const options: ts.CompilerOptions = {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      strict: true,
      exactOptionalPropertyTypes: true,
      noUncheckedIndexedAccess: true,
      noImplicitOverride: true,
      isolatedModules: true,
      verbatimModuleSyntax: true,
      noEmit: true,
      skipLibCheck: true,
      types: ['node'],
    };
    const program = ts.createProgram(suites.flatMap((s) => tsFiles(s.dir)), options);
    const problems = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file && d.start !== undefined ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}` : '';
      return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
    expect(problems).toEqual([]);
    expect(suites.every((s) => tsFiles(s.dir).some((f) => f.endsWith('.test.ts')))).toBe(true);
  }, 120_000);

});

describe.skipIf(SUITES.length === 0)('conformance suites for corpus api-refs', () => {
  it.each(SUITES.map((s) => s.name))('%s: the suite runs and passes against apiref mock --stateful', async (name) => {
    const s = suites.find((x) => x.name === name)!;
    const mock = await startMock(s);
    try {
      const run = await runSuite(join(s.dir, 'conformance/vitest.config.mts'), {
        APIREF_BASE_URL: mock.url,
        APIREF_PROJECT_ID: PROJECT,
        APIREF_FIXTURES: HOOKS,
      });
      expect(run.fileErrors).toEqual([]);
      expect(failed(run).map((t) => `${t.fullName}\n${t.message}`)).toEqual([]);
      expect(run.tests.filter((t) => t.status !== 'passed').map((t) => t.fullName)).toEqual([]);
      // The lifecycle ran: a create, a show, a delete and the 404 after it.
      const titles = run.tests.map((t) => t.title);
      for (const expected of [/^creates a resource/, /^shows the resource/, /^deletes the created resource/, /^shows 404 for the deleted resource/]) {
        expect(titles.some((t) => expected.test(t)), String(expected)).toBe(true);
      }
    } finally {
      await stop(mock.child);
    }
  }, 150_000);
});
