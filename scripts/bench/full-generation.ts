/**
 * Child process: cold full generation (every emitter) of the whole corpus,
 * in memory, once; the parent reads the time and the peak memory.
 */
import { loadCorpus } from '../../generator/corpus.ts';
import { generateInMemory } from '../../generator/pipeline.ts';
import { report } from './measure.ts';

const corpus = loadCorpus();
if ('missing' in corpus) throw new Error(corpus.missing);
const t0 = performance.now();
let files = 0;
for (const api of corpus.apis) {
  files += generateInMemory({ spec: api.entry, serviceType: api.serviceType ?? 'service', microversionHeader: api.microversionHeader ?? 'OpenStack-API-Version' }, process.cwd()).files.length;
}
report({ ms: performance.now() - t0, files });
