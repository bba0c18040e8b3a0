/**
 * `npm run bench`: the project's performance report. Every figure is measured
 * in this run, on this machine, next to the peer it is compared with, and the
 * report is printed and written to docs/bench.md, the table the README links to
 * (commit it when the figures are meant to be quoted).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { loadCorpus } from '../generator/corpus.ts';
import { measureInChild, median } from './bench/measure.ts';

const RUNS = Number(process.env['APIREF_BENCH_RUNS'] ?? 3);
const corpus = loadCorpus();
if ('missing' in corpus) {
  console.error(`bench: ${corpus.missing}`);
  process.exit(2);
}

const rows: string[][] = [];
const row = (what: string, ours: string, peer: string, ratio: string, note = ''): void => {
  rows.push([what, ours, peer, ratio, note]);
  console.log(`${what.padEnd(48)} ${ours.padStart(12)} ${peer.padStart(14)} ${ratio.padStart(8)}  ${note}`);
};
const fmtMs = (ms: number): string => `${ms.toFixed(0)} ms`;

console.log(`apiref bench — ${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; median of ${RUNS} runs\n`);
console.log(`${'measure'.padEnd(48)} ${'apiref'.padStart(12)} ${'peer'.padStart(14)} ${'ratio'.padStart(8)}`);

// 1. Cold IR build of the whole corpus, against `restructured` parsing the same text.
const ours = Array.from({ length: RUNS }, () => measureInChild('scripts/bench/ir-build.ts', ['apiref']));
const peer = Array.from({ length: RUNS }, () => measureInChild('scripts/bench/ir-build.ts', ['restructured']));
const oursMs = median(ours.map((m) => m.ms));
const peerMs = median(peer.map((m) => m.ms));
row(
  `cold IR build, whole corpus (${String(ours[0]!.operations)} operations)`,
  fmtMs(oursMs),
  `${fmtMs(peerMs)} rst`,
  `${(oursMs / peerMs).toFixed(2)}×`,
  `peak RSS ${median(ours.map((m) => m.maxRssMb))} MB (restructured ${median(peer.map((m) => m.maxRssMb))} MB); target < 1000 ms`,
);

// 2. Cold full generation (every emitter) of the whole corpus, with peak memory.
const full = Array.from({ length: RUNS }, () => measureInChild('scripts/bench/full-generation.ts'));
row(`cold full generation, whole corpus (${String(full[0]!.files)} files)`, fmtMs(median(full.map((m) => m.ms))), '—', '—', `peak RSS ${median(full.map((m) => m.maxRssMb))} MB`);

// 3. Per API: full generation against openapi-typescript (types only) and hey-api (types + SDK).
interface GenRow { name: string; operations: number; ours: number; openapiTypescript: number; heyApi: number }
// Warm runs, interleaved with the peers', median of 7: one API's generation takes tens of
// milliseconds, where this machine's noise is of the same order.
const GEN_RUNS = Number(process.env['APIREF_BENCH_GEN_RUNS'] ?? 7);
const gen = measureInChild('scripts/bench/generation.ts', [String(GEN_RUNS)]).results as GenRow[];
for (const r of gen) {
  row(`${r.name} (${r.operations} ops): full generation vs openapi-typescript (warm, median of ${GEN_RUNS})`, fmtMs(r.ours), `${fmtMs(r.openapiTypescript)} ots`, `${(r.ours / r.openapiTypescript).toFixed(2)}×`, `hey-api ${fmtMs(r.heyApi)} (${(r.ours / r.heyApi).toFixed(2)}×); target < 1×`);
}

// 4. Incremental generation: cold, no-op, one file touched.
interface IncRow { name: string; coldMs: number; noopMs: number; touchedMs: number; inputs: number }
const inc = measureInChild('scripts/bench/incremental.ts').results as IncRow[];
for (const r of inc) {
  row(`${r.name} (${r.inputs} inputs): no-op / one file touched vs cold`, `${fmtMs(r.noopMs)} / ${fmtMs(r.touchedMs)}`, `${fmtMs(r.coldMs)} cold`, `${(r.noopMs / r.coldMs).toFixed(2)}× / ${(r.touchedMs / r.coldMs).toFixed(2)}×`);
}

// 5. HTTP: the generated client's overhead per request, the generated server's throughput.
const http = measureInChild('scripts/bench/http.ts');
const perBare = (http['bareMs'] as number) / (http['requests'] as number);
const perClient = (http['clientMs'] as number) / (http['requests'] as number);
row(`client: ${String(http['requests'])} sequential GETs vs bare fetch`, `${(perClient * 1000).toFixed(0)} µs/req`, `${(perBare * 1000).toFixed(0)} µs/req`, `${(perClient / perBare).toFixed(2)}×`, `overhead ${(((perClient - perBare) / perBare) * 100).toFixed(1)} %; target < 10 %`);
row(`server: ${String(http['serverRequests'])} GETs, concurrency ${String(http['concurrency'])}`, `${(http['apirefRps'] as number).toFixed(0)} req/s`, `${(http['bareRps'] as number).toFixed(0)} req/s bare`, `${((http['apirefRps'] as number) / (http['bareRps'] as number)).toFixed(2)}×`, 'target ≥ 0.80×');

const dir = join(import.meta.dirname, '..', 'docs');
mkdirSync(dir, { recursive: true });
const md = [
  `# apiref bench`,
  '',
  `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; median of ${RUNS} runs, each in a fresh process.`,
  '',
  '| measure | apiref | peer | ratio | note |',
  '| --- | ---: | ---: | ---: | --- |',
  ...rows.map((r) => `| ${r.join(' | ')} |`),
  '',
].join('\n');
writeFileSync(join(dir, 'bench.md'), md);
console.log(`\nwritten: docs/bench.md`);
