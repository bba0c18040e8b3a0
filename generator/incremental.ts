import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApiConfig } from './config.ts';
import type { ApiModel, Diagnostic } from './model/ir.ts';
import { generateInMemory } from './pipeline.ts';
import { readTree, writeTree, type WriteReport } from './writer/write-tree.ts';

/**
 * Incremental generation. A cache record per output directory remembers the
 * content hash of every file the last successful run read (the entry, its
 * includes, parameters.yaml, status.yaml, samples — and the files it looked
 * for but did not find), the hash of apiref itself (every file under
 * generator/ and templates/, plus its version) and the hash of every file it
 * wrote. When all of those still match, generation is skipped outright: no
 * model is built, nothing is emitted or written. Otherwise the model is
 * rebuilt, everything re-emitted, and only files whose content changed are
 * written (writeTree keeps the rest, and stays atomic).
 *
 * The cache lives in node_modules/.cache/apiref (the nearest one above the
 * project), or $APIREF_CACHE_DIR; never in the output directory, which must
 * hold generated files only.
 */

export type GenerateApi = Pick<ApiConfig, 'name' | 'spec' | 'out' | 'serviceType' | 'microversionHeader'>;

export interface IncrementalOptions {
  /** Where cache records go; `false` disables the cache (always rebuild). Default: see cacheDirFor. */
  cacheDir?: string | false;
}

export interface IncrementalResult {
  /** `up-to-date`: skipped, nothing read but hashes; `generated`: model built, output written where it changed; `errors`: nothing written. */
  status: 'up-to-date' | 'generated' | 'errors';
  /** The model, when one was built. */
  model?: ApiModel;
  errors: Diagnostic[];
  /** Files generation produces (on an up-to-date run, the files already there). */
  files: number;
  write: WriteReport;
  /** Absolute paths of the spec's input files, for watchers. */
  inputs: string[];
}

interface CacheRecord {
  format: 1;
  /** Hash of apiref itself and of the options that shape the output. */
  key: string;
  /** Absolute input path -> sha256 of its content; `null` for a file that did not exist, `''` for one that changed while it was read. */
  inputs: Record<string, string | null>;
  /** Output path (relative) -> sha256. */
  outputs: Record<string, string>;
}

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

function hashFile(path: string): string | null {
  try {
    return sha256(readFileSync(path));
  } catch {
    return null;
  }
}

let toolHashMemo: string | undefined;

/**
 * The hash of apiref's own code: every file under generator/ and templates/,
 * and package.json's version. Any change to an emitter, a template or the
 * front end invalidates every cache record.
 */
export function toolHash(): string {
  if (toolHashMemo) return toolHashMemo;
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const h = createHash('sha256');
  try {
    h.update(String((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: string }).version));
  } catch {
    h.update('no-package-json');
  }
  for (const dir of ['generator', 'templates']) {
    for (const file of listFiles(join(root, dir))) {
      h.update(relative(root, file));
      h.update('\0');
      h.update(readFileSync(file));
      h.update('\0');
    }
  }
  toolHashMemo = h.digest('hex');
  return toolHashMemo;
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listFiles(p));
    else out.push(p);
  }
  return out;
}

/** `$APIREF_CACHE_DIR`, else `node_modules/.cache/apiref` in the nearest directory above `from` that has node_modules, else a temp dir. */
export function cacheDirFor(from: string): string {
  const env = process.env['APIREF_CACHE_DIR'];
  if (env) return resolve(env);
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules'))) return join(dir, 'node_modules', '.cache', 'apiref');
    if (dirname(dir) === dir) break;
  }
  return join(tmpdir(), 'apiref-cache');
}

function cacheFile(cacheDir: string, api: GenerateApi): string {
  return join(cacheDir, `${sha256(resolve(api.out)).slice(0, 24)}.json`);
}

function readRecord(file: string): CacheRecord | undefined {
  try {
    const r = JSON.parse(readFileSync(file, 'utf8')) as CacheRecord;
    return r.format === 1 ? r : undefined;
  } catch {
    return undefined;
  }
}

function writeRecord(file: string, record: CacheRecord): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(record)}\n`);
    renameSync(tmp, file);
  } catch {
    // A cache that cannot be written only costs speed next time.
  }
}

function recordKey(api: GenerateApi, pathBase: string): string {
  return sha256(JSON.stringify([toolHash(), resolve(api.spec), resolve(api.out), api.serviceType, api.microversionHeader, resolve(pathBase)]));
}

/**
 * True when every input and every output is still what the record says. The
 * input hashes it computes go into `seen`, to be compared after a rebuild.
 */
function isUpToDate(record: CacheRecord, key: string, outDir: string, seen: Map<string, string | null>): boolean {
  let same = record.key === key;
  for (const [path, hash] of Object.entries(record.inputs)) {
    const now = hashFile(path);
    seen.set(path, now);
    if (hash === '' || now !== hash) same = false;
  }
  if (!same) return false;
  // Someone may have edited, added or deleted generated files since.
  const disk = readTree(outDir);
  const outputs = Object.entries(record.outputs);
  if (disk.size !== outputs.length) return false;
  return outputs.every(([path, hash]) => disk.has(path) && sha256(disk.get(path)!) === hash);
}

/**
 * Generates one API into its output directory, skipping all work when nothing
 * it depends on changed, and writing only the files whose content changed.
 */
export function generateIncremental(api: GenerateApi, pathBase: string, options: IncrementalOptions = {}): IncrementalResult {
  const cacheDir = options.cacheDir === undefined ? cacheDirFor(pathBase) : options.cacheDir;
  const file = cacheDir === false ? undefined : cacheFile(cacheDir, api);
  const key = recordKey(api, pathBase);
  const previous = file ? readRecord(file) : undefined;
  const before = new Map<string, string | null>();
  if (previous && isUpToDate(previous, key, api.out, before)) {
    const outputs = Object.keys(previous.outputs);
    return { status: 'up-to-date', errors: [], files: outputs.length, write: { written: [], removed: [], unchanged: outputs }, inputs: Object.keys(previous.inputs) };
  }

  const started = Date.now();
  const { model, files, inputs } = generateInMemory(api, pathBase);
  const errors = model.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) return { status: 'errors', model, errors, files: 0, write: { written: [], removed: [], unchanged: [] }, inputs };
  const write = writeTree(api.out, files);
  if (file) {
    const record: CacheRecord = { format: 1, key, inputs: {}, outputs: {} };
    for (const input of inputs) {
      // A file modified while the build ran may have been read before the edit:
      // record it as changed, so that the next run rebuilds. Known inputs were
      // hashed just before the build; new ones can only be judged by mtime.
      const hash = hashFile(input);
      const stable = before.has(input) ? before.get(input) === hash : hash === null || !modifiedSince(input, started);
      record.inputs[input] = stable ? hash : '';
    }
    for (const f of files) record.outputs[f.path] = sha256(f.content);
    writeRecord(file, record);
  }
  return { status: 'generated', model, errors: [], files: files.length, write, inputs };
}

function modifiedSince(path: string, since: number): boolean {
  try {
    // Slack of a clock tick: kernels stamp mtimes from a coarse clock that lags behind Date.now().
    return statSync(path).mtimeMs >= since - 20;
  } catch {
    return true;
  }
}

/** Timings of the three generation paths `npm run bench` reports, for one spec. */
export interface GenerationTimings {
  /** Empty output directory, no cache: build, emit, write everything. */
  coldMs: number;
  /** Nothing changed: hashes checked, generation skipped. */
  noopMs: number;
  /** One input file's content changed: model rebuilt, re-emitted, changed files rewritten. */
  touchedMs: number;
  /** The input file that was touched (relative to the copied spec tree). */
  touchedFile: string;
  files: number;
  inputs: number;
  written: { cold: number; noop: number; touched: number };
}

/**
 * Measures cold, no-op and one-file-touched generation of a spec. Works on a
 * temporary copy of the spec's input files (the real spec is never modified),
 * with a temporary output directory and cache. "Touched" appends an RST comment
 * to the entry document: its content hash changes, so the model is rebuilt and
 * re-emitted, though the output stays the same.
 */
export function measureGeneration(api: Pick<ApiConfig, 'spec' | 'serviceType' | 'microversionHeader'>, options: { pathBase?: string } = {}): GenerationTimings {
  const pathBase = options.pathBase ?? process.cwd();
  const probe = generateInMemory(api, pathBase);
  const existing = probe.inputs.filter((p) => existsSync(p));
  const entry = existing[0];
  if (!entry) throw new Error(`${api.spec}: no input files`);
  const root = commonDir(existing);
  const work = mkdtempSync(join(tmpdir(), 'apiref-bench-'));
  try {
    const specDir = join(work, 'spec');
    const past = new Date(Date.now() - 60_000);
    for (const p of existing) {
      const target = join(specDir, relative(root, p));
      mkdirSync(dirname(target), { recursive: true });
      cpSync(p, target);
      // Copied files look just written; date them back so the cold run trusts its reads.
      utimesSync(target, past, past);
    }
    const copy: GenerateApi = { name: 'bench', spec: join(specDir, relative(root, entry)), out: join(work, 'out'), serviceType: api.serviceType, microversionHeader: api.microversionHeader };
    const opts: IncrementalOptions = { cacheDir: join(work, 'cache') };
    const time = (): { ms: number; result: IncrementalResult } => {
      const t0 = performance.now();
      const result = generateIncremental(copy, work, opts);
      return { ms: performance.now() - t0, result };
    };
    const cold = time();
    if (cold.result.status === 'errors') throw new Error(`${api.spec}: the spec has errors; nothing to measure`);
    const noop = time();
    appendFileSync(copy.spec, '\n\n.. apiref bench: touched\n');
    const touched = time();
    return {
      coldMs: cold.ms,
      noopMs: noop.ms,
      touchedMs: touched.ms,
      touchedFile: relative(specDir, copy.spec),
      files: cold.result.files,
      inputs: existing.length,
      written: { cold: cold.result.write.written.length, noop: noop.result.write.written.length, touched: touched.result.write.written.length },
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function commonDir(paths: string[]): string {
  let common = dirname(paths[0]!);
  for (const p of paths) {
    while (!(p === common || p.startsWith(common.endsWith(sep) ? common : common + sep))) common = dirname(common);
  }
  return common;
}
