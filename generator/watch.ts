import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { resolveEntry } from './model/build.ts';
import { generateIncremental, type GenerateApi, type IncrementalOptions, type IncrementalResult } from './incremental.ts';
import { stagingPrefix } from './writer/write-tree.ts';

export interface WatchTarget {
  api: GenerateApi;
  pathBase: string;
}

export interface WatchOptions extends IncrementalOptions {
  /** Quiet time after the last change before regenerating (editors save in bursts). */
  debounceMs?: number;
  /** Called after every generation, the first one included. */
  onResult(target: WatchTarget, result: IncrementalResult): void;
  /** Called when generation throws (an unreadable file mid-save); watching goes on. */
  onError(target: WatchTarget, err: unknown): void;
}

export interface Watcher {
  /** The directories being watched right now (for tests and `--watch` output). */
  directories(): string[];
  close(): void;
}

/**
 * Generates each API, then watches the directories of every file its model
 * read (the entry, includes, parameters.yaml, status.yaml, samples — and
 * files it looked for but did not find, so that creating one counts) and
 * regenerates the APIs a change concerns, incrementally, after a quiet period.
 * The set of watched directories follows the inputs as they change.
 */
export function watchAndGenerate(targets: WatchTarget[], options: WatchOptions): Watcher {
  const debounceMs = options.debounceMs ?? 150;
  const inputs = new Map<WatchTarget, Set<string>>();
  const watchers = new Map<string, FSWatcher>();
  const dirty = new Set<WatchTarget>();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const generate = (t: WatchTarget): void => {
    try {
      const result = generateIncremental(t.api, t.pathBase, options);
      // A spec entry that vanished mid-save still has to be watched for its return.
      inputs.set(t, new Set([resolveEntry(t.api.spec), ...result.inputs]));
      options.onResult(t, result);
    } catch (err) {
      options.onError(t, err);
    }
  };

  /** Our own writes (the output and its staging directories) are not changes to the spec. */
  const isOwnOutput = (path: string): boolean =>
    targets.some(({ api }) => {
      const out = resolve(api.out);
      return path === out || path.startsWith(out + sep) || (dirname(path) === dirname(out) && basename(path).startsWith(stagingPrefix(out)));
    });

  const onEvent = (dir: string, filename: string | Buffer | null): void => {
    if (closed) return;
    const path = filename ? join(dir, filename.toString()) : undefined;
    if (path && isOwnOutput(path)) return;
    for (const t of targets) {
      const files = inputs.get(t);
      // No file name (some platforms): anything in the directory may have changed.
      if (!files || (path ? files.has(path) : [...files].some((f) => dirname(f) === dir))) dirty.add(t);
    }
    if (dirty.size === 0) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, debounceMs);
  };

  const flush = (): void => {
    timer = undefined;
    const batch = [...dirty];
    dirty.clear();
    for (const t of batch) generate(t);
    syncWatchers();
  };

  /** Watches exactly the directories the current inputs live in. */
  const syncWatchers = (): void => {
    if (closed) return;
    const wanted = new Set<string>();
    for (const files of inputs.values()) for (const f of files) wanted.add(dirname(f));
    for (const [dir, w] of watchers) {
      if (!wanted.has(dir)) {
        w.close();
        watchers.delete(dir);
      }
    }
    for (const dir of wanted) {
      if (watchers.has(dir)) continue;
      try {
        const w = watch(dir, { persistent: true }, (_event, filename) => onEvent(dir, filename));
        w.on('error', () => {
          // The directory went away (renamed, deleted): stop watching it; the next sync may return.
          w.close();
          watchers.delete(dir);
        });
        watchers.set(dir, w);
      } catch {
        // A directory that does not exist (a missing include's): nothing to watch yet.
      }
    }
  };

  for (const t of targets) generate(t);
  syncWatchers();

  return {
    directories: () => [...watchers.keys()].sort(),
    close: () => {
      closed = true;
      if (timer) clearTimeout(timer);
      for (const w of watchers.values()) w.close();
      watchers.clear();
    },
  };
}
