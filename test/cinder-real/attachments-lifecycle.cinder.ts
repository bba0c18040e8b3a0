/**
 * The Attachments lifecycle, as nova drives it, through the client apiref
 * generated from upstream's api-ref, against the real cinder-api:
 * volume -> available; attachment create (reserved) -> show -> list ->
 * list detail -> update with a connector (attaching) -> complete at 3.44
 * (attached, volume in-use) -> delete (volume available again).
 * Steps share state and run in order; a failed step fails the ones after it.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cinderContext } from './harness/context.ts';
import { loadGeneratedClient, waitForVolumeStatus, type LoadedClient } from './harness/generated-client.ts';
import type { AttachmentView, Connector } from './harness/lifecycle-client.ts';
import { Observations } from './harness/observations.ts';

const ctx = cinderContext();

/** What nova's libvirt driver sends as the connector (os-brick's properties). */
const CONNECTOR: Connector = {
  initiator: 'iqn.1993-08.org.debian:01:apiref',
  ip: '127.0.0.1',
  platform: 'x86_64',
  host: 'apiref-compute',
  os_type: 'linux',
  multipath: false,
  mountpoint: '/dev/vdb',
  mode: 'rw',
};

describe.skipIf(!ctx)('Attachments lifecycle: generated client against the real cinder-api', () => {
  const c = ctx!;
  const project = { project_id: c.projectId };
  const instance = randomUUID();
  const observed = new Observations('lifecycle-attachments');
  let loaded: LoadedClient;
  let volumeId = '';
  let attachment: AttachmentView | undefined;
  const attachmentPath = () => ({ ...project, attachment_id: attachment!.id });
  const volumePath = () => ({ ...project, volume_id: volumeId });

  beforeAll(async () => {
    loaded = await loadGeneratedClient(c, { microversion: '3.27', label: 'attachments' });
    const volume = await loaded.client.volumes.create({ path: project, body: { volume: { size: 1, name: 'apiref-attachments' } } });
    volumeId = volume.id;
    await waitForVolumeStatus(loaded.client, volumePath(), 'available');
  });

  afterAll(async () => {
    observed.write(c.reportDir, { api: c.apiTitle, target: c.url });
    if (!loaded || !volumeId) return;
    // Best effort: the run's state folder is thrown away anyway.
    await loaded.client.volumes.delete({ path: volumePath() }).catch(() => undefined);
  });

  it('creates an attachment for an instance: reserved, no connection yet', async () => {
    attachment = await loaded.client.attachments.create({ path: project, body: { volume_uuid: volumeId, instance_uuid: instance } });
    expect(attachment.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(attachment).toMatchObject({ status: 'reserved', volume_id: volumeId, instance });
    const volume = await loaded.client.volumes.showDetails({ path: volumePath() });
    expect(volume.status).toBe('reserved');
  });

  it('shows the attachment', async () => {
    const shown = await loaded.client.attachments.showDetails({ path: attachmentPath() });
    expect(shown).toMatchObject({ id: attachment!.id, status: 'reserved', volume_id: volumeId, instance });
  });

  it('lists it, filtered by volume and by instance', async () => {
    const byVolume = await loaded.client.attachments.list({ path: project, query: { volume_id: volumeId } });
    expect(byVolume).toEqual([{ id: attachment!.id, status: 'reserved', volume_id: volumeId, instance }]);
    const byInstance = await loaded.client.attachments.list({ path: project, query: { instance_id: instance } });
    expect(byInstance.map((a) => a.id)).toEqual([attachment!.id]);
    const otherInstance = await loaded.client.attachments.list({ path: project, query: { instance_id: randomUUID() } });
    expect(otherInstance).toEqual([]);
  });

  it('lists it with details, sorted and limited', async () => {
    const detailed = await loaded.client.attachments.listWithDetails({ path: project, query: { sort_key: 'created_at', sort_dir: 'desc', limit: 1 } });
    expect(detailed).toHaveLength(1);
    expect(detailed[0]).toMatchObject({ id: attachment!.id, status: 'reserved', volume_id: volumeId, instance });
    expect(detailed[0]).toHaveProperty('attach_mode');
    expect(detailed[0]).toHaveProperty('connection_info');
  });

  it('updates it with a connector: the driver returns connection_info, the volume is attaching', async () => {
    const updated = await loaded.client.attachments.update({ path: attachmentPath(), body: { connector: CONNECTOR } });
    expect(updated.id).toBe(attachment!.id);
    expect(typeof updated.attach_mode).toBe('string');
    // Upstream: "read-only ('ro') or read-and-write ('rw'), default is 'rw'".
    observed.expect({
      operation: 'updateAttachment',
      endpoint: 'PUT /v3/{project_id}/attachments/{attachment_id}',
      location: '$.attachment.attach_mode',
      describe: 'attach_mode after an update with a read-write connector, below 3.54',
      documented: 'rw',
      actual: updated.attach_mode,
    });
    // The fake driver (an LVM subclass) answers with an iSCSI target.
    expect(updated.connection_info).toMatchObject({ driver_volume_type: 'iscsi' });
    const volume = await loaded.client.volumes.showDetails({ path: volumePath() });
    expect(volume.status).toBe('attaching');
  });

  it('refuses to complete at the client microversion 3.27 without sending anything', async () => {
    const before = loaded.exchanges.length;
    await expect(loaded.client.attachments.complete({ path: attachmentPath() })).rejects.toMatchObject({
      name: 'MicroversionError',
      minVersion: '3.44',
    });
    expect(loaded.exchanges.length).toBe(before);
  });

  it('completes it at 3.44: attachment attached, volume in-use', async () => {
    await expect(loaded.client.attachments.complete({ path: attachmentPath() }, { microversion: '3.44' })).resolves.toBeUndefined();
    expect(loaded.exchanges.at(-1)).toMatch(/^POST \S+\/action \[volume 3\.44\] -> 204$/);
    const shown = await loaded.client.attachments.showDetails({ path: attachmentPath() }, { microversion: '3.44' });
    expect(shown.status).toBe('attached');
    const volume = await loaded.client.volumes.showDetails({ path: volumePath() });
    expect(volume.status).toBe('in-use');
  });

  it('deletes it (as a service, since there is no nova to ask) and the volume is available again', async () => {
    // With an instance and connection_info, cinder would ask nova whether the
    // instance still uses the attachment (bug #2004555); a service caller skips that.
    const answer: unknown = await loaded.client.attachments.delete(
      { path: attachmentPath() },
      { microversion: '3.44', headers: { 'X-Service-Roles': 'service' } },
    );
    expect(loaded.exchanges.at(-1)).toMatch(/^DELETE \S+ \[volume 3\.44\] -> 200$/);
    // Upstream documents no response body (the client's method returns void);
    // what the server sent anyway reaches the caller as it came.
    observed.expect({
      operation: 'deleteAttachment',
      endpoint: 'DELETE /v3/{project_id}/attachments/{attachment_id}',
      kind: 'body',
      location: '$',
      describe: 'the body of a successful delete',
      documented: undefined,
      actual: answer,
    });
    const gone = await loaded.client.attachments.showDetails({ path: attachmentPath() }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(gone).toBeInstanceOf(loaded.module.ApiError);
    expect(gone).toMatchObject({ status: 404 });
    await waitForVolumeStatus(loaded.client, volumePath(), 'available');
  });
});
