/**
 * What a generated conformance suite knows about the API it tests: one entry
 * per operation, reduced from apiref's model to what requests and checks need.
 * The generated `*.test.ts` files embed these as data; the rest of `support/`
 * turns them into requests and verdicts.
 */

/** The JSON Schema subset apiref's model uses, plus its `x-` keywords. */
export interface Schema {
  type?: string | string[];
  format?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  anyOf?: Schema[];
  enum?: unknown[];
  /** Microversion bounds of a property. */
  'x-min-version'?: string;
  'x-max-version'?: string;
  /** The shape came from a sample, not from the documented parameters. */
  'x-inferred'?: boolean;
}

/** Where an operation sits in a resource's lifecycle; decides what its positive test does. */
export type OperationRole = 'create' | 'show' | 'list' | 'update' | 'action' | 'delete' | 'other';

export interface BodySpec {
  /** The single top-level key that wraps the content (`attachment`). */
  envelope?: string;
  /** The content inside the envelope. */
  schema: Schema;
  /** Sibling keys of the envelope that carry pagination links. */
  linkKeys?: string[];
}

export interface RequestSpec extends BodySpec {
  /** The spec's request sample (the whole wire body), if it has a JSON one. */
  sample?: unknown;
  /**
   * The content is a map whose keys are data (metadata, extra specs): it is
   * sent as the sample has it, its keys never taken for references to fill.
   */
  map?: boolean;
  /**
   * The path parameter the map's only key must repeat (`PUT …/metadata/{key}`
   * with `{"meta": {"<key>": …}}`): the body follows whatever value the path gets.
   */
  keyParam?: string;
}

export interface VersionedName {
  name: string;
  minVersion?: string;
  maxVersion?: string;
}

export interface StatusSpec {
  status: number;
  minVersion?: string;
  maxVersion?: string;
}

export interface OperationSpec {
  id: string;
  method: string;
  /** The path template (`/v3/{project_id}/attachments/{attachment_id}`). */
  path: string;
  title: string;
  role: OperationRole;
  /** The collection path of the resource the operation acts on. */
  resource: string;
  /** The action key of a `POST …/action` operation. */
  action?: string;
  /** A query string written into the documented path (`usage=True`). */
  fixedQuery?: string;
  minVersion?: string;
  maxVersion?: string;
  /** Path parameter names, in template order. */
  pathParams: string[];
  /** Query parameters the spec marks required. */
  requiredQuery: string[];
  success: StatusSpec[];
  /** Documented error statuses and their conventional envelope names. */
  errors: { status: number; name: string }[];
  request?: RequestSpec;
  response?: BodySpec;
  responseHeaders: VersionedName[];
}

export interface ResourceSpec {
  /** The collection path (`/v3/{project_id}/attachments`). */
  collection: string;
  /** The path parameter that names one member (`attachment_id`), if members are addressed. */
  idParam?: string;
  /**
   * Members are the keys of a free-form object (`/volumes/{volume_id}/metadata/{key}`):
   * a created member's id is the key the create sent, listings answer the object itself.
   */
  map?: boolean;
  /** Operation ids by role, as the lifecycle uses them. */
  create?: string;
  show?: string;
  delete?: string;
  /** Whether deleting is asynchronous (documented 202): the suite then waits for the 404. */
  asyncDelete?: boolean;
}

export interface ApiSpec {
  title: string;
  serviceType?: string;
  /** The header that carries the microversion; absent when the API has none. */
  microversionHeader?: string;
  /** Sent when `APIREF_MICROVERSION` is unset (clamped into each operation's range): the highest microversion the spec names. */
  defaultMicroversion?: string;
  /** OpenStack's conventional error envelope names by status (`404: itemNotFound`), for statuses an operation does not document. */
  errorNames?: Record<string, string>;
}

/** Everything one generated test file passes to its `ConformanceSuite`. */
export interface SuiteSpec {
  /** The file's name without `.test.ts`: names the drift report part. */
  file: string;
  api: ApiSpec;
  resources: ResourceSpec[];
  /** In lifecycle order. A list, not a record keyed by id: ids such as `constructor` make poor object keys. */
  operations: OperationSpec[];
}
