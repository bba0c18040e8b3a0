/**
 * The intermediate model (IR): everything apiref knows about one API reference.
 *
 * The front end (RST + YAML) builds it; every emitter (types, client, server,
 * conformance tests, OpenAPI) reads only this. It is plain JSON (no classes,
 * no Maps) so that `apiref model` can print it and other tools can consume it;
 * `ir.schema.json` beside this file describes the same shape as JSON Schema.
 */

/** A place in a source document: a path relative to the working directory's view of the spec, and a 1-based line. */
export interface SourceLocation {
  file: string;
  line: number;
}

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS' | 'COPY';

export type ParameterLocation = 'path' | 'query' | 'header' | 'body';

/**
 * A JSON Schema (draft 2020-12 subset) fragment. apiref adds a few `x-` keywords:
 * - `x-min-version` / `x-max-version`: microversion bounds of a property;
 * - `x-lookup-key`: the parameters.yaml key that defined it;
 * - `x-inferred`: true where the shape came from a sample, not from parameters.yaml.
 */
export interface JsonSchema {
  type?: JsonType | JsonType[];
  format?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  'x-min-version'?: string;
  'x-max-version'?: string;
  'x-lookup-key'?: string;
  'x-inferred'?: boolean;
}

export type JsonType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'null';

/** A microversion bound and where it was read from (parameters.yaml, a directive, or prose). */
export interface VersionNote {
  kind: 'min' | 'max' | 'changed';
  version: string;
  /** How it was stated: `min_version`, `versionadded`, `prose`, `status-code`. */
  via: string;
  /** The text it was read from, for prose. */
  text?: string;
  source: SourceLocation;
}

/** A path, query or header parameter, or one documented body field. */
export interface Parameter {
  /** The name on the wire (for body fields, the last segment; see `path`). */
  name: string;
  /** The parameters.yaml lookup key it was resolved through. */
  key: string;
  in: ParameterLocation;
  description: string;
  required: boolean;
  schema: JsonSchema;
  minVersion?: string;
  maxVersion?: string;
  deprecated?: boolean;
  source: SourceLocation;
}

/** A body field as documented, with the nesting apiref resolved for it. */
export interface BodyField extends Parameter {
  in: 'body';
  /**
   * Where the field sits in the wire body, as segments; `[]` marks an array's items.
   * `["attachment", "connector"]` is `body.attachment.connector`.
   */
  path: string[];
}

/** A JSON (or other) example from a `literalinclude` or a `code-block`. */
export interface Sample {
  /** The file, relative to the spec's root directory; absent for inline code blocks. */
  file?: string;
  role: 'request' | 'response';
  /** Parsed JSON, where the sample is JSON. */
  value?: unknown;
  /** Set when the sample is not JSON (or failed to parse). */
  text?: string;
  language?: string;
  source: SourceLocation;
}

/** A request or response body. `schema` describes the content inside the envelope. */
export interface Body {
  /** The single top-level key that wraps the content on the wire (`attachment`), if any. */
  envelope?: string;
  /** Sibling keys of the envelope that carry pagination links (`attachments_links`). */
  linkKeys?: string[];
  /** The content: for `{"attachment": {...}}`, the schema of `{...}`. */
  schema: JsonSchema;
  fields: BodyField[];
  samples: Sample[];
}

export interface ResponseCode {
  status: number;
  kind: 'success' | 'error';
  /** The conventional error name (`itemNotFound`): a name written in any case is normalized to it; an unknown name stays as written. */
  name?: string;
  description?: string;
  minVersion?: string;
  maxVersion?: string;
  source: SourceLocation;
}

export interface Operation {
  /** Stable, unique camelCase id from the title (`showAttachmentDetails`). */
  id: string;
  method: HttpMethod;
  /** Normalized path template: leading slash, no query string. */
  path: string;
  /** The path exactly as written in `rest_method`. */
  rawPath: string;
  /** A fixed query string written into the rest_method path (`?action=x`), if any. */
  fixedQuery?: string;
  title: string;
  /** The id of the section (top-level heading) the operation belongs to. */
  section: string;
  /** Markdown, from the RST prose around the rest_method. */
  description: string;
  /** For `POST …/action` operations: the action key (`os-complete`). */
  action?: string;
  minVersion?: string;
  maxVersion?: string;
  deprecated?: boolean;
  versionNotes: VersionNote[];
  parameters: {
    path: Parameter[];
    query: Parameter[];
    header: Parameter[];
  };
  request?: Body;
  /** Documented response headers. */
  responseHeaders: Parameter[];
  /** The documented response body (shared by the success codes). */
  response?: Body;
  responses: ResponseCode[];
  source: SourceLocation;
}

export interface Section {
  id: string;
  title: string;
  description: string;
  source: SourceLocation;
}

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  severity: Severity;
  /** Stable code, e.g. `APIREF-PARAM-UNDEFINED`. */
  code: string;
  message: string;
  file: string;
  line: number;
}

export interface ApiInfo {
  title: string;
  /** The entry document, as given. */
  entry: string;
  /** The directory that directive paths resolve against (Sphinx's source dir). */
  root: string;
  serviceType?: string;
  microversionHeader?: string;
  /** The lowest and highest microversion any operation or field mentions. */
  minVersion?: string;
  maxVersion?: string;
}

export interface ApiModel {
  irVersion: 1;
  api: ApiInfo;
  sections: Section[];
  operations: Operation[];
  diagnostics: Diagnostic[];
}

/** The wire schema of a body: its content wrapped in its envelope, if it has one. */
export function wireSchema(body: Body): JsonSchema {
  if (!body.envelope) return body.schema;
  return {
    type: 'object',
    properties: { [body.envelope]: body.schema },
    required: [body.envelope],
  };
}
