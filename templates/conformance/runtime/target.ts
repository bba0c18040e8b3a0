/**
 * Where the suite sends its requests, and the user's fixture hooks. Read from
 * the environment, so one generated suite runs against a stub, a mock or a
 * live cloud:
 *
 *   APIREF_BASE_URL       the server's root, to which the spec's paths are appended (required)
 *   APIREF_TOKEN          sent as X-Auth-Token
 *   APIREF_PROJECT_ID     fills {project_id} / {tenant_id}
 *   APIREF_MICROVERSION   the microversion to send (default: the highest one an operation names)
 *   APIREF_FIXTURES       a hook module (see `ConformanceHooks`); may also export `target`
 *   APIREF_DRIFT_REPORT   a folder: write drift.json and drift.md there
 *   APIREF_KNOWN_DRIFT    a known-drift JSON file: listed drift is reported but does not fail
 *   APIREF_STRICT_ERROR_NAMES=1   fail (not just report) error envelopes with unconventional names
 *   APIREF_READ_ONLY=1    send only GET and HEAD requests (every other check is skipped): safe on a shared cloud
 *
 * The environment wins over the hook module's `target`.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseMicroversion } from './microversion.js';
import type { ApiSpec } from './spec.js';

export interface TargetConfig {
  baseUrl: string;
  token?: string;
  projectId?: string;
  microversion?: string;
  /** Extra headers for every request (`X-Service-Roles: service`). */
  headers?: Record<string, string>;
  driftReport?: string;
  knownDrift?: string;
  strictErrorNames?: boolean;
  readOnly?: boolean;
}

export interface Target {
  baseUrl: string;
  token: string | undefined;
  projectId: string | undefined;
  microversion: string | undefined;
  headers: Record<string, string>;
  driftReport: string | undefined;
  knownDrift: string | undefined;
  strictErrorNames: boolean;
  readOnly: boolean;
}

/** Values the hook's `setup` returns: they fill path parameters and body fields of the same name. */
export type FixtureValues = Record<string, unknown>;

export interface HookResponse {
  status: number;
  headers: Headers;
  /** The parsed JSON body, or the text when it is not JSON. */
  body: unknown;
}

export interface HookContext {
  target: Target;
  api: ApiSpec;
  /** The test file the hooks run for (its name without `.test.ts`). */
  file: string;
  /**
   * Names the suite would take from fixtures: prerequisite ids in request
   * bodies (`volume_uuid`) and path parameters it cannot fill itself.
   */
  needs: string[];
  /** Sends a request to the target with its token, headers and microversion; `path` is appended to the base URL. */
  request(method: string, path: string, options?: { body?: unknown; microversion?: string; headers?: Record<string, string> }): Promise<HookResponse>;
}

/** What an `APIREF_FIXTURES` module may export. */
export interface ConformanceHooks {
  target?: Partial<TargetConfig>;
  /** Runs before a test file; returns values such as `{ volume_id }`. */
  setup?(ctx: HookContext): FixtureValues | void | Promise<FixtureValues | void>;
  /** Runs after the file's own cleanup, even when tests failed. */
  teardown?(ctx: HookContext, values: FixtureValues): void | Promise<void>;
}

/** A configuration problem: the suite stops with this message before sending anything. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const env = (name: string): string | undefined => {
  const v = process.env[name];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
};

export async function loadHooks(): Promise<ConformanceHooks> {
  const file = env('APIREF_FIXTURES');
  if (file === undefined) return {};
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(resolve(file)).href)) as Record<string, unknown>;
  } catch (err) {
    throw new ConfigError(`APIREF_FIXTURES=${file}: cannot load the hook module: ${err instanceof Error ? err.message : String(err)}`);
  }
  const hooks: ConformanceHooks = {};
  for (const name of ['setup', 'teardown'] as const) {
    const fn = mod[name];
    if (fn === undefined) continue;
    if (typeof fn !== 'function') throw new ConfigError(`APIREF_FIXTURES=${file}: export "${name}" must be a function`);
    (hooks as Record<string, unknown>)[name] = fn;
  }
  const target = mod['target'];
  if (target !== undefined) {
    if (typeof target !== 'object' || target === null) throw new ConfigError(`APIREF_FIXTURES=${file}: export "target" must be an object`);
    hooks.target = target as Partial<TargetConfig>;
  }
  return hooks;
}

/**
 * Whether a run covers an operation: `APIREF_OPERATIONS` (comma-separated
 * operation ids) limits a run to those; unset, every operation is covered.
 * Operations out of scope are not registered at all, rather than skipped.
 */
export function inScope(operationId: string): boolean {
  const raw = process.env['APIREF_OPERATIONS']?.trim();
  if (!raw) return true;
  return raw.split(',').some((id) => id.trim() === operationId);
}

export function resolveTarget(fromHooks: Partial<TargetConfig> = {}): Target {
  const baseUrl = env('APIREF_BASE_URL') ?? fromHooks.baseUrl;
  if (baseUrl === undefined) {
    throw new ConfigError('APIREF_BASE_URL is not set: point it at the server to test (e.g. http://127.0.0.1:8776), or export `target.baseUrl` from the APIREF_FIXTURES module');
  }
  if (!URL.canParse(baseUrl)) throw new ConfigError(`APIREF_BASE_URL=${JSON.stringify(baseUrl)} is not a URL`);
  const microversion = env('APIREF_MICROVERSION') ?? fromHooks.microversion;
  if (microversion !== undefined && !parseMicroversion(microversion)) {
    throw new ConfigError(`APIREF_MICROVERSION=${JSON.stringify(microversion)} is not a microversion: give MAJOR.MINOR ("latest" is not accepted, as field bounds need a number)`);
  }
  const flag = (name: string, fallback: boolean | undefined): boolean => {
    const v = env(name);
    return v !== undefined ? v === '1' || v.toLowerCase() === 'true' : (fallback ?? false);
  };
  return {
    baseUrl: baseUrl.replace(/\/+$/, ''),
    token: env('APIREF_TOKEN') ?? fromHooks.token,
    projectId: env('APIREF_PROJECT_ID') ?? fromHooks.projectId,
    microversion,
    headers: { ...(fromHooks.headers ?? {}) },
    driftReport: env('APIREF_DRIFT_REPORT') ?? fromHooks.driftReport,
    knownDrift: env('APIREF_KNOWN_DRIFT') ?? fromHooks.knownDrift,
    strictErrorNames: flag('APIREF_STRICT_ERROR_NAMES', fromHooks.strictErrorNames),
    readOnly: flag('APIREF_READ_ONLY', fromHooks.readOnly),
  };
}
