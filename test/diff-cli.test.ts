/**
 * `apiref diff` as a command: exit codes, --fail-on / --for, the three formats,
 * bad input, and git:REV:PATH inputs read from a real temporary repository.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../generator/cli/main.ts';

const ROOT = join(import.meta.dirname, '..');
const BASE = join(import.meta.dirname, 'fixtures', 'diff', 'base');
const work = mkdtempSync(join(tmpdir(), 'apiref-diff-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  const writeErr = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((s: string) => (out.push(String(s)), true)) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => (err.push(String(s)), true)) as typeof process.stderr.write;
  try {
    const code = await main(args);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    process.stdout.write = write;
    process.stderr.write = writeErr;
  }
}

/** A copy of the base fixture with text replacements applied. */
function variant(name: string, edits: [file: string, find: string, replace: string][] = []): string {
  const dir = join(work, name);
  cpSync(BASE, dir, { recursive: true });
  for (const [file, find, replace] of edits) {
    const p = join(dir, file);
    const text = readFileSync(p, 'utf8');
    if (!text.includes(find)) throw new Error(`fixture edit: "${find}" not in ${file}`);
    writeFileSync(p, text.replace(find, replace));
  }
  return join(dir, 'api.inc');
}

const base = variant('base');
// Delete widget removed: breaking for clients, not for servers.
const DELETE_OP = 'Delete widget\n~~~~~~~~~~~~~\n\n.. rest_method:: DELETE /v2/widgets/{widget_id}\n';
const withoutDelete = variant('no-delete', [['api.inc', DELETE_OP, 'Delete widget\n~~~~~~~~~~~~~\n\n']]);
// Delete widget moved to another path: breaking for both.
const moved = variant('moved', [['api.inc', 'DELETE /v2/widgets/{widget_id}', 'DELETE /v2/widgets/{widget_id}/gone']]);
// An optional response field added: breaks nobody.
const additive = variant('additive', [['api.inc', '   - color: color_response\n', '   - color: color_response\n   - created_at: created_at\n']]);

describe('apiref diff (command)', () => {
  it('exits 1 on a change breaking for clients, naming rule, verdict and file:line', async () => {
    const r = await runCli(['diff', base, withoutDelete]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/BREAKING for clients\s+operation-removed: operation removed: Delete widget \(.*base\/api\.inc:\d+\)/);
    expect(r.stdout).toMatch(/1 failing \(breaking for clients fails\)/);
  });

  it('--for servers judges from the servers\' side; --for both from either', async () => {
    // Same id, another path: one operation whose path changed, breaking for both sides.
    const m = await runCli(['diff', base, moved, '--for', 'servers']);
    expect(m.code).toBe(1);
    expect(m.stdout).toMatch(/BREAKING\s+operation-path-changed: path changed: \/v2\/widgets\/\{widget_id\} -> \/v2\/widgets\/\{widget_id\}\/gone/);
    const r = await runCli(['diff', base, withoutDelete, '--for', 'servers', '--format', 'json']);
    const doc = JSON.parse(r.stdout) as { changes: { rule: string; servers: string }[]; summary: { failing: number } };
    expect(doc.changes.map((c) => c.rule)).toContain('operation-removed');
    expect(doc.changes.every((c) => c.servers === 'non-breaking')).toBe(true);
    expect(r.code).toBe(0);
    expect((await runCli(['diff', base, withoutDelete, '--for', 'both'])).code).toBe(1);
  });

  it('exits 0 with no change, and on additive changes unless --fail-on any', async () => {
    const same = await runCli(['diff', base, base]);
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('0 changes');
    expect((await runCli(['diff', base, additive])).code).toBe(0);
    const any = await runCli(['diff', base, additive, '--fail-on', 'any']);
    expect(any.code).toBe(1);
    expect(any.stdout).toContain('response-field-added');
  });

  it('--format json carries every change with both classifications and a summary', async () => {
    const r = await runCli(['diff', base, withoutDelete, '--format', 'json']);
    const doc = JSON.parse(r.stdout) as { summary: Record<string, number>; changes: { rule: string; clients: string; servers: string; operation: string }[]; old: { operations: number } };
    expect(doc.old.operations).toBe(5);
    expect(doc.summary['changes']).toBe(doc.changes.length);
    expect(doc.summary['breakingForClients']).toBe(doc.changes.filter((c) => c.clients === 'breaking').length);
    expect(doc.changes.find((c) => c.rule === 'operation-removed')).toMatchObject({ clients: 'breaking', servers: 'non-breaking', operation: 'DELETE /v2/widgets/{widget_id}' });
  });

  it('--format markdown keeps spec text inside its table cells', async () => {
    const piped = variant('piped', [['api.inc', 'Show widget\n~~~~~~~~~~~\n', 'Show | widget `x`\n~~~~~~~~~~~~~~~~~\n']]);
    const r = await runCli(['diff', base, piped, '--format', 'markdown', '--fail-on', 'any']);
    expect(r.code).toBe(1);
    const rows = r.stdout.split('\n').filter((l) => l.startsWith('| `'));
    expect(rows.length).toBeGreaterThan(0);
    // Seven unescaped pipes: six cells.
    for (const row of rows) expect(row.replace(/\\\|/g, '').split('|').length - 1, row).toBe(7);
    expect(r.stdout).toContain('Show \\| widget');
  });

  it('bad usage and unreadable inputs exit 2 with a one-line message, never a stack trace', async () => {
    const missing = await runCli(['diff', join(work, 'nope.inc'), base]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^apiref: .*nope\.inc: spec entry not found\n$/);
    expect((await runCli(['diff', base, base, '--format', 'yaml'])).code).toBe(2);
    expect((await runCli(['diff', base])).code).toBe(2);
    const malformed = await runCli(['diff', 'git:HEAD', base]);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('expected git:REV:PATH');
    // A spec whose parameters file is missing: its diagnostics, then exit 2.
    const broken = variant('broken');
    rmSync(join(work, 'broken', 'parameters.yaml'));
    const r = await runCli(['diff', base, broken]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/api\.inc:\d+: error APIREF-FILE-MISSING/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('--help documents the inputs and the exit codes', async () => {
    const r = await runCli(['diff', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('git:REV:PATH');
    expect(r.stdout).toMatch(/2\s+bad usage/);
  });
});

describe('apiref diff git:REV:PATH', () => {
  // A repository laid out like an os-api-ref tree: the entry's status file sits one level up.
  const repo = join(work, 'repo');
  const specDir = join(repo, 'api-ref', 'source', 'v3');
  const git = (...args: string[]): string => execFileSync('git', ['-c', 'user.name=apiref', '-c', 'user.email=apiref@example.invalid', ...args], { cwd: repo, encoding: 'utf8' });
  const cli = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin', 'apiref.js'), ...args], { cwd: repo, encoding: 'utf8' });

  mkdirSync(specDir, { recursive: true });
  cpSync(BASE, specDir, { recursive: true });
  renameSync(join(specDir, 'status.yaml'), join(repo, 'api-ref', 'source', 'status.yaml'));
  const inc = join(specDir, 'api.inc');
  writeFileSync(inc, readFileSync(inc, 'utf8').replaceAll(' status.yaml', ' ../status.yaml'));
  git('init', '-q');
  git('add', '.');
  git('commit', '-q', '-m', 'first');
  // The working tree then loses Delete widget.
  writeFileSync(inc, readFileSync(inc, 'utf8').replace(DELETE_OP, 'Delete widget\n~~~~~~~~~~~~~\n\n'));

  it('compares a committed revision with the working tree', () => {
    const r = cli('diff', 'git:HEAD:api-ref/source/v3/api.inc', 'api-ref/source/v3/api.inc');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('operation-removed');
    // Source locations of the old side name the file as it sits in the repository.
    expect(r.stdout).toMatch(/git:HEAD:api-ref\/source\/v3\/api\.inc \("Widgets", 5 operations/);
  });

  it('reads includes that climb out of the spec directory (../status.yaml) at that revision', () => {
    const r = cli('diff', 'git:HEAD:api-ref/source/v3/api.inc', 'git:HEAD:api-ref/source/v3/api.inc', '--format', 'json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as { changes: unknown[] };
    expect(doc.changes).toEqual([]);
  });

  it('reads PATH relative to the current directory when run from inside the repository', () => {
    const inSpec = spawnSync(process.execPath, [join(ROOT, 'bin', 'apiref.js'), 'diff', 'git:HEAD:.', '.'], { cwd: specDir, encoding: 'utf8' });
    // The directory has no index.rst: the entry is named as a file instead.
    expect(inSpec.stderr).toContain('no spec entry at api-ref/source/v3');
    expect(inSpec.status).toBe(2);
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'apiref.js'), 'diff', 'git:HEAD:api.inc', 'api.inc'], { cwd: specDir, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('operation-removed');
  });

  it('an unknown revision or path is bad input (exit 2)', () => {
    const rev = cli('diff', 'git:no-such-branch:api-ref/source/v3/api.inc', 'api-ref/source/v3/api.inc');
    expect(rev.status).toBe(2);
    expect(rev.stderr).toContain('unknown revision "no-such-branch"');
    const path = cli('diff', 'git:HEAD:api-ref/nope.inc', 'api-ref/source/v3/api.inc');
    expect(path.status).toBe(2);
    expect(path.stderr).toContain('does not exist at HEAD');
  });
});
