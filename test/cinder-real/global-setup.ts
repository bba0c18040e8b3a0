/**
 * Global setup of `npm run test:cinder` (vitest.cinder.config.ts), in the
 * main vitest process, once per run:
 *   1. generates apiref's client (and conformance suite) from upstream
 *      Cinder's api-ref into a temporary folder, while
 *   2. the real cinder-api (MODE=aio: api + scheduler + volume with a fake
 *      driver) starts on a free port with its own state folder;
 *   3. hands both to the test files (`inject('cinderReal')`);
 *   4. on teardown — also when tests failed — stops cinder and removes the
 *      temporary folder (kept with APIREF_CINDER_KEEP=1).
 * Without the corpus the suite skips with a message; without python3-cinder
 * it fails, since running against cinder is this suite's whole point.
 */
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { cinderVersion, startCinder, CINDER_SCRIPT, type RunningCinder } from './harness/cinder-server.ts';
import { cinderEntry, generateFromApiRef } from './harness/generate.ts';
import type { CinderRealContext } from './harness/context.ts';
import { loadKnownDrift, matcherLines } from './harness/known-drift.ts';

const REPO = resolve(import.meta.dirname, '..', '..');
/** Any hex id works with noauth; the token must name the same project. */
const PROJECT_ID = '7a3f0c2e9b1d4e5f8a6b4c3d2e1f0a9b';
const KNOWN_DRIFT_FILE = join(import.meta.dirname, 'known-drift.yaml');

const log = (line: string): void => void process.stdout.write(`[cinder-real] ${line}\n`);

/** The `version` (highest microversion) of the server's version document, `GET /`. */
async function maxMicroversion(url: string): Promise<string> {
  const r = await fetch(`${url}/`);
  const doc = (await r.json()) as { versions?: { id?: string; version?: string }[] };
  const v3 = doc.versions?.find((v) => v.id === 'v3.0');
  if (typeof v3?.version !== 'string' || !/^3\.\d+$/.test(v3.version)) throw new Error(`GET ${url}/ (${r.status}) names no v3.0 microversion: ${JSON.stringify(doc).slice(0, 300)}`);
  return v3.version;
}

export default async function setup(project: TestProject): Promise<() => void> {
  const found = cinderEntry();
  if ('missing' in found) {
    log(`skipping the real-Cinder suite: ${found.missing}`);
    project.provide('cinderReal', { skip: found.missing });
    return () => {};
  }
  const installed = cinderVersion();
  if ('missing' in installed) {
    throw new Error(`${installed.missing}; run \`${CINDER_SCRIPT} install\` first (needs root, apt)`);
  }

  // Checked before anything starts: a bad entry is a clear file:line message, not a late failure.
  const known = loadKnownDrift(KNOWN_DRIFT_FILE, found.cinderDir);

  const root = mkdtempSync(join(tmpdir(), 'apiref-cinder-real-'));
  const genDir = join(root, 'generated');
  const stateDir = join(root, 'state');
  const knownDriftJson = join(root, 'known-drift.json');
  writeFileSync(knownDriftJson, `${JSON.stringify(matcherLines(known), null, 2)}\n`);
  // The report describes this run alone: drop an earlier run's parts and results.
  const reportDir = resolve(process.env['APIREF_DRIFT_REPORT_DIR'] ?? join(REPO, '.cinder-real', 'report'));
  for (const f of ['parts', 'drift.json', 'drift.md', 'summary.md', 'outcomes.json', 'scope.json']) rmSync(join(reportDir, f), { recursive: true, force: true });
  mkdirSync(reportDir, { recursive: true });

  let cinder: RunningCinder | undefined;
  const cleanUp = (): void => {
    cinder?.stop();
    if (process.env['APIREF_CINDER_KEEP'] === '1') log(`kept ${root} (APIREF_CINDER_KEEP=1)`);
    else rmSync(root, { recursive: true, force: true });
  };
  // A run cut short (Ctrl-C, kill) must not leave cinder behind: it runs in its
  // own process group (setsid), so no signal of ours reaches it by itself.
  const onSignal = (signal: NodeJS.Signals): void => {
    cleanUp();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('exit', cleanUp);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  // Generation (~2 s) and cinder's start-up (3-15 s) are independent: overlap them.
  const [generated, started] = await Promise.allSettled([
    generateFromApiRef(found.entry, genDir),
    startCinder({ stateDir, mode: 'aio' }),
  ]);
  if (started.status === 'fulfilled') cinder = started.value;
  if (generated.status === 'rejected' || started.status === 'rejected') {
    cleanUp();
    const reasons = [generated, started].flatMap((r) => (r.status === 'rejected' ? [String(r.reason instanceof Error ? r.reason.message : r.reason)] : []));
    throw new Error(`real-Cinder setup failed:\n${reasons.join('\n')}`);
  }
  const running = started.value;
  log(`apiref generate: ${generated.value}`);
  // The generated conformance suite imports vitest and ajv: resolve them from
  // this project, as a user's project would provide them.
  symlinkSync(join(REPO, 'node_modules'), join(root, 'node_modules'), 'dir');
  let serverMicroversion: string;
  try {
    serverMicroversion = await maxMicroversion(running.url);
  } catch (err) {
    cleanUp();
    throw err;
  }
  log(`cinder ${installed.version} (microversions up to ${serverMicroversion}) ready at ${running.url} in ${running.startSeconds.toFixed(1)} s (MODE=aio, state ${stateDir})`);

  const model = JSON.parse(readFileSync(join(genDir, 'model.json'), 'utf8')) as { api: { title: string } };
  const context: CinderRealContext = {
    entry: found.entry,
    cinderDir: found.cinderDir,
    apiTitle: model.api.title,
    knownDriftFile: KNOWN_DRIFT_FILE,
    knownDriftJson,
    genDir,
    url: running.url,
    projectId: PROJECT_ID,
    token: `apiref:${PROJECT_ID}`,
    cinderVersion: installed.version,
    serverMicroversion,
    logFile: running.logFile,
    reportDir,
  };
  project.provide('cinderReal', { ready: context });

  return () => {
    process.removeListener('exit', cleanUp);
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    cleanUp();
    log('cinder stopped');
    // The drift summary (written by drift-check.cinder.ts) closes the log.
    const summary = join(reportDir, 'summary.md');
    if (existsSync(summary)) process.stdout.write(`\n${readFileSync(summary, 'utf8')}`);
  };
}
