/**
 * What the router knows about an API: one entry per operation, reduced from
 * apiref's model to what routing, validation and envelopes need. A generated
 * `server.ts` embeds one as data; `apiref mock` builds one from the model at
 * run time. Plain JSON, so it can be printed, diffed and embedded.
 */

/** The JSON Schema subset apiref's model uses (see `validate.ts` for what is checked). */
export interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  /** Members named by a pattern (`^gigabytes_.+$` for the spec's `gigabytes_{volume_type}`). */
  patternProperties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
  anyOf?: Schema[];
  enum?: unknown[];
  format?: string;
  /** Microversion bounds of a property: sending it outside them is a 400. */
  'x-min-version'?: string;
  'x-max-version'?: string;
  /** An optional request property whose null means "not given": the router removes it before the handler runs. */
  'x-null-as-absent'?: boolean;
}

/** A path, query or header parameter. */
export interface ParamSpec {
  name: string;
  required: boolean;
  schema: Schema;
}

/** A request or response body: its content schema and the key that wraps it on the wire. */
export interface BodySpec {
  /** `{"attachment": {...}}` has envelope `attachment`; absent when the body is not wrapped. */
  envelope?: string;
  /** The wrapped content (what handlers receive and return). */
  schema: Schema;
  /** Sibling keys of the envelope that carry pagination links (`attachments_links`). */
  linkKeys?: string[];
  /** Whether a request must carry a body (the wire schema requires something). */
  required?: boolean;
}

export interface RouteSpec {
  /** The operation id, also the handler's name. */
  id: string;
  method: string;
  /** The path template, `{name}` marking parameters; they may be glued to text (`{id}.json`). */
  path: string;
  /** For `POST …/action`: the body's single key that selects this operation. */
  action?: string;
  /** A query string written into the documented path (`usage=True`, `share_id={share_id}`). */
  fixedQuery?: string;
  minVersion?: string;
  maxVersion?: string;
  params: { path: ParamSpec[]; query: ParamSpec[]; header: ParamSpec[] };
  request?: BodySpec;
  response?: BodySpec;
  /** Documented status codes: success ones first, in the spec's order. */
  success: number[];
  /** Documented error codes and the names of their envelopes (`404: itemNotFound`). */
  errors: Record<string, string>;
}

/** The parts of a fault a service writes: `code` (the status), `title` (its reason phrase), `message`, `type` (`HTTPNotFound`), `detail` (empty). */
export type ErrorField = 'code' | 'title' | 'message' | 'type' | 'detail';

/**
 * A service whose faults sit under one fixed key (keystone's `error`,
 * neutron's `NeutronError`) rather than under the fault's name (`itemNotFound`).
 */
export interface ErrorEnvelope {
  key: string;
  fields: ErrorField[];
}

export interface ApiSpec {
  title: string;
  serviceType?: string;
  /** How errors are written; absent: `{"<faultName>": {"code": N, "message": "..."}}`, as nova and cinder do. */
  errorEnvelope?: ErrorEnvelope;
  /** The header that carries the microversion; negotiation is off without it. */
  microversionHeader?: string;
  /** The supported microversion range; negotiation is off when either is missing. */
  minVersion?: string;
  maxVersion?: string;
  operations: RouteSpec[];
}

/**
 * OpenStack's conventional error envelope names, by status (the `Fault` names
 * of nova and cinder). Mirrors apiref's `ERROR_NAMES`; a test keeps the two equal.
 */
export const ERROR_NAMES: Record<number, string> = {
  400: 'badRequest',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'itemNotFound',
  405: 'badMethod',
  406: 'notAcceptable',
  409: 'conflict',
  413: 'overLimit',
  415: 'badMediaType',
  422: 'unprocessableEntity',
  429: 'overLimit',
  500: 'computeFault',
  501: 'notImplemented',
  503: 'serviceUnavailable',
};
