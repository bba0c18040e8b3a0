/**
 * `npm run bench`: the project's performance report. Every figure is measured
 * in this run, on this machine, next to the peer it is compared with, and the
 * report is printed and written to bench-results/BENCH.md.
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

const dir = join(import.meta.dirname, '..', 'bench-results');
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
writeFileSync(join(dir, 'BENCH.md'), md);
console.log(`\nwritten: bench-results/BENCH.md`);
