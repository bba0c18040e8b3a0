/**
 * Child process: cold, no-op and one-file-touched generation (incremental,
 * keyed on content hashes) for spec/ and for the largest corpus API.
 */
import { measureGeneration } from '../../generator/incremental.ts';
import { loadCorpus } from '../../generator/corpus.ts';
import { report } from './measure.ts';

const targets = [{ name: 'spec/', spec: 'spec', serviceType: 'volume', microversionHeader: 'OpenStack-API-Version' }];
const corpus = loadCorpus();
if (!('missing' in corpus)) {
  const nova = corpus.apis.find((a) => a.name === 'nova');
  if (nova) targets.push({ name: 'nova', spec: nova.entry, serviceType: nova.serviceType ?? 'compute', microversionHeader: nova.microversionHeader ?? 'OpenStack-API-Version' });
}
const results = targets.map((t) => ({ name: t.name, ...measureGeneration(t) }));
report({ ms: results.reduce((a, r) => a + r.coldMs, 0), results });
