import { join } from 'node:path';
import type { CinderRealContext } from './context.ts';

/**
 * The environment the generated conformance suite reads (its support/target.ts)
 * to reach this run's cinder, with our fixture hooks, known drift and report folder.
 */
export function conformanceEnv(ctx: CinderRealContext): Record<string, string> {
  return {
    APIREF_BASE_URL: ctx.url,
    APIREF_TOKEN: ctx.token,
    APIREF_PROJECT_ID: ctx.projectId,
    // The server's highest microversion (its version document says 3.70 for
    // cinder 21), so that the fields upstream documents up to there are checked.
    APIREF_MICROVERSION: ctx.serverMicroversion,
    APIREF_FIXTURES: join(import.meta.dirname, '..', 'fixtures.ts'),
    APIREF_DRIFT_REPORT: ctx.reportDir,
    APIREF_KNOWN_DRIFT: ctx.knownDriftJson,
  };
}
