import { describe, expect, it } from 'vitest';
import { GENERATED_CODE_OPTIONS, typecheckGenerated } from '../generator/emitters/typecheck.ts';
import { generateInMemory } from '../generator/pipeline.ts';

/**
 * Projects choose their own `lib`: a browser or worker project often has
 * "es2022" and "dom" without "dom.iterable". The generated types, client and
 * server (everything but the vitest conformance suite) must compile there too,
 * so they may not iterate URLSearchParams or Headers.
 */
describe('generated code under a narrow lib', () => {
  it('compiles with lib es2022 + dom only, under the strict flags', () => {
    const { files } = generateInMemory({ spec: 'spec', serviceType: 'volume', microversionHeader: 'OpenStack-API-Version' }, process.cwd());
    const code = files.filter((f) => f.path.endsWith('.ts') && !f.path.startsWith('conformance/'));
    expect(code.map((f) => f.path)).toEqual(expect.arrayContaining(['client.ts', 'runtime.ts', 'server.ts', 'types.ts', 'server-runtime/router.ts']));
    const [result] = typecheckGenerated([{ name: 'spec', files: code }], { ...GENERATED_CODE_OPTIONS, lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'] });
    expect(result?.errors).toEqual([]);
  });
});
