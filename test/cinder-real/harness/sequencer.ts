import { basename } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Runs the real-Cinder files in a fixed order instead of vitest's (which
 * favours slow and recently failed files): cheap checks first, then the
 * lifecycles, the generated conformance suite, and last the drift check,
 * which needs the report every earlier file contributed to.
 */
const ORDER = [
  'client-types.cinder.ts',
  'attachments-lifecycle.cinder.ts',
  'volumes-basic.cinder.ts',
  'conformance.cinder.ts',
  'drift-check.cinder.ts',
];

export default class CinderRealSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification): number => {
      const i = ORDER.indexOf(basename(f.moduleId));
      // Files not listed run before the drift check, in name order.
      return i >= 0 ? i : ORDER.length - 1.5;
    };
    return [...files].sort((a, b) => rank(a) - rank(b) || (a.moduleId < b.moduleId ? -1 : a.moduleId > b.moduleId ? 1 : 0));
  }
}
