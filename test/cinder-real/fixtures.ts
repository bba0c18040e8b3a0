/**
 * Fixture hooks of the generated conformance suite (APIREF_FIXTURES) for the
 * real cinder: the prerequisites the api-ref cannot describe.
 *
 * - attachments: a volume to attach (`volume_id`, which also fills the
 *   create body's `volume_uuid`), created here and brought to `available`,
 *   deleted in teardown after the suite deleted its attachments.
 * - volumes: nothing. The suite creates the volume itself, and the metadata
 *   key of the `/metadata/{key}` operations is the one its create adds from
 *   upstream's sample (`{"metadata": {"name": "metadata0"}}`: `name`).
 *
 * `target.headers`: with no nova, deleting an attachment that has an instance
 * and connection_info makes cinder ask nova about it (bug #2004555) and fail
 * with 500; a service caller skips that check. noauth callers are admins
 * anyway, so the header changes nothing else.
 */

/** The part of the suite's HookContext (generated support/target.ts) used here. */
interface HookContext {
  file: string;
  needs: string[];
  target: { projectId: string | undefined };
  request(method: string, path: string, options?: { body?: unknown; microversion?: string }): Promise<{ status: number; body: unknown }>;
}

type Values = Record<string, unknown>;

export const target = { headers: { 'X-Service-Roles': 'service' } };

const VOLUME_READY_TIMEOUT_MS = 60_000;

function project(ctx: HookContext): string {
  if (ctx.target.projectId === undefined) throw new Error('fixtures need APIREF_PROJECT_ID');
  return ctx.target.projectId;
}

function volumeOf(body: unknown): { id: string; status: string } {
  const v = (body as { volume?: { id?: unknown; status?: unknown } } | undefined)?.volume;
  if (typeof v?.id !== 'string' || typeof v.status !== 'string') throw new Error(`not a volume: ${JSON.stringify(body).slice(0, 300)}`);
  return { id: v.id, status: v.status };
}

async function createAvailableVolume(ctx: HookContext, name: string): Promise<string> {
  const created = await ctx.request('POST', `/v3/${project(ctx)}/volumes`, { body: { volume: { size: 1, name } } });
  if (created.status !== 202) throw new Error(`fixture volume: POST answered ${created.status}: ${JSON.stringify(created.body).slice(0, 300)}`);
  const { id } = volumeOf(created.body);
  const deadline = Date.now() + VOLUME_READY_TIMEOUT_MS;
  for (;;) {
    const shown = await ctx.request('GET', `/v3/${project(ctx)}/volumes/${id}`);
    const { status } = volumeOf(shown.body);
    if (status === 'available') return id;
    if (status.startsWith('error') || Date.now() > deadline) throw new Error(`fixture volume ${id} is ${status}, not available`);
    await new Promise((done) => setTimeout(done, 200));
  }
}

export async function setup(ctx: HookContext): Promise<Values> {
  switch (ctx.file) {
    case 'attachments':
      return { volume_id: await createAvailableVolume(ctx, 'apiref-conformance-attachments') };
    default:
      return {};
  }
}

export async function teardown(ctx: HookContext, values: Values): Promise<void> {
  if (ctx.file !== 'attachments' || typeof values['volume_id'] !== 'string') return;
  const r = await ctx.request('DELETE', `/v3/${project(ctx)}/volumes/${values['volume_id']}`);
  if (r.status !== 202 && r.status !== 404) throw new Error(`fixture volume ${values['volume_id']}: DELETE answered ${r.status}: ${JSON.stringify(r.body).slice(0, 300)}`);
}
