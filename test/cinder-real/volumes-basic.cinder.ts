/**
 * The basic Volumes operations through the client apiref generated from
 * upstream's api-ref, against the real cinder-api: create (202, then
 * available), show, list, list with details, update, delete (then gone).
 * Steps share state and run in order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cinderContext } from './harness/context.ts';
import { loadGeneratedClient, waitFor, waitForVolumeStatus, type LoadedClient } from './harness/generated-client.ts';
import { Observations } from './harness/observations.ts';

const ctx = cinderContext();

describe.skipIf(!ctx)('Volumes: generated client against the real cinder-api', () => {
  const c = ctx!;
  const project = { project_id: c.projectId };
  const observed = new Observations('lifecycle-volumes');
  let loaded: LoadedClient;
  let volumeId = '';
  let deleted = false;
  const volumePath = () => ({ ...project, volume_id: volumeId });

  beforeAll(async () => {
    loaded = await loadGeneratedClient(c, { microversion: '3.65', label: 'volumes' });
  });

  afterAll(async () => {
    observed.write(c.reportDir, { api: c.apiTitle, target: c.url });
    if (loaded && volumeId && !deleted) await loaded.client.volumes.delete({ path: volumePath() }).catch(() => undefined);
  });

  it('creates a volume (202, creating) that becomes available', async () => {
    const created = await loaded.client.volumes.create({
      path: project,
      body: { volume: { size: 1, name: 'apiref-volumes', description: 'made by apiref', metadata: { origin: 'apiref' } } },
    });
    expect(loaded.exchanges.at(-1)).toMatch(/^POST \S+\/volumes \[volume 3\.65\] -> 202$/);
    volumeId = created.id;
    // Upstream marks consistencygroup_id required in this request; the body above has none.
    observed.expect({
      operation: 'createVolume',
      endpoint: 'POST /v3/{project_id}/volumes',
      location: '$.volume.consistencygroup_id',
      describe: 'a create request without consistencygroup_id',
      documented: 'refused (the field is required)',
      actual: 'accepted (202)',
    });
    expect(created).toMatchObject({ size: 1, name: 'apiref-volumes', description: 'made by apiref', metadata: { origin: 'apiref' } });
    const available = await waitForVolumeStatus(loaded.client, volumePath(), 'available');
    expect(available.id).toBe(volumeId);
  });

  it('shows it', async () => {
    const shown = await loaded.client.volumes.showDetails({ path: volumePath() });
    expect(shown).toMatchObject({ id: volumeId, status: 'available', size: 1, name: 'apiref-volumes' });
  });

  it('lists it (summary: id, name, links)', async () => {
    const listed = await loaded.client.volumes.listAccessible({ path: project, query: { sort_key: 'created_at', limit: 50 } });
    const mine = listed.find((v) => v.id === volumeId);
    expect(mine).toMatchObject({ id: volumeId, name: 'apiref-volumes' });
    expect(Object.keys(mine!).sort()).toEqual(['id', 'links', 'name']);
  });

  it('lists it with details', async () => {
    const listed = await loaded.client.volumes.listAccessibleWithDetails({ path: project, query: { sort_key: 'created_at', limit: 50 } });
    const mine = listed.find((v) => v.id === volumeId);
    expect(mine).toMatchObject({ id: volumeId, status: 'available', size: 1, metadata: { origin: 'apiref' } });
  });

  it('updates its name, description and metadata', async () => {
    const updated = await loaded.client.volumes.update({
      path: volumePath(),
      body: { name: 'apiref-renamed', description: 'renamed by apiref', metadata: { origin: 'apiref', step: 'update' } },
    });
    expect(updated).toMatchObject({ id: volumeId, name: 'apiref-renamed', description: 'renamed by apiref', metadata: { origin: 'apiref', step: 'update' } });
    const shown = await loaded.client.volumes.showDetails({ path: volumePath() });
    expect(shown).toMatchObject({ name: 'apiref-renamed', description: 'renamed by apiref' });
  });

  it('deletes it (202) and it disappears', async () => {
    await loaded.client.volumes.delete({ path: volumePath() });
    expect(loaded.exchanges.at(-1)).toMatch(/^DELETE \S+ \[volume 3\.65\] -> 202$/);
    deleted = true;
    const status = await waitFor(`volume ${volumeId} to disappear`, async () => {
      try {
        const v = await loaded.client.volumes.showDetails({ path: volumePath() });
        return { state: v.status };
      } catch (err) {
        if (err instanceof loaded.module.ApiError) return { done: err.status };
        throw err;
      }
    });
    expect(status).toBe(404);
  });
});
