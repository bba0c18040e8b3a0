import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import type { GeneratedFile } from '../emitters/emitter.ts';

/**
 * Writes a whole output tree at once: into a temporary sibling directory first,
 * then swapped into place with renames, so that a failure (or a kill) never
 * leaves a half-written output directory behind.
 */
export function writeTree(outDir: string, files: GeneratedFile[]): void {
  const parent = dirname(outDir);
  mkdirSync(parent, { recursive: true });
  const staging = mkdtempSync(join(parent, `.${basename(outDir)}.tmp-`));
  try {
    for (const f of files) {
      const target = join(staging, f.path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, f.content);
    }
    const previous = existsSync(outDir) ? `${staging}.old` : undefined;
    if (previous) renameSync(outDir, previous);
    try {
      renameSync(staging, outDir);
    } catch (err) {
      if (previous) renameSync(previous, outDir);
      throw err;
    }
    if (previous) rmSync(previous, { recursive: true, force: true });
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    throw err;
  }
}

/** The files under a directory, as they are on disk, keyed by relative path. */
export function readTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync(dir)) return out;
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out;
}
