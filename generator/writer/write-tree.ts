import { copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import type { GeneratedFile } from '../emitters/emitter.ts';

/** What a write did, file by file (paths relative to the output directory). */
export interface WriteReport {
  /** Files whose content is new or changed: the only ones written. */
  written: string[];
  /** Files on disk that generation no longer produces. */
  removed: string[];
  /** Files already on disk with the right content: left as they were. */
  unchanged: string[];
}

/** The prefix of the staging directories writeTree makes beside `outDir` (watchers ignore them). */
export function stagingPrefix(outDir: string): string {
  return `.${basename(outDir)}.tmp-`;
}

/**
 * Makes `outDir` hold exactly `files`, all at once: the new tree is assembled
 * in a temporary sibling directory, then swapped into place with renames, so
 * that a failure (or a kill) never leaves a half-written output directory.
 *
 * Only files whose content changed are written: unchanged ones are hard-linked
 * from the current tree into the new one (same inode, same mtime), so tools
 * watching the output see just the files that changed. When nothing changed,
 * the directory is not touched at all.
 */
export function writeTree(outDir: string, files: GeneratedFile[]): WriteReport {
  const current = new Set(listTree(outDir));
  const report: WriteReport = { written: [], removed: [], unchanged: [] };
  const wanted = new Set<string>();
  for (const f of files) {
    wanted.add(f.path);
    if (current.has(f.path) && sameContent(join(outDir, f.path), f.content)) report.unchanged.push(f.path);
    else report.written.push(f.path);
  }
  for (const p of current) if (!wanted.has(p)) report.removed.push(p);
  if (report.written.length === 0 && report.removed.length === 0 && existsSync(outDir)) return report;

  const parent = dirname(outDir);
  mkdirSync(parent, { recursive: true });
  const staging = mkdtempSync(join(parent, stagingPrefix(outDir)));
  const unchanged = new Set(report.unchanged);
  try {
    for (const f of files) {
      const target = join(staging, f.path);
      mkdirSync(dirname(target), { recursive: true });
      if (unchanged.has(f.path)) keep(join(outDir, f.path), target);
      else writeFileSync(target, f.content);
    }
    swapIn(staging, outDir);
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    throw err;
  }
  return report;
}

/** Carries an unchanged file into the new tree without rewriting it. */
function keep(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch {
    // File systems without hard links: a copy keeps the content (not the inode).
    copyFileSync(from, to);
  }
}

/** Replaces `outDir` by `staging` with two renames; the old tree is restored if the second fails. */
function swapIn(staging: string, outDir: string): void {
  const previous = existsSync(outDir) ? `${staging}.old` : undefined;
  if (previous) renameSync(outDir, previous);
  try {
    renameSync(staging, outDir);
  } catch (err) {
    if (previous) renameSync(previous, outDir);
    throw err;
  }
  if (previous) rmSync(previous, { recursive: true, force: true });
}

/**
 * Whether the file holds exactly `content`, compared as bytes: no decoding of
 * what is on disk. In a steady state every file matches, so this is the whole
 * cost of a no-op write.
 */
function sameContent(path: string, content: string): boolean {
  // No stat first: in the steady state every file is read anyway, and the size check
  // below (byteLength allocates nothing) turns most changed files away before encoding.
  const onDisk = readFileSync(path);
  return onDisk.length === Buffer.byteLength(content, 'utf8') && onDisk.equals(Buffer.from(content, 'utf8'));
}

/** The relative paths of the files under a directory, sorted. */
export function listTree(dir: string): string[] {
  const out: string[] = [];
  if (!existsSync(dir)) return out;
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const p = join(d, entry.name);
      if (entry.isDirectory() || (entry.isSymbolicLink() && statSync(p).isDirectory())) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out;
}

/** The files under a directory, as they are on disk, keyed by relative path. */
export function readTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const path of listTree(dir)) out.set(path, readFileSync(join(dir, path), 'utf8'));
  return out;
}
