import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

/** One API of the shared corpus, as MANIFEST.yaml lists it. */
export interface CorpusApi {
  name: string;
  /** Absolute path of the entry document. */
  entry: string;
  serviceType?: string;
  microversionHeader?: string;
}

/** Where the shared corpus lives: `$APIREF_CORPUS`, or `../shared/corpus` beside the project. */
export function corpusDir(projectRoot = process.cwd()): string {
  return resolve(process.env['APIREF_CORPUS'] ?? join(projectRoot, '..', 'shared', 'corpus'));
}

/** The corpus' APIs, or undefined (with the reason) where the corpus is absent. */
export function loadCorpus(projectRoot = process.cwd()): { apis: CorpusApi[] } | { missing: string } {
  const dir = corpusDir(projectRoot);
  const manifest = join(dir, 'MANIFEST.yaml');
  if (!existsSync(manifest)) return { missing: `corpus not found: ${manifest} does not exist (set APIREF_CORPUS to its folder)` };
  const doc = parse(readFileSync(manifest, 'utf8')) as { apis?: Record<string, string>[] };
  const apis = (doc.apis ?? []).map((a) => {
    const api: CorpusApi = { name: a['name']!, entry: join(dir, a['entry']!) };
    if (a['service_type']) api.serviceType = a['service_type'];
    if (a['microversion_header']) api.microversionHeader = a['microversion_header'];
    return api;
  });
  return { apis };
}
