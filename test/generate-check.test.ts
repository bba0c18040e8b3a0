/**
 * `apiref generate --check`: regenerates in memory and fails when the output on
 * disk differs, naming each stale file with a short diff, writing nothing.
 * Works on a temporary copy of spec/ and a temporary output directory.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../generator/cli/main.ts';

const ROOT = join(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'apiref-check-'));
const spec = join(work, 'spec');
const out = join(work, 'out');
const cache = join(work, 'cache');
const savedCacheEnv = process.env['APIREF_CACHE_DIR'];

beforeAll(() => {
  cpSync(join(ROOT, 'spec'), spec, { recursive: true });
  process.env['APIREF_CACHE_DIR'] = cache;
});
afterAll(() => {
  if (savedCacheEnv === undefined) delete process.env['APIREF_CACHE_DIR'];
  else process.env['APIREF_CACHE_DIR'] = savedCacheEnv;
  rmSync(work, { recursive: true, force: true });
});

async function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const o: string[] = [];
  const e: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  const writeErr = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((s: string) => (o.push(String(s)), true)) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => (e.push(String(s)), true)) as typeof process.stderr.write;
  try {
    const code = await main(args);
    return { code, stdout: o.join(''), stderr: e.join('') };
  } finally {
    process.stdout.write = write;
    process.stderr.write = writeErr;
  }
}

/** Every file under a directory with its content and inode, to prove nothing was written. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else files[p.slice(dir.length + 1)] = `${statSync(p).ino}:${statSync(p).mtimeMs}:${readFileSync(p, 'utf8')}`;
    }
  };
  if (existsSync(dir)) walk(dir);
  return files;
}

const check = (): Promise<{ code: number; stdout: string; stderr: string }> => runCli(['generate', '--check', '--spec', spec, '--out', out, '--service-type', 'volume']);
const generate = (): Promise<{ code: number; stdout: string; stderr: string }> => runCli(['generate', '--spec', spec, '--out', out, '--service-type', 'volume']);

describe('apiref generate --check', () => {
  it('fails when nothing was generated yet, naming each missing file, and creates nothing', async () => {
    const r = await check();
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^missing: model\.json$/m);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(cache)).toBe(false);
  });

  it('passes right after generation', async () => {
    const g = await generate();
    expect(g.code).toBe(0);
    expect(g.stdout).toMatch(/7 operations -> \d+ files in .* \(\d+ written\)/);
    const r = await check();
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\d+ files up to date/);
  });

  it('fails on a hand-edited generated file, naming it with a short diff, and writes nothing', async () => {
    const file = join(out, 'model.json');
    const original = readFileSync(file, 'utf8');
    const edited = original.replace('"title": "Create attachment"', '"title": "Create attachment (edited by hand)"');
    expect(edited).not.toBe(original);
    writeFileSync(file, edited);
    const before = snapshot(work);
    const r = await check();
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^stale: model\.json$/m);
    // The diff shows the hand-made line going and the generated one coming back.
    expect(r.stderr).toContain('- ');
    expect(r.stderr).toMatch(/^\s+- .*"title": "Create attachment \(edited by hand\)",$/m);
    expect(r.stderr).toMatch(/^\s+\+ .*"title": "Create attachment",$/m);
    expect(r.stderr).toMatch(/1 generated file\(s\) out of date .*; run apiref generate/);
    expect(snapshot(work)).toEqual(before);
  });

  it('passes again after regenerating, which rewrites only the edited file', async () => {
    const before = snapshot(out);
    const g = await generate();
    expect(g.code).toBe(0);
    expect(g.stdout).toContain('(1 written)');
    const after = snapshot(out);
    for (const [path, entry] of Object.entries(after)) {
      if (path === 'model.json') expect(entry).not.toBe(before[path]);
      else expect(entry, path).toBe(before[path]);
    }
    expect((await check()).code).toBe(0);
  });

  it('names files generation no longer makes, and files it makes that are gone', async () => {
    writeFileSync(join(out, 'leftover.ts'), 'export {};\n');
    const types = readdirSync(out).find((n) => n !== 'model.json' && n !== 'leftover.ts' && statSync(join(out, n)).isFile());
    if (types) rmSync(join(out, types));
    const r = await check();
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^extra: leftover\.ts \(not produced by generation\)$/m);
    if (types) expect(r.stderr).toContain(`missing: ${types}`);
    await generate();
    expect(existsSync(join(out, 'leftover.ts'))).toBe(false);
    expect((await check()).code).toBe(0);
  });

  it('--check with --watch is bad usage; a spec with errors fails with file:line diagnostics', async () => {
    expect((await runCli(['generate', '--check', '--watch', '--spec', spec, '--out', out])).code).toBe(2);
    const broken = join(work, 'broken');
    cpSync(spec, broken, { recursive: true });
    rmSync(join(broken, 'status.yaml'));
    const r = await runCli(['generate', '--check', '--spec', broken, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/attachments\.inc:\d+: error APIREF-FILE-MISSING/);
    expect(r.stderr).toContain('cannot check');
  });
});

describe('npm run generate / --check with a config file', () => {
  it('fails on a hand-edited file and passes after npm run generate', async () => {
    const project = join(work, 'project');
    cpSync(join(ROOT, 'spec'), join(project, 'spec'), { recursive: true });
    const config = join(project, 'apiref.config.yaml');
    writeFileSync(config, 'apis:\n  - name: attachments\n    spec: spec\n    out: generated\n    serviceType: volume\n    microversionHeader: OpenStack-API-Version\n');
    const checkConfig = () => runCli(['generate', '--check', '--config', config]);

    expect((await runCli(['generate', '--config', config])).code).toBe(0);
    expect((await checkConfig()).code).toBe(0);
    const file = join(project, 'generated', 'model.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"method": "DELETE"', '"method": "PATCH"'));
    const stale = await checkConfig();
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(/^stale: model\.json$/m);
    // The npm script itself, as a developer runs it.
    const env = { ...process.env, APIREF_CACHE_DIR: cache };
    const npm = spawnSync('npm', ['run', '--silent', 'generate', '--', '--config', config], { cwd: ROOT, env, encoding: 'utf8' });
    expect(npm.stderr).toBe('');
    expect(npm.status).toBe(0);
    expect(npm.stdout).toContain('attachments: 7 operations');
    const again = await checkConfig();
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
  });
});

describe('generate: where it writes, and what it cannot', () => {
  const cli = (args: string[], cwd: string) => spawnSync(process.execPath, [join(ROOT, 'bin', 'apiref.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, APIREF_CACHE_DIR: cache } });

  it('writes the same files whichever directory it is run from', () => {
    const elsewhere = join(work, 'elsewhere', 'deeper');
    mkdirSync(elsewhere, { recursive: true });
    cpSync(join(ROOT, 'spec'), join(work, 'here', 'spec'), { recursive: true });
    const generateInto = (out: string, cwd: string) => cli(['generate', '--spec', join(work, 'here', 'spec'), '--out', out, '--service-type', 'volume', '--no-cache'], cwd);
    const outA = join(work, 'here', 'gen-a');
    const outB = join(work, 'here', 'gen-b');
    expect(generateInto(outA, work).status).toBe(0);
    expect(generateInto(outB, elsewhere).status).toBe(0);
    // Contents only (snapshot() also records inodes and times).
    const contents = (dir: string) => Object.fromEntries(Object.keys(snapshot(dir)).map((k) => [k, readFileSync(join(dir, k), 'utf8')]));
    expect(contents(outB)).toEqual(contents(outA));
    // The spec is named from the output's parent, not from where apiref ran.
    expect((JSON.parse(readFileSync(join(outA, 'model.json'), 'utf8')) as { api: { entry: string } }).api.entry).toBe('spec/index.rst');
  });

  it('answers an output path it cannot write, or a broken config, in one line with exit 2', () => {
    const file = join(work, 'a-file');
    writeFileSync(file, 'x');
    const onFile = cli(['generate', '--spec', spec, '--out', file], work);
    expect(onFile.status).toBe(2);
    expect(onFile.stderr).toBe(`apiref: --out ${file} is a file, not a directory\n`);
    const under = cli(['generate', '--spec', spec, '--out', join(file, 'out')], work);
    expect(under.status).toBe(2);
    expect(under.stderr).toMatch(/^apiref: cannot write .*a-file\/out: (ENOTDIR|EEXIST|ENOENT) \(\w+ .*\)\n$/);
    const config = join(work, 'broken.config.yaml');
    writeFileSync(config, 'apis: [\n');
    const broken = cli(['generate', '--config', config], work);
    expect(broken.status).toBe(2);
    expect(broken.stderr).toMatch(/^apiref: .*broken\.config\.yaml:2: invalid YAML: /);
    expect(broken.stderr).not.toContain('    at ');
  });

  it('names files in its diagnostics relative to where it runs, whatever --out is', () => {
    const broken = join(work, 'broken-spec');
    cpSync(join(ROOT, 'spec'), broken, { recursive: true });
    rmSync(join(broken, 'status.yaml'));
    const r = cli(['generate', '--spec', 'broken-spec', '--out', join(work, 'elsewhere', 'out')], work);
    expect(r.status).toBe(1);
    const first = /^(.+?):(\d+): error APIREF-FILE-MISSING/m.exec(r.stderr);
    expect(first?.[1]).toBe('broken-spec/attachments.inc');
    expect(existsSync(join(work, first![1]!))).toBe(true);
  });
});
