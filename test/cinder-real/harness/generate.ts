import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { corpusDir } from '../../../generator/corpus.ts';

/**
 * Generates apiref's output for upstream Cinder's own api-ref, through the
 * CLI exactly as a user would run it (`apiref generate --spec ... --out ...`).
 */

const REPO = resolve(import.meta.dirname, '..', '..', '..');

/** Upstream's entry document in the shared corpus (and the corpus's cinder folder), or the reason it is not there. */
export function cinderEntry(): { entry: string; cinderDir: string } | { missing: string } {
  const cinderDir = join(corpusDir(REPO), 'cinder');
  const entry = join(cinderDir, 'api-ref', 'source', 'v3', 'index.rst');
  if (!existsSync(entry)) return { missing: `Cinder api-ref not found: ${entry} does not exist (set APIREF_CORPUS to the shared corpus folder)` };
  return { entry, cinderDir };
}

/** Runs `apiref generate` for `entry` into `outDir`; resolves with its stdout, rejects with its stderr. */
export function generateFromApiRef(entry: string, outDir: string): Promise<string> {
  const args = [
    join(REPO, 'bin', 'apiref.js'),
    'generate',
    '--spec', entry,
    '--out', outDir,
    '--service-type', 'volume',
    '--microversion-header', 'OpenStack-API-Version',
  ];
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('error', fail);
    child.once('close', (code) => {
      if (code === 0) done(stdout.trim());
      else fail(new Error(`apiref generate exited with ${code}:\n${stderr.trim()}`));
    });
  });
}
