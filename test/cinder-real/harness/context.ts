import { inject } from 'vitest';

/**
 * What the global setup (test/cinder-real/global-setup.ts) hands to the test
 * files: where the generated code is and how to reach the running cinder.
 */
export interface CinderRealContext {
  /** Upstream's entry document (`.../cinder/api-ref/source/v3/index.rst`). */
  entry: string;
  /** Where `apiref generate` wrote model.json, client.ts, ... for it. */
  genDir: string;
  /** The endpoint: `http://127.0.0.1:<port>`. */
  url: string;
  /** The `{project_id}` of every path; noauth needs it hex and equal to the token's project. */
  projectId: string;
  /** noauth token: `user:project`. */
  token: string;
  cinderVersion: string;
  /** The highest microversion the server offers (its `GET /` version document). */
  serverMicroversion: string;
  /** cinder's log, named in failure messages. */
  logFile: string;
  /** Where the drift report (JSON and Markdown) is written. */
  reportDir: string;
  /** The api-ref's title (the drift report's `api`). */
  apiTitle: string;
  /** test/cinder-real/known-drift.yaml, and its matcher lines as JSON (APIREF_KNOWN_DRIFT). */
  knownDriftFile: string;
  knownDriftJson: string;
  /** The corpus's cinder folder (evidence paths are relative to it). */
  cinderDir: string;
}

/** Either the context, or why the suite cannot run here (the corpus is absent). */
export type CinderRealProvided = { ready: CinderRealContext } | { skip: string };

declare module 'vitest' {
  export interface ProvidedContext {
    cinderReal: CinderRealProvided;
  }
}

/**
 * The context for a test file, or undefined (and one console line saying why)
 * when the suite must skip. Files use `describe.skipIf(!ctx)`.
 */
export function cinderContext(): CinderRealContext | undefined {
  const provided = inject('cinderReal') as CinderRealProvided | undefined;
  if (provided === undefined) {
    console.warn('[cinder-real] no global setup ran: run these tests with `npm run test:cinder` (vitest.cinder.config.ts)');
    return undefined;
  }
  if ('skip' in provided) {
    console.warn(`[cinder-real] skipping: ${provided.skip}`);
    return undefined;
  }
  return provided.ready;
}
