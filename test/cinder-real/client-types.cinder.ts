/**
 * The lifecycle tests call the generated client through a hand-written
 * interface (harness/lifecycle-client.ts), since the client only exists at
 * run time. This file checks, with the TypeScript compiler under the flags
 * generated code promises (strict, exactOptionalPropertyTypes,
 * noUncheckedIndexedAccess), that the generated client agrees with it: each
 * call's arguments are accepted by the generated parameter types, and each
 * generated result type fits what the tests read. Where upstream's reference
 * makes the generated types reject what the real server accepts, the check
 * names the method and the expectation below records it (with its entry in
 * known-drift.yaml), so a change either way shows up here.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { typecheckGenerated } from '../../generator/emitters/typecheck.ts';
import { cinderContext } from './harness/context.ts';

const ctx = cinderContext();

/** `true`, or why the generated method does not fit: `args` (rejects our call) or `result` (returns something else). */
const CHECK = `
import type { VolumeClient } from './client.ts';
import type { LifecycleClient } from './lifecycle-client.ts';

type Fits<G, M> = G extends (args: infer GA, ...rest: infer _GR) => Promise<infer GR>
  ? M extends (args: infer MA, ...rest: infer _MR) => Promise<infer MR>
    ? [MA] extends [GA]
      ? [GR] extends [MR]
        ? true
        : 'result'
      : 'args'
    : 'not a method'
  : 'missing';

type SectionFit<S extends keyof LifecycleClient & keyof VolumeClient> = {
  [K in keyof LifecycleClient[S]]: K extends keyof VolumeClient[S] ? Fits<VolumeClient[S][K], LifecycleClient[S][K]> : 'missing';
};

export type AttachmentsFit = SectionFit<'attachments'>;
export type VolumesFit = SectionFit<'volumes'>;
`;

/** What each method is expected to be found as; a mismatch fails the type check with the method named. */
const EXPECTED = `
import type { AttachmentsFit, VolumesFit } from './check.ts';

export const attachments: AttachmentsFit = {
  create: true,
  showDetails: true,
  list: true,
  listWithDetails: true,
  update: true,
  complete: true,
  delete: true,
};

export const volumes: VolumesFit = {
  // Upstream marks consistencygroup_id required in the create request
  // (parameters.yaml consistencygroup_id_required); cinder does not need it
  // (known-drift.yaml: volumes/create-consistencygroup-id-required).
  create: 'args',
  showDetails: true,
  listAccessible: true,
  listAccessibleWithDetails: true,
  update: true,
  delete: true,
};
`;

describe.skipIf(!ctx)('generated client types against the calls the lifecycle tests make', () => {
  it('type-checks the generated client together with the lifecycle interface', () => {
    const genDir = ctx!.genDir;
    const generated = readdirSync(genDir)
      .filter((f) => f.endsWith('.ts') && !f.startsWith('server'))
      .map((f) => ({ path: f, content: readFileSync(join(genDir, f), 'utf8') }));
    expect(generated.map((f) => f.path)).toEqual(expect.arrayContaining(['client.ts', 'runtime.ts', 'types.ts']));
    const files = [
      ...generated,
      { path: 'lifecycle-client.ts', content: readFileSync(join(import.meta.dirname, 'harness', 'lifecycle-client.ts'), 'utf8') },
      { path: 'check.ts', content: CHECK },
      { path: 'expected.ts', content: EXPECTED },
    ];
    const [result] = typecheckGenerated([{ name: 'cinder', files }]);
    expect(result!.errors).toEqual([]);
  });
});
