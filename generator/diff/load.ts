import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, normalize, resolve } from 'node:path';
import { buildModel, resolveEntry } from '../model/build.ts';
import type { ApiModel, Diagnostic } from '../model/ir.ts';

/** An input `apiref diff` cannot read: reported in one line, exit 2. */
export class DiffInputError extends Error {
  constructor(
    message: string,
    readonly diagnostics: Diagnostic[] = [],
  ) {
    super(message);
  }
}

export interface LoadOptions {
  cwd?: string;
  serviceType?: string;
  microversionHeader?: string;
}

/** `git:REV:PATH` names a spec as it was at a revision of the repository holding the working directory. */
export function parseGitInput(input: string): { rev: string; path: string } | undefined {
  if (!input.startsWith('git:')) return undefined;
  const rest = input.slice(4);
  // Git ref names cannot hold a colon, so the first one ends the revision.
  const colon = rest.indexOf(':');
  if (colon <= 0 || colon === rest.length - 1) return undefined;
  return { rev: rest.slice(0, colon), path: rest.slice(colon + 1) };
}

/** Builds the model of one side of a diff: a spec entry on disk, or `git:REV:PATH`. */
export function loadDiffInput(input: string, options: LoadOptions = {}): ApiModel {
  const cwd = options.cwd ?? process.cwd();
  if (input.startsWith('git:')) {
    const git = parseGitInput(input);
    if (!git) throw new DiffInputError(`${input}: expected git:REV:PATH, e.g. git:HEAD~1:spec`);
    return loadFromGit(input, git.rev, git.path, cwd, options);
  }
  const entry = resolveEntry(resolve(cwd, input));
  if (!existsSync(entry)) throw new DiffInputError(`${input}: spec entry not found${entry !== resolve(cwd, input) ? ` (looked for ${entry})` : ''}`);
  return build(input, entry, cwd, options);
}

function build(input: string, entry: string, pathBase: string, options: LoadOptions): ApiModel {
  const model = buildModel(entry, {
    pathBase,
    ...(options.serviceType ? { serviceType: options.serviceType } : {}),
    ...(options.microversionHeader ? { microversionHeader: options.microversionHeader } : {}),
  });
  const errors = model.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new DiffInputError(`${input}: the spec has ${errors.length} error(s); cannot compare it reliably`, errors);
  return model;
}

function git(args: string[], cwd: string): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/**
 * Materializes the spec as it was at REV into a temporary directory, then
 * builds it there. The whole top-level directory holding PATH is extracted,
 * so that includes climbing out of the spec's own directory (`../status.yaml`)
 * resolve as they did at that revision.
 */
function loadFromGit(input: string, rev: string, path: string, cwd: string, options: LoadOptions): ApiModel {
  let prefix: string;
  let sha: string;
  try {
    prefix = git(['rev-parse', '--show-prefix'], cwd);
  } catch {
    throw new DiffInputError(`${input}: ${cwd} is not inside a git repository`);
  }
  try {
    sha = git(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], cwd);
  } catch {
    throw new DiffInputError(`${input}: unknown revision "${rev}" (fetch it first, e.g. git fetch origin main)`);
  }
  if (isAbsolute(path)) throw new DiffInputError(`${input}: PATH must be relative to the current directory`);
  const repoPath = normalize(join(prefix, path)).replace(/\\/g, '/').replace(/\/+$/, '');
  if (repoPath.startsWith('..')) throw new DiffInputError(`${input}: ${path} is outside the repository`);
  const top = repoPath === '.' || repoPath === '' ? undefined : repoPath.split('/')[0]!;
  try {
    git(['cat-file', '-e', `${sha}:${repoPath === '.' ? '' : repoPath}`], cwd);
  } catch {
    throw new DiffInputError(`${input}: ${repoPath} does not exist at ${rev}`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'apiref-diff-'));
  try {
    // A single top-level file (index.rst at the root) needs the whole tree beside it.
    const single = top !== undefined && top === repoPath && git(['cat-file', '-t', `${sha}:${top}`], cwd) === 'blob';
    // Pathspecs are read relative to the directory git runs in: run it at the top of
    // the work tree, where `top` (a path from the repository root) means what it says.
    const root = git(['rev-parse', '--show-toplevel'], cwd);
    let archive: Buffer;
    try {
      archive = execFileSync('git', ['archive', '--format=tar', sha, ...(top && !single ? ['--', top] : [])], { cwd: root, maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
      execFileSync('tar', ['-x', '-C', dir], { input: archive, stdio: ['pipe', 'ignore', 'pipe'] });
    } catch (err) {
      const stderr = String((err as { stderr?: unknown }).stderr ?? '').trim().split('\n')[0];
      throw new DiffInputError(`${input}: cannot extract ${repoPath} at ${rev}${stderr ? `: ${stderr}` : ''}`);
    }
    const entry = resolveEntry(join(dir, repoPath));
    if (!existsSync(entry)) throw new DiffInputError(`${input}: no spec entry at ${repoPath} in ${rev} (looked for ${entry.slice(dir.length + 1)})`);
    return build(input, entry, dir, options);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
