/**
 * The request pipeline of a generated server (and of `apiref mock`), written
 * against the Fetch API so it runs on Node, Deno, Bun and workers:
 *
 *   match path and method -> negotiate the microversion -> read the body
 *   -> pick the operation (action key, fixed query, body shape) -> validate
 *   path, query, headers and body -> call the handler -> wrap its result in
 *   the spec's envelope (checking it against the spec in development).
 *
 * Every refusal is an OpenStack error envelope with the status the spec's
 * service would use; nothing a client sends makes the router throw.
 */
import type { ApiSpec, BodySpec, ParamSpec, RouteSpec, Schema } from './spec.js';
import { Microversion, echoValue, negotiate, withinBounds, type NegotiationConfig } from './microversion.js';
import { PathTrie, splitRequestPath } from './path-trie.js';
import { ValidatorCache, coerceParam, formatPath, type ValidationError } from './validate.js';
import { readBody, parseJson } from './body.js';
import { HttpError, errorName, errorResponse, jsonResponse } from './errors.js';

/** What a handler receives. Generated `server.ts` narrows each field per operation. */
export interface HandlerInput {
  /** Path parameters, converted to their documented types. */
  path: Record<string, unknown>;
  /** Query parameters: documented ones converted to their types, others as strings. */
  query: Record<string, unknown>;
  /** The documented request headers that were sent. */
  headers: Record<string, string>;
  /** The request body without its envelope (for an action, the action's value). */
  body: unknown;
  /** The negotiated microversion; undefined when the API has none. */
  microversion: Microversion | undefined;
  /** The raw body bytes (for operations whose body is not JSON, such as uploads). */
  rawBody: Uint8Array;
  operationId: string;
  request: Request;
}

/**
 * What a handler returns: a success status with the unwrapped body (the router
 * adds the envelope), or an error status with a message (the router builds the
 * error envelope).
 */
export interface HandlerResult {
  status: number;
  body?: unknown;
  /** Pagination links, put beside the envelope under the spec's link keys (`attachments_links`). */
  links?: Record<string, unknown>;
  message?: string;
  headers?: Record<string, string>;
}

export type Handler = (input: HandlerInput) => HandlerResult | Promise<HandlerResult>;

export interface RouterOptions {
  /** Lowest supported microversion (default: the spec's, see `ApiSpec.minVersion`). */
  minVersion?: string;
  /** Highest supported microversion (default: the spec's). */
  maxVersion?: string;
  /** The microversion header (default: the spec's). */
  microversionHeader?: string;
  /** The service type in the header's value (`volume 3.44`; default: the spec's). */
  serviceType?: string;
  /** A prefix the server is mounted under (`/v2.1` for nova, whose api-ref paths omit it). */
  basePath?: string;
  /** Larger request bodies get 413 (default 114688 bytes, oslo.middleware's `max_request_body_size`). */
  maxBodyBytes?: number;
  /**
   * Check handler results against the spec: a status or body the spec does not
   * allow becomes a 500 with a log line. Default: on unless NODE_ENV is `production`.
   */
  validateResponses?: boolean;
  /** Where diagnostics go (default `console.error`). */
  log?: (message: string) => void;
}

export interface Router {
  /** The Fetch API handler: `Deno.serve(router.fetch)`, `export default router` in a worker, `Bun.serve(router)`. */
  fetch(request: Request): Promise<Response>;
  readonly maxBodyBytes: number;
  /** The negotiated range and header, or undefined when microversions are off. */
  readonly microversions: { header: string; min: string; max: string } | undefined;
}

export const DEFAULT_MAX_BODY_BYTES = 114688;

/** A route and what it needs at request time, compiled on first use and then kept. */
class CompiledRoute {
  private compiled?: {
    path: ParamChecker;
    query: ParamChecker;
    requestWire: ((v: unknown) => ValidationError | undefined) | undefined;
    responseWire: ((v: unknown) => ValidationError | undefined) | undefined;
    versioned: VersionedField[];
    nullAsAbsent: string[][];
  };

  constructor(
    readonly spec: RouteSpec,
    private readonly cache: ValidatorCache,
  ) {}

  get checks(): NonNullable<CompiledRoute['compiled']> {
    if (!this.compiled) {
      const { spec, cache } = this;
      this.compiled = {
        path: paramChecker(spec.params.path, cache),
        query: paramChecker(spec.params.query, cache),
        requestWire: spec.request ? cache.get(wireSchema(spec.request)) : undefined,
        responseWire: spec.response ? cache.get(wireSchema(spec.response)) : undefined,
        versioned: spec.request ? versionedFields(spec.request.schema, spec.request.envelope ? [spec.request.envelope] : []) : [],
        nullAsAbsent: spec.request ? nullAsAbsentFields(spec.request.schema, spec.request.envelope ? [spec.request.envelope] : []) : [],
      };
    }
    return this.compiled;
  }
}

function wireSchema(body: BodySpec): Schema {
  if (body.envelope === undefined) return body.schema;
  return { type: 'object', properties: { [body.envelope]: body.schema }, required: [body.envelope] };
}

interface ParamChecker {
  params: ParamSpec[];
  validate: (v: unknown) => ValidationError | undefined;
}

function paramChecker(params: ParamSpec[], cache: ValidatorCache): ParamChecker {
  const properties: Record<string, Schema> = {};
  for (const p of params) setOwn(properties, p.name, p.schema);
  const schema: Schema = { type: 'object', properties, required: params.filter((p) => p.required).map((p) => p.name) };
  return { params, validate: cache.get(schema) };
}

/** A request field documented with microversion bounds (`x-min-version`), by its path in the wire body. */
interface VersionedField {
  path: string[];
  min: string | undefined;
  max: string | undefined;
}

function versionedFields(schema: Schema, prefix: string[], out: VersionedField[] = [], depth = 0): VersionedField[] {
  if (depth > 16) return out;
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    const path = [...prefix, name];
    if (prop['x-min-version'] !== undefined || prop['x-max-version'] !== undefined) {
      out.push({ path, min: prop['x-min-version'], max: prop['x-max-version'] });
    }
    versionedFields(prop, path, out, depth + 1);
  }
  if (schema.items) versionedFields(schema.items, [...prefix, '[]'], out, depth + 1);
  return out;
}

/** Paths of the request properties whose null means "not given" (`x-null-as-absent`). */
function nullAsAbsentFields(schema: Schema, prefix: string[], out: string[][] = [], depth = 0): string[][] {
  if (depth > 16) return out;
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    const path = [...prefix, name];
    if (prop['x-null-as-absent']) out.push(path);
    nullAsAbsentFields(prop, path, out, depth + 1);
  }
  if (schema.items) nullAsAbsentFields(schema.items, [...prefix, '[]'], out, depth + 1);
  for (const option of schema.anyOf ?? []) nullAsAbsentFields(option, prefix, out, depth + 1);
  return out;
}

/** Deletes `path`'s last key wherever its value is null. */
function dropNulls(body: unknown, path: string[]): void {
  for (const parent of valuesAt(body, path.slice(0, -1))) {
    const key = path[path.length - 1]!;
    if (isObject(parent) && hasOwn(parent, key) && parent[key] === null) delete parent[key];
  }
}

/** Finds the values at `path` in `value` (`[]` stepping into every array item). */
function valuesAt(value: unknown, path: string[]): unknown[] {
  let current: unknown[] = [value];
  for (const seg of path) {
    const next: unknown[] = [];
    for (const v of current) {
      if (seg === '[]') {
        if (Array.isArray(v)) next.push(...(v as unknown[]));
      } else if (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.prototype.hasOwnProperty.call(v, seg)) {
        next.push((v as Record<string, unknown>)[seg]);
      }
    }
    current = next;
  }
  return current;
}

/** Sets an own property even for keys such as `__proto__` (which plain assignment would treat as the prototype). */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Finds a handler method by operation id, ignoring what every object inherits (`constructor`, `toString`). */
function findHandler(handlers: object, id: string): Handler | undefined {
  for (let o: object | null = handlers; o !== null && o !== Object.prototype; o = Object.getPrototypeOf(o) as object | null) {
    if (!hasOwn(o, id)) continue;
    const fn = (o as Record<string, unknown>)[id];
    if (typeof fn !== 'function' || (id === 'constructor' && o !== handlers)) return undefined;
    return (input) => (fn as Handler).call(handlers, input);
  }
  return undefined;
}

function isProduction(): boolean {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env?.['NODE_ENV'] === 'production';
}

/** A refusal on the way through the pipeline: becomes an error envelope. */
class Refusal {
  constructor(
    readonly status: number,
    readonly message: string,
    readonly headers: Record<string, string> = {},
    readonly envelopeName?: string,
  ) {}
}

const NO_BODY_STATUS = new Set([204, 205, 304]);

/** Whether a request's query carries an operation's fixed query (`usage=True`, `share_id={share_id}`); values compare case-insensitively. */
function fixedQueryMatches(fixed: string, query: URLSearchParams): boolean {
  for (const pair of fixed.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const rawKey = eq < 0 ? pair : pair.slice(0, eq);
    const rawValue = eq < 0 ? undefined : pair.slice(eq + 1);
    let key: string;
    let value: string | undefined;
    try {
      key = decodeURIComponent(rawKey);
      value = rawValue === undefined ? undefined : decodeURIComponent(rawValue);
    } catch {
      return false;
    }
    // `{usage}=True` (cinder) names the parameter `usage`; `{…}` values match anything.
    const name = /^\{(.+)\}$/.exec(key)?.[1] ?? key;
    if (!query.has(name)) return false;
    if (value !== undefined && !/^\{.*\}$/.test(value) && query.get(name)!.toLowerCase() !== value.toLowerCase()) return false;
  }
  return true;
}

/**
 * Builds the router for a spec. `handlers` is an object with one method per
 * operation id; an operation without a handler answers 501.
 */
export function createRouter(spec: ApiSpec, handlers: object, options: RouterOptions = {}): Router {
  const cache = new ValidatorCache();
  const trie = new PathTrie<CompiledRoute>();
  for (const op of spec.operations) trie.add(op.method.toUpperCase(), op.path, new CompiledRoute(op, cache));
  const handlerFor = new Map<string, Handler | undefined>(spec.operations.map((op) => [op.id, findHandler(handlers, op.id)]));

  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const validateResponses = options.validateResponses ?? !isProduction();
  const log = options.log ?? ((m: string) => console.error(m));
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');
  const header = options.microversionHeader ?? spec.microversionHeader;
  const min = options.minVersion ?? spec.minVersion;
  const max = options.maxVersion ?? spec.maxVersion;
  const negotiation: NegotiationConfig | undefined =
    header !== undefined && min !== undefined && max !== undefined
      ? { header, serviceType: options.serviceType ?? spec.serviceType, min: Microversion.of(min), max: Microversion.of(max) }
      : undefined;
  if (negotiation && negotiation.min.compare(negotiation.max) > 0) throw new Error(`minVersion ${min} is above maxVersion ${max}`);
  // The service's own error envelope (keystone's `error`, neutron's `NeutronError`), else the fault's name.
  const envelope = spec.errorEnvelope;

  async function handle(request: Request): Promise<Response> {
    const responseHeaders = new Headers();
    let route: CompiledRoute | undefined;
    try {
      return await dispatch(request, responseHeaders, (r) => (route = r));
    } catch (err) {
      if (err instanceof Refusal) {
        for (const [k, v] of Object.entries(err.headers)) responseHeaders.set(k, v);
        return errorResponse(err.status, err.message, responseHeaders, err.envelopeName ?? errorName(err.status, route?.spec.errors), envelope, err.envelopeName);
      }
      log(`apiref server: ${request.method} ${request.url}: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return errorResponse(500, 'The server has either erred or is incapable of performing the requested operation.', responseHeaders, errorName(500), envelope);
    }
  }

  async function dispatch(request: Request, responseHeaders: Headers, chosen: (r: CompiledRoute) => void): Promise<Response> {
    const url = new URL(request.url);
    let pathname = url.pathname;
    if (basePath !== '') {
      if (pathname !== basePath && !pathname.startsWith(`${basePath}/`)) throw new Refusal(404, 'The resource could not be found.');
      pathname = pathname.slice(basePath.length) || '/';
    }
    const segments = splitRequestPath(pathname);
    if (!segments) throw new Refusal(400, 'Malformed request URL: invalid percent-encoding in the path.');
    const method = request.method.toUpperCase();
    const match = trie.match(method, segments);
    if (!match) throw new Refusal(404, 'The resource could not be found.');
    if (match.routes.length === 0) {
      throw new Refusal(405, `Method ${method} is not allowed on this resource; it accepts ${match.methods.join(', ')}.`, { allow: match.methods.join(', ') });
    }

    // Microversion: from here on, every response carries it.
    let version: Microversion | undefined;
    if (negotiation) {
      responseHeaders.set('vary', negotiation.header);
      const n = negotiate(request.headers.get(negotiation.header), negotiation);
      if (!n.ok) throw new Refusal(n.status, n.message);
      version = n.version;
      responseHeaders.set(negotiation.header, echoValue(negotiation, version, n.service));
    }
    const candidates = version ? match.routes.filter((r) => withinBounds(version, r.value.spec.minVersion, r.value.spec.maxVersion)) : match.routes;
    if (candidates.length === 0) {
      const bounds = match.routes.map((r) => `${r.value.spec.minVersion ?? 'any'}–${r.value.spec.maxVersion ?? 'latest'}`).join(', ');
      throw new Refusal(404, `API version ${version!.toString()} is not supported on this method (it exists in microversions ${bounds}).`);
    }

    // The body: read within the limit, parsed as JSON where any candidate expects JSON.
    const read = await readBody(request, maxBodyBytes);
    if (!read.ok) throw new Refusal(413, `Request is too large: the body exceeds ${maxBodyBytes} bytes.`);
    const rawBody = read.bytes;
    const expectsJson = candidates.some((c) => c.value.spec.request !== undefined || c.value.spec.action !== undefined);
    const contentType = request.headers.get('content-type') ?? '';
    let body: unknown;
    let hasBody = false;
    if (rawBody.byteLength > 0 && (expectsJson || /json/i.test(contentType))) {
      const parsed = parseJson(rawBody);
      if (!parsed.ok) throw new Refusal(400, parsed.message);
      body = parsed.value;
      hasBody = true;
    }

    const route = selectRoute(candidates, body, hasBody, url.searchParams, request.headers);
    chosen(route.value);
    const { spec: op } = route.value;
    const checks = route.value.checks;

    // Validation, in the order a client would fix things: path, query, headers, body.
    const path: Record<string, unknown> = {};
    for (const p of checks.path.params) {
      const raw = route.params[p.name];
      if (raw !== undefined) setOwn(path, p.name, coerceParam(raw, p.schema));
    }
    const pathErr = checks.path.validate(path);
    if (pathErr) throw new Refusal(400, `Invalid input for path parameter ${formatPath(pathErr.path)}: ${pathErr.message}.`);

    const query: Record<string, unknown> = {};
    // forEach rather than keys(): the iterators need lib "dom.iterable", which projects may leave out.
    const keys = new Set<string>();
    url.searchParams.forEach((_value, key) => keys.add(key));
    for (const key of keys) {
      if (key === '__proto__') throw new Refusal(400, 'Invalid query parameter "__proto__".');
      const values = url.searchParams.getAll(key);
      setOwn(query, key, values.length === 1 ? values[0] : values);
    }
    for (const p of checks.query.params) {
      if (hasOwn(query, p.name)) setOwn(query, p.name, coerceParam(query[p.name] as string | string[], p.schema));
    }
    const queryErr = checks.query.validate(query);
    if (queryErr) throw new Refusal(400, `Invalid input for query parameter ${formatPath(queryErr.path)}: ${queryErr.message}.`);

    const headers: Record<string, string> = {};
    for (const h of op.params.header) {
      const value = request.headers.get(h.name);
      if (value !== null) setOwn(headers, h.name, value);
      else if (h.required && h.name.toLowerCase() !== negotiation?.header.toLowerCase()) {
        if (h.name.toLowerCase() === 'x-auth-token') throw new Refusal(401, 'Authentication required: send an X-Auth-Token header.');
        throw new Refusal(400, `Missing required header ${h.name}.`);
      }
    }

    if (op.request) {
      if (!hasBody && op.request.required) {
        throw new Refusal(400, op.request.envelope !== undefined ? `Missing required element '${op.request.envelope}' in request body.` : 'Missing request body.');
      }
      if (hasBody) {
        const err = checks.requestWire!(body);
        if (err) throw new Refusal(400, `Invalid input for field ${formatPath(err.path) || '(body)'}: ${err.message}.`);
        for (const path of checks.nullAsAbsent) dropNulls(body, path);
        if (version) {
          for (const f of checks.versioned) {
            // A null is "not given" (python-cinderclient sends `"backup_id": null` at every
            // version, and Cinder takes it): only a value outside the field's range is refused.
            if (valuesAt(body, f.path).some((v) => v !== null) && !withinBounds(version, f.min, f.max)) {
              const name = f.path.filter((s) => s !== '[]').join('.');
              const range = f.min !== undefined && f.max !== undefined ? `${f.min} to ${f.max}` : f.min !== undefined ? `${f.min} or later` : `up to ${f.max}`;
              throw new Refusal(400, `Invalid input for field ${name}: it is accepted in microversion ${range}, not ${version.toString()}.`);
            }
          }
        }
      }
    }

    const handler = handlerFor.get(op.id);
    if (!handler) throw new Refusal(501, `Operation ${op.id} is not implemented by this server.`);
    const unwrapped = hasBody && op.request?.envelope !== undefined && isObject(body) ? body[op.request.envelope] : body;
    let result: HandlerResult;
    try {
      result = await handler({ path, query, headers, body: unwrapped, microversion: version, rawBody, operationId: op.id, request });
    } catch (err) {
      if (err instanceof HttpError) throw new Refusal(err.status, err.message, {}, err.envelopeName);
      throw err;
    }
    return respond(route.value, method, result, responseHeaders);
  }

  /**
   * Several operations can share a method and path: actions (told apart by the
   * body's key), fixed query strings, and documents that list one path twice
   * (neutron's single and bulk create, keystone's auth methods), told apart by
   * which request schema the body satisfies.
   */
  function selectRoute(
    candidates: { value: CompiledRoute; params: Record<string, string> }[],
    body: unknown,
    hasBody: boolean,
    query: URLSearchParams,
    headers: Headers,
  ): { value: CompiledRoute; params: Record<string, string> } {
    let pool = candidates;
    if (pool.some((c) => c.value.spec.action !== undefined)) {
      if (!hasBody || !isObject(body) || Object.keys(body).length === 0) {
        const plain = pool.filter((c) => c.value.spec.action === undefined);
        if (plain.length === 0) throw new Refusal(400, hasBody ? 'Malformed request body: an action must be a JSON object naming the action.' : 'Missing request body: it must name the action.');
        pool = plain;
      } else {
        const byAction = pool.filter((c) => c.value.spec.action !== undefined && hasOwn(body, c.value.spec.action));
        if (byAction.length === 0) {
          const plain = pool.filter((c) => c.value.spec.action === undefined);
          if (plain.length === 0) throw new Refusal(400, `There is no such action: ${Object.keys(body)[0]!}`);
          pool = plain;
        } else pool = byAction;
      }
    }
    if (pool.length > 1 && pool.some((c) => c.value.spec.fixedQuery !== undefined)) {
      const withQuery = pool.filter((c) => c.value.spec.fixedQuery !== undefined && fixedQueryMatches(c.value.spec.fixedQuery, query));
      pool = withQuery.length > 0 ? withQuery : pool.filter((c) => c.value.spec.fixedQuery === undefined);
      if (pool.length === 0) pool = candidates;
    }
    if (pool.length > 1 && hasBody) {
      const fits = pool.filter((c) => c.value.spec.request !== undefined && c.value.checks.requestWire!(body) === undefined);
      // Schemas widened by their samples can all fit one body (keystone's POST /v3/auth/tokens
      // lists several auth methods): the one whose required headers were sent is the better fit.
      const withHeaders = fits.find((c) => requiredHeadersSent(c.value.spec, headers));
      if (withHeaders ?? fits[0]) return (withHeaders ?? fits[0])!;
    }
    return pool[0]!;
  }

  /** Whether a request carries every header an operation documents as required (the microversion header aside). */
  function requiredHeadersSent(op: RouteSpec, headers: Headers): boolean {
    return op.params.header.every((h) => !h.required || h.name.toLowerCase() === negotiation?.header.toLowerCase() || headers.has(h.name));
  }

  function respond(route: CompiledRoute, method: string, result: HandlerResult, headers: Headers): Response {
    const op = route.spec;
    const problem = validateResponses ? checkResult(route, result) : undefined;
    if (problem) {
      log(`apiref server: operation ${op.id} (${op.method} ${op.path}) returned a result the spec does not allow: ${problem}`);
      return errorResponse(500, `The server returned a response its API does not allow (operation ${op.id}).`, headers, errorName(500), envelope);
    }
    for (const [k, v] of Object.entries(result.headers ?? {})) headers.set(k, v);
    const status = result.status;
    if (status >= 400) return errorResponse(status, result.message ?? `Request failed with status ${status}.`, headers, errorName(status, op.errors), envelope);
    const wire = wrap(op, result);
    if (wire === undefined || NO_BODY_STATUS.has(status) || method === 'HEAD') return new Response(null, { status, headers });
    return jsonResponse(status, wire, headers);
  }

  return {
    fetch: handle,
    maxBodyBytes,
    microversions: negotiation ? { header: negotiation.header, min: negotiation.min.toString(), max: negotiation.max.toString() } : undefined,
  };
}

/** The wire body of a success: the envelope around the handler's body, plus link keys. */
function wrap(op: RouteSpec, result: HandlerResult): unknown {
  if (result.body === undefined) return undefined;
  const envelope = op.response?.envelope;
  if (envelope === undefined) return result.body;
  const wire: Record<string, unknown> = {};
  setOwn(wire, envelope, result.body);
  for (const [k, v] of Object.entries(result.links ?? {})) if (op.response?.linkKeys?.includes(k)) setOwn(wire, k, v);
  return wire;
}

/** What is wrong with a handler's result by the spec, or undefined. */
function checkResult(route: CompiledRoute, result: HandlerResult): string | undefined {
  const op = route.spec;
  if (typeof result !== 'object' || result === null) return 'the handler returned no result object';
  const status = result.status;
  if (!Number.isInteger(status) || status < 100 || status > 599) return `status ${String(status)} is not an HTTP status`;
  if (status >= 400) {
    return hasOwn(op.errors, String(status)) ? undefined : `error status ${status} is not documented (documented: ${Object.keys(op.errors).join(', ') || 'none'})`;
  }
  if (op.success.length > 0 ? !op.success.includes(status) : status >= 300) {
    return `status ${status} is not documented (documented: ${op.success.join(', ') || 'none'})`;
  }
  if (result.links !== undefined) {
    for (const k of Object.keys(result.links)) if (!op.response?.linkKeys?.includes(k)) return `link key ${JSON.stringify(k)} is not documented`;
  }
  if (!op.response) return result.body === undefined ? undefined : 'the spec documents no response body, but the handler returned one';
  if (result.body === undefined) return NO_BODY_STATUS.has(status) || op.method === 'HEAD' ? undefined : 'the handler returned no body, but the spec documents one';
  const err = route.checks.responseWire!(wrap(op, result));
  return err ? `field ${formatPath(err.path) || '(body)'} ${err.message}` : undefined;
}
