/**
 * Child process: builds the IR of every corpus API once, cold (modules are
 * loaded before the clock starts; nothing is cached). With `restructured`,
 * parses the same RST files with the `restructured` package instead, the
 * baseline the front end is compared with.
 */
import { readFileSync } from 'node:fs';
import { buildModel } from '../../generator/model/build.ts';
import { loadCorpus } from '../../generator/corpus.ts';
import { SourceLoader } from '../../generator/frontend/rst/source.ts';
import { Diagnostics } from '../../generator/diagnostics.ts';
import * as restructuredModule from 'restructured';
import { report } from './measure.ts';

const corpus = loadCorpus();
if ('missing' in corpus) throw new Error(corpus.missing);
const mode = process.argv[2] ?? 'apiref';

if (mode === 'apiref') {
  const t0 = performance.now();
  let operations = 0;
  for (const api of corpus.apis) operations += buildModel(api.entry).operations.length;
  report({ ms: performance.now() - t0, operations, apis: corpus.apis.length });
} else {
  // The files each API reads, with includes inlined the way docutils does.
  const texts = corpus.apis.flatMap((api) =>
    new SourceLoader(new Diagnostics()).loadDocuments(api.entry).map((d) => d.lines.map((l) => l.text).join('\n')),
  );
  const rst = ((restructuredModule as { default?: { default?: unknown } }).default?.default ?? restructuredModule.default) as { parse(s: string): unknown };
  const t0 = performance.now();
  for (const text of texts) rst.parse(text);
  report({ ms: performance.now() - t0, documents: texts.length, bytes: texts.reduce((a, t) => a + t.length, 0) });
}
void readFileSync;
