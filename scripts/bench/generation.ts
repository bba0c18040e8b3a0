/**
 * Child process: per corpus API, apiref's full generation (model, types,
 * client, server, conformance, OpenAPI; written to a temporary directory)
 * against openapi-typescript (types only) and @hey-api/openapi-ts (types and
 * SDK, written to disk) fed apiref's own OpenAPI export of the same API.
 * Each is warmed up, then timed `runs` times, the three interleaved; the median is reported.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { createClient } from '@hey-api/openapi-ts';
import { loadCorpus } from '../../generator/corpus.ts';
import { buildModel } from '../../generator/model/build.ts';
import { generateInMemory } from '../../generator/pipeline.ts';
import { writeTree } from '../../generator/writer/write-tree.ts';
import { exportOpenApi } from '../../generator/emitters/openapi/export.ts';
import { median, report } from './measure.ts';

const corpus = loadCorpus();
if ('missing' in corpus) throw new Error(corpus.missing);
const runs = Number(process.argv[2] ?? 7);
/** Untimed rounds per API: each tool's code reaches its steady (optimized) state before the clock runs. */
const WARMUPS = 4;
const work = mkdtempSync(join(tmpdir(), 'apiref-bench-gen-'));

/**
 * Times the three tools on one API, interleaved: round by round each runs once,
 * so that a noisy stretch of the machine (or the JIT settling) hits all of them
 * alike. `warmups` untimed rounds first, then `runs` timed ones; medians.
 */
async function timeInterleaved(tools: (() => Promise<unknown> | unknown)[], warmups: number): Promise<number[]> {
  const times: number[][] = tools.map(() => []);
  for (let round = 0; round < warmups + runs; round++) {
    for (let i = 0; i < tools.length; i++) {
      const t0 = performance.now();
      await tools[i]!();
      if (round >= warmups) times[i]!.push(performance.now() - t0);
    }
  }
  return times.map(median);
}

const results: { name: string; operations: number; ours: number; openapiTypescript: number; heyApi: number }[] = [];
try {
  for (const api of corpus.apis) {
    const config = { spec: api.entry, serviceType: api.serviceType ?? 'service', microversionHeader: api.microversionHeader ?? 'OpenStack-API-Version' };
    const model = buildModel(api.entry, config);
    const doc = exportOpenApi(model, config);
    const input = join(work, `${api.name}.openapi.json`);
    writeFileSync(input, JSON.stringify(doc));
    const [ours, openapiTypescript, heyApi] = await timeInterleaved(
      [
        () => writeTree(join(work, api.name, 'apiref'), generateInMemory(config, process.cwd()).files),
        async () => astToString(await openapiTS(structuredClone(doc) as never)),
        () => createClient({ input, output: { path: join(work, api.name, 'hey-api') }, logs: { level: 'silent' } }),
      ],
      WARMUPS,
    ) as [number, number, number];
    results.push({ name: api.name, operations: model.operations.length, ours, openapiTypescript, heyApi });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
report({ ms: results.reduce((a, r) => a + r.ours, 0), results });
