import { describe, expect, it } from 'vitest';
import { corpus } from './helpers/corpus.ts';
import { typecheckApis } from '../generator/emitters/typecheck-apis.ts';

/**
 * For every API of the shared corpus, the generated types.ts, client.ts and
 * runtime.ts type-check with zero errors under strict,
 * exactOptionalPropertyTypes and noUncheckedIndexedAccess. All APIs go into
 * one compiler program (the standard library is loaded once).
 */
describe.skipIf(!corpus)('corpus: generated types and client compile', () => {
  it('has zero type errors for every API', () => {
    const results = typecheckApis(corpus!);
    expect(results.map((r) => r.name)).toEqual(corpus!.map((a) => a.name));
    const failing = results.filter((r) => r.errorCount > 0).map((r) => ({ name: r.name, count: r.errorCount, first: r.errors.slice(0, 5) }));
    expect(failing).toEqual([]);
  }, 300_000);
});
