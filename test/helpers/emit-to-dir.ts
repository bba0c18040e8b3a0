import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';
import type { GeneratedFile } from '../../generator/emitters/emitter.ts';

/**
 * Writes generated files into a fresh temporary directory (removed after the
 * test file) so a test can import and run them like a user would.
 */
export function writeGenerated(files: GeneratedFile[], prefix = 'apiref-gen-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const f of files) {
    const target = join(dir, f.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, f.content);
  }
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
