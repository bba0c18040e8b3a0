/**
 * `npm run corpus`: how apiref fares on every API of the shared corpus. Per API:
 * operations, parameters resolved, samples parsed, samples whose keys all
 * match the model, whether the generated types and client compile, and the
 * diagnostics by code. Prints a Markdown table (the README quotes it).
 */
import { loadCorpus } from '../generator/corpus.ts';
import { lintSpec, countByCode } from '../generator/lint/lint.ts';
import { buildSpec } from '../generator/model/build.ts';
import { emitters } from '../generator/emitters/index.ts';
import { typecheckGenerated } from '../generator/emitters/typecheck.ts';
import type { Operation, Sample } from '../generator/model/ir.ts';

const corpus = loadCorpus();
if ('missing' in corpus) {
  console.error(`corpus: ${corpus.missing}`);
  process.exit(2);
}

/** Lint codes that mean a sample and the documented body disagree. */
const MISMATCH = new Set(['APIREF-SAMPLE-KEY-UNDOCUMENTED', 'APIREF-SAMPLE-REQUIRED-MISSING', 'APIREF-SAMPLE-TYPE-MISMATCH', 'APIREF-SAMPLE-NULL', 'APIREF-SAMPLE-BODY-UNDOCUMENTED']);
/** The emitters whose output application code compiles against. */
const COMPILED = new Set(['types', 'client']);

const samplesOf = (op: Operation): Sample[] => [...(op.request?.samples ?? []), ...(op.response?.samples ?? [])];

const rows: string[][] = [];
const typecheckInputs: { name: string; files: { path: string; content: string }[] }[] = [];
for (const api of corpus.apis) {
  const { model, trace } = buildSpec(api.entry);
  const lint = lintSpec(api.entry);
  const listed = trace.stanzas.reduce((n, s) => n + s.entries.length, 0);
  const resolved = listed - lint.findings.filter((f) => f.code === 'APIREF-PARAM-UNDEFINED').length;
  const samples = model.operations.flatMap(samplesOf);
  const json = samples.filter((s) => s.value !== undefined);
  const mismatched = new Set(lint.findings.filter((f) => MISMATCH.has(f.code)).map((f) => f.file));
  const matching = json.filter((s) => s.file !== undefined && !mismatched.has(s.file));
  const options = { serviceType: api.serviceType ?? 'service', microversionHeader: api.microversionHeader ?? 'OpenStack-API-Version' };
  typecheckInputs.push({ name: api.name, files: emitters.filter((e) => COMPILED.has(e.name)).flatMap((e) => e.emit(model, options)) });
  const byCode = countByCode(lint.findings.filter((f) => f.severity !== 'info'))
    .map(([code, n]) => `${code.replace(/^APIREF-/, '')} ${n}`)
    .join(', ');
  rows.push([
    api.name,
    String(model.operations.length),
    `${resolved}/${listed}`,
    `${json.length}/${samples.length}`,
    `${matching.length}/${json.length}`,
    '',
    byCode || '—',
  ]);
}
const checked = typecheckGenerated(typecheckInputs);
checked.forEach((r, i) => {
  rows[i]![5] = r.errorCount === 0 ? 'yes' : `${r.errorCount} errors`;
});

const header = ['API', 'operations', 'parameters resolved', 'samples parsed', 'samples matching the model', 'types + client compile', 'warnings and errors by code'];
const table = [`| ${header.join(' | ')} |`, `| ${header.map((_, i) => (i === 0 || i === 6 ? '---' : '---:')).join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
console.log(table);
const failed = checked.filter((r) => r.errorCount > 0);
for (const f of failed) console.error(`${f.name}: ${f.errors.slice(0, 5).join('\n  ')}`);
process.exitCode = failed.length > 0 ? 1 : 0;
