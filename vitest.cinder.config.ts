import { defineConfig } from 'vitest/config';
import CinderRealSequencer from './test/cinder-real/harness/sequencer.ts';

/**
 * `npm run test:cinder`: apiref's output for upstream Cinder's api-ref, run
 * against the real cinder-api (python3-cinder). Kept apart from `npm test`
 * (vitest.config.ts), which must not need python3-cinder, root for apt, or the
 * 5-15 s cinder start-up. The files end in `.cinder.ts`, so the default
 * config's `test/**\/*.test.ts` never picks them up.
 */
export default defineConfig({
  test: {
    include: ['test/cinder-real/**/*.cinder.ts'],
    globalSetup: ['test/cinder-real/global-setup.ts'],
    // One cinder serves every file: run the files one after another, so that
    // lists and counts in one file are not disturbed by another's resources.
    fileParallelism: false,
    // In a fixed order, the drift check last (see the sequencer).
    sequence: { sequencer: CinderRealSequencer },
    // Cinder's answers take a few hundred ms; volume state changes are polled.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
