import { loadCorpus, type CorpusApi } from '../../generator/corpus.ts';

/**
 * The shared corpus for tests, or undefined where it is absent; in that case a
 * line says so, and tests use `describe.skipIf(!corpus)`.
 */
export const corpus: CorpusApi[] | undefined = (() => {
  const c = loadCorpus();
  if ('missing' in c) {
    console.warn(`[apiref tests] skipping corpus tests: ${c.missing}`);
    return undefined;
  }
  return c.apis;
})();

export function corpusApi(name: string): CorpusApi | undefined {
  return corpus?.find((a) => a.name === name);
}
