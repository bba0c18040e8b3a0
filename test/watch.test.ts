/**
 * `apiref generate --watch` on a temporary copy of spec/: a real CLI process,
 * real file edits, and bounded waits for the output to follow.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { watchAndGenerate, type WatchTarget } from '../generator/watch.ts';
import type { IncrementalResult } from '../generator/incremental.ts';

const ROOT = join(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'apiref-watch-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

/** Polls until `ready()` holds, failing after `ms` (a bound, not a timing assertion). */
async function waitFor(what: string, ready: () => boolean, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function edit(file: string, find: string, replace: string): void {
  const text = readFileSync(file, 'utf8');
  if (!text.includes(find)) throw new Error(`"${find}" not in ${file}`);
  writeFileSync(file, text.replace(find, replace));
}

const read = (file: string): string => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
};

describe('apiref generate --watch', () => {
  it('regenerates when the parameters file, a sample or the included .inc changes, and stops on SIGTERM', async () => {
    const spec = join(work, 'cli', 'spec');
    const out = join(work, 'cli', 'out');
    cpSync(join(ROOT, 'spec'), spec, { recursive: true });
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'apiref.js'), 'generate', '--watch', '--debounce', '50', '--spec', spec, '--out', out, '--service-type', 'volume'], {
      cwd: ROOT,
      env: { ...process.env, APIREF_CACHE_DIR: join(work, 'cli', 'cache') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const model = join(out, 'model.json');

    await waitFor('the first generation and the watch to start', () => /^watching \d+ directories/m.test(stdout));
    expect(stdout).toMatch(/7 operations -> \d+ files/);
    expect(read(model)).toContain('Identifier (a UUID) of the attachment the request acts on.');

    edit(join(spec, 'parameters.yaml'), 'Identifier (a UUID) of the attachment the request acts on.', 'Edited while watching: the attachment UUID.');
    await waitFor('model.json to follow parameters.yaml', () => read(model).includes('Edited while watching: the attachment UUID.'));

    edit(join(spec, 'samples', 'attachment-show-response.json'), '"driver_volume_type": "iscsi"', '"driver_volume_type": "nvmeof"');
    await waitFor('model.json to follow the sample', () => read(model).includes('"driver_volume_type": "nvmeof"'));

    edit(join(spec, 'attachments.inc'), 'Returns one attachment with all of its fields.', 'Returns one attachment (edited while watching).');
    await waitFor('model.json to follow the included .inc', () => read(model).includes('Returns one attachment (edited while watching).'));

    // Each regeneration reports the files it rewrote (only those whose content changed):
    // the first one wrote all of them, the three after it fewer.
    await waitFor('four generation reports', () => (stdout.match(/\(\d+ written\)/g)?.length ?? 0) >= 4);
    const written = [...stdout.matchAll(/-> (\d+) files in .* \((\d+) written\)/g)].map((m) => [Number(m[1]), Number(m[2])] as const);
    expect(written[0]![1]).toBe(written[0]![0]);
    for (const [files, n] of written.slice(1)) expect(n).toBeLessThan(files);
    expect(stderr).toBe('');

    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});

describe('watchAndGenerate', () => {
  it('watches the directories of the files the model read, and reports spec errors without stopping', async () => {
    const spec = join(work, 'api', 'spec');
    cpSync(join(ROOT, 'spec'), spec, { recursive: true });
    // Freshly copied files look as if written during the first build; date them back.
    const past = new Date(Date.now() - 60_000);
    for (const f of ['index.rst', 'attachments.inc', 'parameters.yaml', 'status.yaml']) utimesSync(join(spec, f), past, past);
    for (const f of readdirSync(join(spec, 'samples'))) utimesSync(join(spec, 'samples', f), past, past);
    const target: WatchTarget = {
      api: { name: 'attachments', spec, out: join(work, 'api', 'out'), serviceType: 'volume', microversionHeader: 'OpenStack-API-Version' },
      pathBase: join(work, 'api'),
    };
    const results: IncrementalResult[] = [];
    const watcher = watchAndGenerate([target], { debounceMs: 20, cacheDir: join(work, 'api', 'cache'), onResult: (_, r) => results.push(r), onError: (_, e) => results.push({ status: 'errors', errors: [], files: 0, write: { written: [], removed: [], unchanged: [] }, inputs: [String(e)] }) });
    try {
      expect(results.map((r) => r.status)).toEqual(['generated']);
      expect(watcher.directories()).toEqual([spec, join(spec, 'samples')]);

      // A broken parameters file: reported, watching goes on.
      const params = join(spec, 'parameters.yaml');
      const good = readFileSync(params, 'utf8');
      writeFileSync(params, `${good}\nbroken: [unclosed\n`);
      await waitFor('an error result', () => results.some((r) => r.status === 'errors'));
      expect(results.at(-1)!.errors.map((d) => d.code)).toContain('APIREF-YAML-SYNTAX');

      writeFileSync(params, good);
      await waitFor('recovery', () => results.at(-1)!.status !== 'errors');
      // Back to the content the cache knows: nothing needs writing.
      expect(results.at(-1)!.status).toBe('up-to-date');
    } finally {
      watcher.close();
    }
  });
});
