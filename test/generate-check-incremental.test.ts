/**
 * Incremental generation: skipped when no input changed (content hashes, not
 * mtimes), rebuilt when one did, writing only files whose content changed,
 * and the writer's all-or-nothing swap. Works on temporary copies of spec/.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateIncremental, measureGeneration, type GenerateApi } from '../generator/incremental.ts';
import { writeTree } from '../generator/writer/write-tree.ts';

const ROOT = join(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'apiref-incremental-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let counter = 0;
/** A fresh copy of spec/ with its own output and cache directories. */
function project(): { api: GenerateApi; dir: string; cacheDir: string } {
  const dir = join(work, `p${counter++}`);
  cpSync(join(ROOT, 'spec'), join(dir, 'spec'), { recursive: true });
  // Copies look freshly written; date them back like files that were edited a while ago.
  const past = new Date(Date.now() - 60_000);
  for (const f of files(join(dir, 'spec'))) utimesSync(join(dir, 'spec', f), past, past);
  const api: GenerateApi = { name: 'attachments', spec: join(dir, 'spec'), out: join(dir, 'out'), serviceType: 'volume', microversionHeader: 'OpenStack-API-Version' };
  return { api, dir, cacheDir: join(dir, 'cache') };
}

function files(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(p.slice(dir.length + 1));
    }
  };
  walk(dir);
  return out;
}

/** path -> inode, mtime and content hash: what "not rewritten" means. */
function state(dir: string): Map<string, { ino: number; mtimeMs: number; hash: string }> {
  return new Map(
    files(dir).map((f) => {
      const st = statSync(join(dir, f));
      return [f, { ino: st.ino, mtimeMs: st.mtimeMs, hash: createHash('sha256').update(readFileSync(join(dir, f))).digest('hex') }];
    }),
  );
}

function edit(file: string, find: string, replace: string): void {
  const text = readFileSync(file, 'utf8');
  expect(text).toContain(find);
  writeFileSync(file, text.replace(find, replace));
}

describe('incremental generation', () => {
  it('an unchanged spec is skipped: no model built, no file touched', () => {
    const { api, dir, cacheDir } = project();
    const cold = generateIncremental(api, dir, { cacheDir });
    expect(cold.status).toBe('generated');
    expect(cold.write.written.length).toBe(cold.files);
    const before = state(api.out);
    const again = generateIncremental(api, dir, { cacheDir });
    expect(again.status).toBe('up-to-date');
    expect(again.model).toBeUndefined();
    expect(again.files).toBe(cold.files);
    expect(state(api.out)).toEqual(before);
    // The inputs it reports are the files the model read: entry, include, YAML, samples.
    const names = again.inputs.map((p) => p.slice(api.spec.length + 1)).sort();
    expect(names).toEqual(expect.arrayContaining(['index.rst', 'attachments.inc', 'parameters.yaml', 'status.yaml', 'samples/attachment-show-response.json']));
  });

  it('keys on content: a touched mtime is no change', () => {
    const { api, dir, cacheDir } = project();
    generateIncremental(api, dir, { cacheDir });
    const now = new Date();
    utimesSync(join(api.spec, 'parameters.yaml'), now, now);
    expect(generateIncremental(api, dir, { cacheDir }).status).toBe('up-to-date');
  });

  it('one input edited: rebuilt, and only the files whose content changed are rewritten', () => {
    const { api, dir, cacheDir } = project();
    generateIncremental(api, dir, { cacheDir });
    const before = state(api.out);
    edit(join(api.spec, 'parameters.yaml'), 'Identifier (a UUID) of the attachment the request acts on.', 'The UUID of the attachment to act on.');
    const r = generateIncremental(api, dir, { cacheDir });
    expect(r.status).toBe('generated');
    expect(r.model?.operations).toHaveLength(7);
    const after = state(api.out);
    const changed = [...after.keys()].filter((f) => after.get(f)!.hash !== before.get(f)?.hash).sort();
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.length).toBeLessThan(after.size);
    expect([...r.write.written].sort()).toEqual(changed);
    for (const [f, st] of after) {
      if (changed.includes(f)) continue;
      // Same inode and mtime: carried over, not rewritten.
      expect({ f, ino: st.ino, mtimeMs: st.mtimeMs }).toEqual({ f, ino: before.get(f)!.ino, mtimeMs: before.get(f)!.mtimeMs });
    }
    expect(readFileSync(join(api.out, 'model.json'), 'utf8')).toContain('The UUID of the attachment to act on.');
    expect(generateIncremental(api, dir, { cacheDir }).status).toBe('up-to-date');
  });

  it('a sample or an included file edited counts as well', () => {
    const { api, dir, cacheDir } = project();
    generateIncremental(api, dir, { cacheDir });
    edit(join(api.spec, 'samples', 'attachment-show-response.json'), '"driver_volume_type": "iscsi"', '"driver_volume_type": "rbd"');
    expect(generateIncremental(api, dir, { cacheDir }).status).toBe('generated');
    expect(readFileSync(join(api.out, 'model.json'), 'utf8')).toContain('"driver_volume_type": "rbd"');
    edit(join(api.spec, 'attachments.inc'), 'Returns one attachment with all of its fields.', 'Returns one attachment, every field.');
    expect(generateIncremental(api, dir, { cacheDir }).status).toBe('generated');
    expect(readFileSync(join(api.out, 'model.json'), 'utf8')).toContain('Returns one attachment, every field.');
  });

  it('other options, a hand-edited or deleted output, or no cache: regenerated', () => {
    const { api, dir, cacheDir } = project();
    generateIncremental(api, dir, { cacheDir });
    expect(generateIncremental({ ...api, serviceType: 'block-storage' }, dir, { cacheDir }).status).toBe('generated');
    expect(generateIncremental(api, dir, { cacheDir }).status).toBe('generated');
    const model = join(api.out, 'model.json');
    const good = readFileSync(model, 'utf8');
    writeFileSync(model, '{}\n');
    const r = generateIncremental(api, dir, { cacheDir });
    expect(r.status).toBe('generated');
    expect(r.write.written).toEqual(['model.json']);
    expect(readFileSync(model, 'utf8')).toBe(good);
    rmSync(api.out, { recursive: true });
    expect(generateIncremental(api, dir, { cacheDir }).status).toBe('generated');
    expect(readFileSync(model, 'utf8')).toBe(good);
    expect(generateIncremental(api, dir, { cacheDir: false }).status).toBe('generated');
    expect(existsSync(cacheDir)).toBe(true);
  });

  it('an input possibly edited while it was read is not trusted by the next run', () => {
    const { api, dir, cacheDir } = project();
    // An mtime at or after the build's start: the build may have read it mid-edit.
    const future = new Date(Date.now() + 60_000);
    utimesSync(join(api.spec, 'parameters.yaml'), future, future);
    expect(generateIncremental(api, dir, { cacheDir }).status).toBe('generated');
    expect(generateIncremental(api, dir, { cacheDir }).status).toBe('generated');
    // That rebuild hashed it before and after reading: unchanged, so now trusted.
    expect(generateIncremental(api, dir, { cacheDir }).status).toBe('up-to-date');
  });

  it('a spec with errors writes nothing and is not cached', () => {
    const { api, dir, cacheDir } = project();
    rmSync(join(api.spec, 'status.yaml'));
    const r = generateIncremental(api, dir, { cacheDir });
    expect(r.status).toBe('errors');
    expect(r.errors.map((d) => d.code)).toContain('APIREF-FILE-MISSING');
    expect(existsSync(api.out)).toBe(false);
    expect(existsSync(cacheDir)).toBe(false);
  });

  it('measureGeneration times cold, no-op and touched runs on a copy, leaving the spec alone', () => {
    const { api } = project();
    const before = state(api.spec);
    const t = measureGeneration(api);
    expect(t.coldMs).toBeGreaterThan(0);
    expect(t.noopMs).toBeGreaterThan(0);
    expect(t.touchedMs).toBeGreaterThan(0);
    expect(t.written).toEqual({ cold: t.files, noop: 0, touched: 0 });
    expect(t.inputs).toBeGreaterThanOrEqual(5);
    expect(t.touchedFile).toBe('index.rst');
    expect(state(api.spec)).toEqual(before);
  });
});

describe('writeTree', () => {
  const out = join(work, 'tree', 'out');
  const staged = (): string[] => readdirSync(join(work, 'tree')).filter((n) => n.startsWith('.out.tmp-'));

  it('writes a new tree, then only what changed; unchanged files keep their inode', () => {
    const first = writeTree(out, [
      { path: 'a.ts', content: 'a\n' },
      { path: 'sub/b.ts', content: 'b\n' },
      { path: 'c.ts', content: 'c\n' },
    ]);
    expect(first.written.sort()).toEqual(['a.ts', 'c.ts', 'sub/b.ts']);
    const before = state(out);
    const second = writeTree(out, [
      { path: 'a.ts', content: 'a\n' },
      { path: 'sub/b.ts', content: 'B\n' },
    ]);
    expect(second).toEqual({ written: ['sub/b.ts'], removed: ['c.ts'], unchanged: ['a.ts'] });
    const after = state(out);
    expect(after.get('a.ts')).toEqual(before.get('a.ts'));
    expect(readFileSync(join(out, 'sub/b.ts'), 'utf8')).toBe('B\n');
    expect(existsSync(join(out, 'c.ts'))).toBe(false);
    expect(staged()).toEqual([]);
  });

  it('does not touch the directory when nothing changed', () => {
    const dirIno = statSync(out).ino;
    const r = writeTree(out, [
      { path: 'a.ts', content: 'a\n' },
      { path: 'sub/b.ts', content: 'B\n' },
    ]);
    expect(r.written).toEqual([]);
    expect(statSync(out).ino).toBe(dirIno);
  });

  it('a failure while writing leaves the previous tree whole and no staging directory', () => {
    const before = state(out);
    // `x` cannot be both a file and a directory: the write fails midway.
    expect(() =>
      writeTree(out, [
        { path: 'a.ts', content: 'changed\n' },
        { path: 'x', content: 'file\n' },
        { path: 'x/y.ts', content: 'under a file\n' },
      ]),
    ).toThrow();
    expect(state(out)).toEqual(before);
    expect(staged()).toEqual([]);
  });
});
