/**
 * A hand-written, in-memory Block Storage Attachments service on the
 * generated `Handlers`: the life cycle of an attachment as Cinder runs it,
 * without a volume back end.
 *
 *   create (no connector)   -> reserved
 *   create/update connector -> attaching, with connection_info
 *   os-complete             -> attached
 *   delete                  -> gone
 *
 * Attachments are kept per project. It is what the end-to-end and
 * conformance tests run the generated client against.
 */
import { randomUUID } from 'node:crypto';
import type { Attachment, ConnectionInfo, Connector } from '../../generated/types.ts';
import type * as S from '../../generated/server.ts';

export interface AttachmentsServiceOptions {
  /** The clock for `attached_at` (default: now). */
  now?: () => Date;
  /** Id generator (default: random UUIDs). */
  newId?: () => string;
}

const notFound = (id: string) => ({ status: 404 as const, message: `Attachment ${id} could not be found.` });

export class InMemoryAttachments implements S.Handlers {
  /** Attachments by project, then by id, in creation order. */
  private readonly projects = new Map<string, Map<string, Attachment>>();
  private readonly now: () => Date;
  private readonly newId: () => string;

  constructor(options: AttachmentsServiceOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? (() => randomUUID());
  }

  private project(id: string): Map<string, Attachment> {
    let p = this.projects.get(id);
    if (!p) this.projects.set(id, (p = new Map()));
    return p;
  }

  /** What the volume driver would hand back for a host's connector. */
  private connectionInfo(attachment: Attachment, connector: Connector): ConnectionInfo {
    return {
      driver_volume_type: 'iscsi',
      access_mode: attachment.attach_mode === 'ro' ? 'ro' : 'rw',
      attachment_id: attachment.id,
      encrypted: false,
      cacheable: false,
      qos_specs: null,
      target_portal: `${typeof connector.ip === 'string' ? connector.ip : '127.0.0.1'}:3260`,
      target_iqn: `iqn.2010-10.org.openstack:volume-${attachment.volume_id}`,
    };
  }

  createAttachment(input: S.CreateAttachmentInput): S.CreateAttachmentResult {
    const { volume_uuid, instance_uuid, connector, mode } = input.body;
    const attachment: Attachment = {
      id: this.newId(),
      status: 'reserved',
      volume_id: volume_uuid,
      instance: instance_uuid ?? '',
      attach_mode: mode ?? 'null',
      attached_at: '',
      detached_at: '',
      connection_info: {},
    };
    if (connector) {
      attachment.status = 'attaching';
      attachment.connection_info = this.connectionInfo(attachment, connector);
    }
    this.project(input.path.project_id).set(attachment.id, attachment);
    return { status: 200, body: attachment };
  }

  updateAttachment(input: S.UpdateAttachmentInput): S.UpdateAttachmentResult {
    const attachment = this.project(input.path.project_id).get(input.path.attachment_id);
    if (!attachment) return notFound(input.path.attachment_id);
    if (attachment.status === 'attached') {
      return { status: 409, message: `Attachment ${attachment.id} is already attached; delete it to change its connector.` };
    }
    attachment.status = 'attaching';
    attachment.connection_info = this.connectionInfo(attachment, input.body.connector);
    if (attachment.attach_mode === 'null') attachment.attach_mode = attachment.connection_info.access_mode ?? 'rw';
    return { status: 200, body: attachment };
  }

  completeAttachment(input: S.CompleteAttachmentInput): S.CompleteAttachmentResult {
    const attachment = this.project(input.path.project_id).get(input.path.attachment_id);
    if (!attachment) return notFound(input.path.attachment_id);
    attachment.status = 'attached';
    attachment.attached_at = this.now().toISOString();
    return { status: 204 };
  }

  deleteAttachment(input: S.DeleteAttachmentInput): S.DeleteAttachmentResult {
    const project = this.project(input.path.project_id);
    if (!project.delete(input.path.attachment_id)) return notFound(input.path.attachment_id);
    return { status: 200 };
  }

  showAttachmentDetails(input: S.ShowAttachmentDetailsInput): S.ShowAttachmentDetailsResult {
    const attachment = this.project(input.path.project_id).get(input.path.attachment_id);
    return attachment ? { status: 200, body: attachment } : notFound(input.path.attachment_id);
  }

  listAttachments(input: S.ListAttachmentsInput): S.ListAttachmentsResult {
    const page = this.page(input.path.project_id, input.query);
    if ('message' in page) return page;
    return { status: 200, body: page.items.map(({ id, status, instance, volume_id }) => ({ id, status, instance, volume_id })) };
  }

  listAttachmentsWithDetails(input: S.ListAttachmentsWithDetailsInput): S.ListAttachmentsWithDetailsResult {
    const page = this.page(input.path.project_id, input.query);
    if ('message' in page) return page;
    return { status: 200, body: page.items };
  }

  /** Filters, sorts and pages a project's attachments the way Cinder's list calls do. */
  private page(projectId: string, query: S.ListAttachmentsInput['query']): { items: Attachment[] } | { status: 400; message: string } {
    let items = [...this.project(projectId).values()];
    if (query.volume_id !== undefined) items = items.filter((a) => a.volume_id === query.volume_id);
    if (query.instance_id !== undefined) items = items.filter((a) => a.instance === query.instance_id);
    const sortKey = query.sort_key ?? query.sort?.split(':')[0];
    if (sortKey !== undefined) {
      if (!['id', 'status', 'volume_id', 'instance', 'attached_at'].includes(sortKey)) return { status: 400, message: `Invalid sort key ${sortKey}.` };
      const dir = (query.sort_dir ?? query.sort?.split(':')[1] ?? 'asc') === 'desc' ? -1 : 1;
      const key = sortKey as 'id' | 'status' | 'volume_id' | 'instance' | 'attached_at';
      items.sort((a, b) => (a[key] < b[key] ? -dir : a[key] > b[key] ? dir : 0));
    }
    if (query.marker !== undefined) {
      const at = items.findIndex((a) => a.id === query.marker);
      if (at < 0) return { status: 400, message: `Marker ${query.marker} not found.` };
      items = items.slice(at + 1);
    }
    if (query.offset !== undefined) items = items.slice(Math.max(0, query.offset));
    if (query.limit !== undefined) items = items.slice(0, Math.max(0, query.limit));
    return { items };
  }
}
