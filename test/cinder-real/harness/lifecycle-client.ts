/**
 * The part of the generated `VolumeClient` that the lifecycle tests call,
 * written out by hand. The generated client is produced at test time into a
 * temporary folder, so the tests cannot import its types statically; they
 * use this interface instead, and `client-types.cinder.ts` type-checks the
 * generated client against it (each call's arguments must be accepted by the
 * generated parameter types, each generated result must fit the type here).
 *
 * Self-contained on purpose (no imports): the type check copies this file
 * next to the generated files.
 */

/** Per-call options the generated methods take (the runtime's `CallOptions`, the part used here). */
export interface LifecycleCallOptions {
  microversion?: string;
  headers?: Record<string, string>;
}

export interface ProjectPath {
  project_id: string;
}

export interface AttachmentPath extends ProjectPath {
  attachment_id: string;
}

export interface VolumePath extends ProjectPath {
  volume_id: string;
}

/** What the tests read from an attachment (the documented response fields they use). */
export interface AttachmentView {
  id: string;
  status: string;
  volume_id: string;
  instance: string;
  attach_mode: string;
  connection_info: unknown;
}

export interface AttachmentSummaryView {
  id: string;
  status: string;
  volume_id: string;
  instance: string;
}

/**
 * os-brick's connector properties, as nova sends them. A type alias, not an
 * interface: only aliases fit a generated type with an index signature.
 */
export type Connector = {
  initiator?: string;
  ip?: string;
  platform?: string;
  host?: string;
  os_type?: string;
  multipath?: boolean;
  mountpoint?: string;
  mode?: string;
};

export interface AttachmentListQuery {
  volume_id?: string;
  instance_id?: string;
  sort_key?: string;
  sort_dir?: string;
  limit?: number;
}

export interface AttachmentsCalls {
  create: (
    args: { path: ProjectPath; body: { volume_uuid: string; instance_uuid?: string } },
    options?: LifecycleCallOptions,
  ) => Promise<AttachmentView>;
  showDetails: (args: { path: AttachmentPath }, options?: LifecycleCallOptions) => Promise<AttachmentView>;
  list: (args: { path: ProjectPath; query?: AttachmentListQuery }, options?: LifecycleCallOptions) => Promise<AttachmentSummaryView[]>;
  listWithDetails: (
    args: { path: ProjectPath; query?: { sort_key?: string; sort_dir?: string; limit?: number } },
    options?: LifecycleCallOptions,
  ) => Promise<AttachmentView[]>;
  update: (args: { path: AttachmentPath; body: { connector: Connector } }, options?: LifecycleCallOptions) => Promise<AttachmentView>;
  complete: (args: { path: AttachmentPath }, options?: LifecycleCallOptions) => Promise<void>;
  delete: (args: { path: AttachmentPath }, options?: LifecycleCallOptions) => Promise<void>;
}

export interface VolumeView {
  id: string;
  status: string;
  size: number;
  name: string | null;
  description: string | null;
  metadata: { [key: string]: unknown };
}

export interface VolumeSummaryView {
  id: string;
  name: string | null;
}

export interface VolumeCreateBody {
  volume: { size: number; name?: string; description?: string; metadata?: { [key: string]: unknown } };
}

export interface VolumesCalls {
  create: (args: { path: ProjectPath; body: VolumeCreateBody }, options?: LifecycleCallOptions) => Promise<VolumeView>;
  showDetails: (args: { path: VolumePath }, options?: LifecycleCallOptions) => Promise<VolumeView>;
  listAccessible: (args: { path: ProjectPath; query?: { sort_key?: string; limit?: number } }, options?: LifecycleCallOptions) => Promise<VolumeSummaryView[]>;
  listAccessibleWithDetails: (args: { path: ProjectPath; query?: { sort_key?: string; limit?: number } }, options?: LifecycleCallOptions) => Promise<VolumeView[]>;
  update: (
    args: { path: VolumePath; body: { name?: string; description?: string; metadata?: { [key: string]: string } } },
    options?: LifecycleCallOptions,
  ) => Promise<VolumeView>;
  delete: (args: { path: VolumePath }, options?: LifecycleCallOptions) => Promise<void>;
}

export interface LifecycleClient {
  attachments: AttachmentsCalls;
  volumes: VolumesCalls;
}

export interface LifecycleClientOptions {
  endpoint: string;
  token: string;
  microversion?: string;
  headers?: Record<string, string>;
  retries?: number;
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
}

/** The generated module's shape, as far as the tests use it. */
export interface GeneratedClientModule {
  VolumeClient: new (options: LifecycleClientOptions) => LifecycleClient;
  ApiError: new (...args: never[]) => Error & { status: number; body: unknown };
}
