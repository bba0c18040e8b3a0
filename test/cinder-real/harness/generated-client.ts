import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CinderRealContext } from './context.ts';
import type { GeneratedClientModule, LifecycleClient, VolumeView } from './lifecycle-client.ts';

/**
 * Loads the client apiref generated from upstream's api-ref (client.ts in the
 * temporary output folder) and connects it to the running cinder, with a
 * fetch that prints every exchange, so the test log shows the lifecycle as
 * the real server answered it.
 */

export interface LoadedClient {
  module: GeneratedClientModule;
  client: LifecycleClient;
  /** `METHOD path [microversion] -> status` for each exchange so far. */
  exchanges: string[];
}

export async function loadGeneratedClient(ctx: CinderRealContext, options: { microversion: string; label: string }): Promise<LoadedClient> {
  const module = (await import(pathToFileURL(join(ctx.genDir, 'client.ts')).href)) as GeneratedClientModule;
  const exchanges: string[] = [];
  const loggingFetch = async (input: string, init: RequestInit): Promise<Response> => {
    const response = await fetch(input, init);
    const url = new URL(input);
    const version = new Headers(init.headers).get('OpenStack-API-Version') ?? '';
    const line = `${init.method ?? 'GET'} ${url.pathname}${url.search} [${version}] -> ${response.status}`;
    exchanges.push(line);
    process.stdout.write(`[cinder-real] ${options.label}: ${line}\n`);
    return response;
  };
  const client = new module.VolumeClient({
    endpoint: ctx.url,
    token: ctx.token,
    microversion: options.microversion,
    // A retried call would hide what the server answered first.
    retries: 0,
    fetch: loggingFetch,
  });
  return { module, client, exchanges };
}

/** Polls until `check` returns a value (not undefined), or throws after `timeoutMs` with the last state seen. */
export async function waitFor<T>(what: string, check: () => Promise<{ done: T } | { state: string }>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    const r = await check();
    if ('done' in r) return r.done;
    last = r.state;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last state: ${last}`);
    await new Promise((done) => setTimeout(done, 200));
  }
}

/** Waits for a volume to reach `status`; fails at once on `error`. */
export function waitForVolumeStatus(client: LifecycleClient, path: { project_id: string; volume_id: string }, status: string): Promise<VolumeView> {
  return waitFor(`volume ${path.volume_id} to become ${status}`, async () => {
    const volume = await client.volumes.showDetails({ path });
    if (volume.status === status) return { done: volume };
    if (volume.status.startsWith('error')) throw new Error(`volume ${path.volume_id} went to ${volume.status} while waiting for ${status}`);
    return { state: volume.status };
  });
}
