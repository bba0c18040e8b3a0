import { existsSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { loadConfig, ConfigError, DEFAULT_CONFIG_FILE, type ApiConfig } from '../config.ts';
import { generateInMemory } from '../pipeline.ts';
import { generateIncremental, type IncrementalResult } from '../incremental.ts';
import { watchAndGenerate, type WatchTarget } from '../watch.ts';
import { readTree } from '../writer/write-tree.ts';
import { formatDiagnostic } from '../diagnostics.ts';
import { buildModel } from '../model/build.ts';
import type { Diagnostic } from '../model/ir.ts';
import { shortDiff } from '../writer/short-diff.ts';
import { addSpecOptions, checkEntry, type SpecOptions } from './spec-options.ts';
import { UsageError } from './main.ts';

interface GenerateOptions extends Partial<SpecOptions> {
  out?: string;
  config?: string;
  check?: boolean;
  watch?: boolean;
  cache: boolean;
  debounce?: string;
}

export function registerGenerateCommand(program: Command, setCode: (c: number) => void): void {
  const cmd = program
    .command('generate')
    .description(`generate types, client, server, conformance tests and the model for a spec (default: the APIs in ${DEFAULT_CONFIG_FILE})`)
    .option('--out <dir>', 'output directory (with --spec)')
    .option('--config <file>', `config file listing the APIs to generate`, undefined)
    .option('--check', 'regenerate in memory and exit 1 if the files on disk differ (naming each, with a short diff); writes nothing')
    .option('--watch', 'generate, then regenerate whenever a file the spec is read from changes (Ctrl-C to stop)')
    .option('--no-cache', 'rebuild even when no input changed (the cache lives in node_modules/.cache/apiref, or $APIREF_CACHE_DIR)')
    .option('--debounce <ms>', 'with --watch: quiet time after a change before regenerating', '150');
  addSpecOptions(cmd, false).action(async (opts: GenerateOptions) => {
    if (opts.check && opts.watch) throw new UsageError('--check and --watch cannot be combined');
    const apis = selectApis(opts);
    const cacheDir = opts.cache ? undefined : false;
    if (opts.check) {
      setCode(checkAll(apis) ? 0 : 1);
      return;
    }
    if (opts.watch) {
      const debounceMs = Number(opts.debounce);
      if (!Number.isFinite(debounceMs) || debounceMs < 0) throw new UsageError(`--debounce expects milliseconds, got "${opts.debounce}"`);
      await watchUntilSignal(apis, debounceMs, cacheDir);
      setCode(0);
      return;
    }
    let failed = false;
    for (const target of apis) {
      const result = writingTo(target.api.out, () => generateIncremental(target.api, target.pathBase, cacheDir === false ? { cacheDir } : {}));
      if (!report(target, result)) failed = true;
    }
    setCode(failed ? 1 : 0);
  });
}

/**
 * Runs a generation that writes into `out`, turning a file-system refusal (the
 * path is a file, a parent is missing or read-only) into one line and exit 2.
 */
function writingTo<T>(out: string, run: () => T): T {
  try {
    return run();
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (typeof e.code === 'string' && typeof e.syscall === 'string') {
      const where = e.path ? ` (${e.syscall} ${relative(process.cwd(), e.path) || e.path})` : ` (${e.syscall})`;
      throw new UsageError(`cannot write ${relative(process.cwd(), out) || out}: ${e.code}${where}`);
    }
    throw err;
  }
}

/**
 * The errors with their paths (in locations and in messages) relative to the working
 * directory, so they can be opened as printed. The model names paths from its path base,
 * which for `--spec/--out` is the output's parent; only on failure is it read again from here.
 */
function errorsAsSeenFromHere(api: ApiConfig, pathBase: string, errors: Diagnostic[]): Diagnostic[] {
  if (resolve(pathBase) === process.cwd()) return errors;
  const model = buildModel(api.spec, { pathBase: process.cwd(), serviceType: api.serviceType, microversionHeader: api.microversionHeader });
  const again = model.diagnostics.filter((d) => d.severity === 'error');
  return again.length === errors.length ? again : errors;
}

/** Prints what one generation did; false when the spec had errors. */
function report({ api, pathBase }: WatchTarget, result: IncrementalResult): boolean {
  if (result.status === 'errors') {
    for (const d of errorsAsSeenFromHere(api, pathBase, result.errors)) process.stderr.write(`${formatDiagnostic(d)}\n`);
    process.stderr.write(`apiref: ${api.name}: ${result.errors.length} error(s); nothing written\n`);
    return false;
  }
  const out = relative(process.cwd(), api.out) || '.';
  if (result.status === 'up-to-date') {
    process.stdout.write(`${api.name}: up to date (${result.files} files in ${out}; no input changed)\n`);
    return true;
  }
  const { written, removed } = result.write;
  const changes = [`${written.length} written`, ...(removed.length > 0 ? [`${removed.length} removed`] : [])].join(', ');
  process.stdout.write(`${api.name}: ${result.model?.operations.length ?? 0} operations -> ${result.files} files in ${out} (${changes})\n`);
  return true;
}

/** `--check`: every API regenerated in memory and compared with the disk; nothing written, no cache used. */
function checkAll(apis: WatchTarget[]): boolean {
  let ok = true;
  for (const { api, pathBase } of apis) {
    const { model, files } = generateInMemory(api, pathBase);
    const errors = model.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) {
      for (const d of errorsAsSeenFromHere(api, pathBase, errors)) process.stderr.write(`${formatDiagnostic(d)}\n`);
      process.stderr.write(`apiref: ${api.name}: ${errors.length} error(s); cannot check ${api.out}\n`);
      ok = false;
      continue;
    }
    const stale = compareWithDisk(api.out, files);
    if (stale.length > 0) {
      for (const s of stale) process.stderr.write(`${s}\n`);
      process.stderr.write(`apiref: ${api.name}: ${stale.length} generated file(s) out of date in ${relative(process.cwd(), api.out) || '.'}; run apiref generate\n`);
      ok = false;
    } else {
      process.stdout.write(`${api.name}: ${files.length} files up to date\n`);
    }
  }
  return ok;
}

/** `--watch`: runs until SIGINT or SIGTERM, reporting each regeneration. */
function watchUntilSignal(apis: WatchTarget[], debounceMs: number, cacheDir: false | undefined): Promise<void> {
  return new Promise((done) => {
    const watcher = watchAndGenerate(apis, {
      debounceMs,
      ...(cacheDir === false ? { cacheDir } : {}),
      onResult: (target, result) => {
        report(target, result);
      },
      onError: (target, err) => {
        process.stderr.write(`apiref: ${target.api.name}: ${err instanceof Error ? err.message : String(err)}\n`);
      },
    });
    const dirs = watcher.directories().map((d) => relative(process.cwd(), d) || '.');
    process.stdout.write(`watching ${dirs.length} director${dirs.length === 1 ? 'y' : 'ies'} (${dirs.join(', ')}); Ctrl-C to stop\n`);
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      watcher.close();
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

function selectApis(opts: GenerateOptions): WatchTarget[] {
  if (opts.spec) {
    if (!opts.out) throw new UsageError('--spec needs --out (the directory to write into)');
    checkEntry(opts.spec);
    const out = resolve(opts.out);
    if (existsSync(out) && !statSync(out).isDirectory()) throw new UsageError(`--out ${opts.out} is a file, not a directory`);
    const api: ApiConfig = {
      name: opts.spec,
      spec: resolve(opts.spec),
      out,
      serviceType: opts.serviceType ?? 'service',
      microversionHeader: opts.microversionHeader ?? 'OpenStack-API-Version',
    };
    // Paths written into the output are relative to the output's parent, as they are to the
    // config file's directory with a config: the same files from wherever apiref is run.
    return [{ api, pathBase: dirname(out) }];
  }
  try {
    const config = loadConfig(opts.config ?? DEFAULT_CONFIG_FILE);
    return config.apis.map((api) => ({ api, pathBase: config.dir }));
  } catch (err) {
    if (err instanceof ConfigError) throw new UsageError(`${err.message} (or pass --spec and --out)`);
    throw err;
  }
}

/** Names each file whose content on disk differs from what generation makes, with a short diff. */
function compareWithDisk(outDir: string, files: { path: string; content: string }[]): string[] {
  const disk = readTree(outDir);
  const problems: string[] = [];
  for (const f of files) {
    const current = disk.get(f.path);
    if (current === undefined) problems.push(`missing: ${f.path}`);
    else if (current !== f.content) problems.push(`stale: ${f.path}\n${shortDiff(current, f.content)}`);
    disk.delete(f.path);
  }
  for (const extra of disk.keys()) problems.push(`extra: ${extra} (not produced by generation)`);
  return problems;
}
