import { beforeAll, describe, expect, it } from 'vitest';
import { lintSpec, countByCode, type LintResult } from '../generator/lint/lint.ts';
import { LINT_CODES } from '../generator/lint/codes.ts';
import { buildSpec } from '../generator/model/build.ts';
import { corpus } from './helpers/corpus.ts';

/**
 * The warnings os-api-ref gives itself. The upstream api-ref jobs build with
 * `sphinx-build -W`, so the corpus trees cannot carry any of them: a finding
 * here is a lint false positive (this is how a stanza line such as
 * `- OS-EXT-STS:vm_state: OS-EXT-STS:vm_state` was found to be misread).
 */
const OS_API_REF_WARNINGS = [
  'APIREF-PARAMS-ORDER',
  'APIREF-PARAMS-SECTION-ORDER',
  'APIREF-PARAM-INVALID-IN',
  'APIREF-PARAM-UNDEFINED',
  'APIREF-PARAM-LINE-INVALID',
  'APIREF-PARAMS-EMPTY',
  'APIREF-PARAMS-FILE-MISSING',
  'APIREF-PARAMS-NONE',
];

describe.skipIf(!corpus)('apiref lint over the corpus', () => {
  const results = new Map<string, LintResult>();
  beforeAll(() => {
    for (const api of corpus ?? []) results.set(api.name, lintSpec(api.entry));
  });

  it('lints every API of the MANIFEST; every finding has a known code, a file and a line', () => {
    expect(results.size).toBe(corpus!.length);
    const known = new Set(LINT_CODES.map((c) => c.code));
    const total = new Map<string, number>();
    for (const [name, r] of results) {
      expect(r.operations, name).toBeGreaterThan(0);
      for (const f of r.findings) {
        expect(known.has(f.code), `${name}: ${f.code}`).toBe(true);
        expect(f.file.length, `${name}: ${f.code}`).toBeGreaterThan(0);
        expect(f.line, `${name}: ${f.file}`).toBeGreaterThanOrEqual(1);
      }
      for (const [code, n] of countByCode(r.findings)) total.set(code, (total.get(code) ?? 0) + n);
      console.log(`[lint corpus] ${name}: ${r.operations} operations, ${r.counts.error} errors, ${r.counts.warning} warnings, ${r.counts.info} infos`);
    }
    const sorted = [...total].sort((a, b) => b[1] - a[1]);
    console.log(`[lint corpus] by code: ${sorted.map(([c, n]) => `${c} ${n}`).join(', ')}`);
  });

  it('finds none of the warnings os-api-ref gives, in trees that build with sphinx -W', () => {
    for (const [name, r] of results) {
      const parity = r.findings.filter((f) => OS_API_REF_WARNINGS.includes(f.code));
      expect(parity.map((f) => `${f.file}:${f.line}: ${f.code}: ${f.message}`), name).toEqual([]);
    }
  });

  it('reports a missing path parameter only where os-api-ref cannot see it', () => {
    // os-api-ref checks inside a rest_parameters stanza, for `{names}` of [A-Za-z][A-Za-z0-9_]*;
    // apiref also checks operations without a stanza and names such as `{project-id}`.
    for (const api of corpus ?? []) {
      const { model, trace } = buildSpec(api.entry);
      const withStanza = new Set(trace.stanzas.map((s) => s.operationId));
      const visible = results.get(api.name)!.findings.filter((f) => {
        if (f.code !== 'APIREF-PATH-PARAM-MISSING') return false;
        const name = /"(.*)"/.exec(f.message)?.[1] ?? '';
        const op = model.operations.find((o) => o.source.file === f.file && o.source.line === f.line);
        return /^[a-zA-Z][a-zA-Z_0-9]*$/.test(name) && op !== undefined && withStanza.has(op.id);
      });
      expect(visible.map((f) => `${f.file}:${f.line}: ${f.message}`), api.name).toEqual([]);
    }
  });

  it('checks samples: the sample rules fire on real trees', () => {
    const all = [...results.values()].flatMap((r) => r.findings.map((f) => f.code));
    for (const code of ['APIREF-SAMPLE-KEY-UNDOCUMENTED', 'APIREF-SAMPLE-REQUIRED-MISSING', 'APIREF-SAMPLE-TYPE-MISMATCH', 'APIREF-SAMPLE-NULL']) {
      expect(all, code).toContain(code);
    }
  });
});
