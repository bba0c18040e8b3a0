/**
 * The engine behind a generated test file: it loads the target and the user's
 * fixture hooks, remembers the resources the tests create (so later tests can
 * address them and `close()` can delete them even after a failure), and runs
 * each kind of check. The generated file only lists which checks run, in
 * lifecycle order.
 */
import { randomUUID } from 'node:crypto';
import type { TestContext } from 'vitest';
import { ConformanceError, Verdict } from './checks.js';
import { DriftCollector, loadKnownDrift, writeDriftPart, type KnownDrift } from './drift.js';
import { exchange, type Exchange, type SentRequest } from './http.js';
import { inRange, microversionHeaderValue, unsupportedVersion, versionBelow, compareMicroversions } from './microversion.js';
import { buildBody, isIdName, mapContent, noun, removeField, withMapKey } from './request-builder.js';
import type { OperationSpec, ResourceSpec, SuiteSpec } from './spec.js';
import { ConfigError, loadHooks, resolveTarget, type ConformanceHooks, type FixtureValues, type HookContext, type Target } from './target.js';

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** Path parameters that name the caller's project: filled from APIREF_PROJECT_ID. */
const PROJECT_PARAMS = new Set(['project_id', 'tenant_id', 'projectId', 'tenantId', 'project', 'tenant']);

/** How long to wait for an asynchronous delete (documented 202) to finish. */
const ASYNC_DELETE_TIMEOUT_MS = 60_000;

interface KnownResource {
  id: string;
  /** `created` by this suite (may be updated and deleted), or `discovered` in a listing (read only). */
  origin: 'created' | 'discovered';
  deleted: boolean;
}

/** A request ready to send, or the reason it cannot be built. */
type Plan = { ok: true; request: SentRequest; version: string | undefined; body: unknown } | { ok: false; reason: string };

export class ConformanceSuite {
  private target: Target | undefined;
  private hooks: ConformanceHooks = {};
  private values: FixtureValues = {};
  private known: KnownDrift[] = [];
  private readonly collector = new DriftCollector();
  /** The lifecycle's resources, by collection path. */
  private readonly resources = new Map<string, KnownResource>();
  /** Everything a create answered with an id, including creates a broken server accepted in negative checks; deleted in `close()`. */
  private readonly cleanup: { resource: ResourceSpec; id: string }[] = [];
  private hookContext: HookContext | undefined;

  constructor(private readonly spec: SuiteSpec) {}

  // ---- set-up and tear-down -------------------------------------------------

  /** `beforeAll`: reads the target and runs the fixture hooks' `setup`. */
  async open(): Promise<void> {
    this.hooks = await loadHooks();
    this.target = resolveTarget(this.hooks.target);
    if (this.target.knownDrift !== undefined) {
      try {
        this.known = loadKnownDrift(this.target.knownDrift);
      } catch (err) {
        throw new ConfigError(`APIREF_KNOWN_DRIFT: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    this.hookContext = {
      target: this.target,
      api: this.spec.api,
      file: this.spec.file,
      needs: this.fixtureNeeds(),
      request: (method, path, options = {}) => this.hookRequest(method, path, options),
    };
    if (this.hooks.setup) {
      const values = await this.hooks.setup(this.hookContext);
      if (values !== undefined && values !== null) {
        if (!isPlainObject(values)) throw new ConfigError(`APIREF_FIXTURES: setup() must return an object of values (or nothing), not ${typeof values}`);
        this.values = values;
      }
    }
    this.requireProject();
  }

  /**
   * Paths that name the caller's project cannot be tested without one: rather
   * than skip every test (a green run that tested nothing), the file fails.
   */
  private requireProject(): void {
    const param = this.spec.operations.flatMap((op) => op.pathParams).find((p) => PROJECT_PARAMS.has(p));
    if (param === undefined || this.target?.projectId !== undefined || this.fixture(param) !== undefined) return;
    throw new ConfigError(`the paths need {${param}}: set APIREF_PROJECT_ID (or export target.projectId, or return "${param}" from setup() in the APIREF_FIXTURES module)`);
  }

  /** `afterAll`: deletes what the tests created (newest first), runs `teardown`, writes the drift report. */
  async close(): Promise<void> {
    const problems: string[] = [];
    if (this.target) {
      for (const item of [...this.cleanup].reverse()) {
        const problem = await this.remove(item.resource, item.id);
        if (problem !== undefined) problems.push(problem);
      }
    }
    if (this.hooks.teardown && this.hookContext) {
      try {
        await this.hooks.teardown(this.hookContext, this.values);
      } catch (err) {
        problems.push(`fixture teardown failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    if (this.target?.driftReport !== undefined) {
      const part: Parameters<typeof writeDriftPart>[2] = { api: this.spec.api.title, target: this.target.baseUrl, entries: this.collector.entries() };
      if (this.target.microversion !== undefined) part.microversion = this.target.microversion;
      else if (this.spec.api.defaultMicroversion !== undefined) part.microversion = this.spec.api.defaultMicroversion;
      writeDriftPart(this.target.driftReport, this.spec.file, part, this.known);
    }
    if (problems.length > 0) throw new ConformanceError(`cleanup of ${this.spec.file}:\n  - ${problems.join('\n  - ')}`);
  }

  /** Deletes one created resource; a 404 counts as gone. Returns a problem, if any. */
  private async remove(resource: ResourceSpec, id: string): Promise<string | undefined> {
    const state = this.resources.get(resource.collection);
    if (state && state.id === id && state.deleted) return undefined;
    const op = resource.delete !== undefined ? this.findOp(resource.delete) : undefined;
    if (!op) return `left behind: ${resource.collection} ${id} (the spec documents no delete operation)`;
    const plan = this.plan(op, { overrides: { [resource.idParam ?? '']: id }, withBody: false });
    if (!plan.ok) return `left behind: ${resource.collection} ${id} (${plan.reason})`;
    try {
      const x = await exchange(plan.request);
      if (x.status < 300 || x.status === 404) {
        if (state && state.id === id) state.deleted = true;
        return undefined;
      }
      return `left behind: ${resource.collection} ${id}: DELETE answered ${x.status} ${x.text.slice(0, 200)}`;
    } catch (err) {
      return `left behind: ${resource.collection} ${id}: ${err instanceof Error ? err.message : String(err)}`;
    }
  }

  private async hookRequest(method: string, path: string, options: { body?: unknown; microversion?: string; headers?: Record<string, string> }): Promise<{ status: number; headers: Headers; body: unknown }> {
    const target = this.requireTarget();
    const version = options.microversion ?? target.microversion ?? this.spec.api.defaultMicroversion;
    const request: SentRequest = { method, url: `${target.baseUrl}${path.startsWith('/') ? '' : '/'}${path}`, headers: this.headers(version, options.body !== undefined) };
    Object.assign(request.headers, options.headers ?? {});
    if (options.body !== undefined) request.body = JSON.stringify(options.body);
    const x = await exchange(request);
    return { status: x.status, headers: x.headers, body: x.json !== undefined ? x.json : x.text };
  }

  /** Names the hooks could provide: references in bodies and path parameters the suite cannot fill itself. */
  private fixtureNeeds(): string[] {
    const needs = new Set<string>();
    const creatable = new Set(this.spec.resources.filter((r) => r.create !== undefined && r.idParam !== undefined).map((r) => r.idParam!));
    const createdNouns = new Set(this.spec.resources.filter((r) => r.create !== undefined && r.idParam !== undefined).map((r) => noun(r.idParam!)));
    for (const op of this.spec.operations) {
      for (const p of op.pathParams) if (!PROJECT_PARAMS.has(p) && !creatable.has(p)) needs.add(p);
      const built = buildBody(op, this.spec.api.defaultMicroversion, { fixture: () => undefined, createdId: (n) => (createdNouns.has(n) ? 'x' : undefined) });
      for (const w of built.wanted) needs.add(w);
      for (const q of op.requiredQuery) needs.add(q);
    }
    return [...needs].sort();
  }

  // ---- building requests ----------------------------------------------------

  private requireTarget(): Target {
    if (!this.target) throw new ConfigError('the suite is not open: beforeAll(open) did not run or failed');
    return this.target;
  }

  /** The microversion for an operation: the configured one, else the default clamped into the operation's range. */
  private versionFor(op: OperationSpec): { version: string | undefined } | { skip: string } {
    const { api } = this.spec;
    if (api.microversionHeader === undefined) return { version: undefined };
    const configured = this.requireTarget().microversion;
    const range = `${op.minVersion ?? 'any'} to ${op.maxVersion ?? 'latest'}`;
    if (configured !== undefined) {
      return inRange(configured, op.minVersion, op.maxVersion) ? { version: configured } : { skip: `the operation exists in microversions ${range}, and APIREF_MICROVERSION is ${configured}` };
    }
    let v = api.defaultMicroversion;
    if (v === undefined) return { version: op.minVersion };
    if (op.maxVersion !== undefined && compareMicroversions(v, op.maxVersion) > 0) v = op.maxVersion;
    if (op.minVersion !== undefined && compareMicroversions(v, op.minVersion) < 0) v = op.minVersion;
    return { version: v };
  }

  private headers(version: string | undefined, hasBody: boolean): Record<string, string> {
    const target = this.requireTarget();
    const h: Record<string, string> = { accept: 'application/json' };
    if (hasBody) h['content-type'] = 'application/json';
    if (target.token !== undefined) h['x-auth-token'] = target.token;
    const header = this.spec.api.microversionHeader;
    if (header !== undefined && version !== undefined) h[header] = microversionHeaderValue(header, this.spec.api.serviceType, version);
    for (const [k, v] of Object.entries(target.headers)) h[k.toLowerCase()] = v;
    return h;
  }

  private fixture(name: string): unknown {
    if (hasOwn(this.values, name)) return this.values[name];
    // An id-like name also takes a value given under another id-like name of the same noun: volume_id fills volume_uuid.
    const n = noun(name);
    if (!isIdName(name) || n === '') return undefined;
    for (const [k, v] of Object.entries(this.values)) if (isIdName(k) && noun(k) === n) return v;
    return undefined;
  }

  private resourceFor(param: string): ResourceSpec | undefined {
    return this.spec.resources.find((r) => r.idParam === param);
  }

  /**
   * A path parameter's value: the project from the target, a resource the
   * suite created (or, for reads, discovered in a listing), or a fixture.
   */
  private pathValue(param: string, readOnly: boolean): { value: string } | { reason: string } {
    const target = this.requireTarget();
    if (PROJECT_PARAMS.has(param)) {
      const v = target.projectId ?? this.fixture(param);
      return v !== undefined ? { value: String(v) } : { reason: `{${param}} needs APIREF_PROJECT_ID` };
    }
    const resource = this.resourceFor(param);
    if (resource) {
      const state = this.resources.get(resource.collection);
      if (state && !state.deleted && (state.origin === 'created' || readOnly)) return { value: state.id };
    }
    const fixture = this.fixture(param);
    if (fixture !== undefined) return { value: String(fixture) };
    if (resource?.create !== undefined) {
      const create = this.findOp(resource.create);
      return { reason: `{${param}} needs the resource created by ${JSON.stringify(create?.title ?? resource.create)}, which did not succeed (or set "${param}" in the APIREF_FIXTURES setup())` };
    }
    return { reason: `{${param}} has no value: return "${param}" from setup() in the APIREF_FIXTURES module` };
  }

  /**
   * Builds the request of an operation; `overrides` replace path parameters.
   * `version` replaces the microversion header only: the body stays the one
   * valid at the operation's own version, so that a version check changes
   * nothing but the version.
   */
  private plan(op: OperationSpec, opts: { overrides?: Record<string, string>; version?: string | undefined; withBody?: boolean } = {}): Plan {
    const own = this.versionFor(op);
    if ('skip' in own && opts.version === undefined) return { ok: false, reason: own.skip };
    const bodyVersion = 'skip' in own ? op.minVersion : own.version;
    const version = opts.version ?? bodyVersion;
    const readOnly = op.method === 'GET' || op.method === 'HEAD';
    if (!readOnly && this.requireTarget().readOnly) return { ok: false, reason: `APIREF_READ_ONLY is set: no ${op.method} requests are sent` };
    /** The values the path parameters got, for a body that repeats one (a map key). */
    const filled = new Map<string, string>();
    const fillTemplate = (template: string, encode: boolean): { text: string } | { reason: string } => {
      let reason: string | undefined;
      const text = template.replace(/\{([^{}]+)\}/g, (whole, name: string) => {
        let value: string;
        if (opts.overrides && hasOwn(opts.overrides, name)) value = opts.overrides[name]!;
        else {
          const v = this.pathValue(name, readOnly);
          if ('reason' in v) {
            reason ??= v.reason;
            return whole;
          }
          value = v.value;
        }
        filled.set(name, value);
        return encode ? encodeURIComponent(value) : value;
      });
      return reason !== undefined ? { reason } : { text };
    };
    const path = fillTemplate(op.path, true);
    if ('reason' in path) return { ok: false, reason: path.reason };
    const query: string[] = [];
    if (op.fixedQuery !== undefined) {
      const fixed = fillTemplate(op.fixedQuery, true);
      if ('reason' in fixed) return { ok: false, reason: fixed.reason };
      query.push(fixed.text);
    }
    for (const q of op.requiredQuery) {
      const v = this.fixture(q);
      if (v === undefined) return { ok: false, reason: `the required query parameter ${q} has no value: return "${q}" from setup() in the APIREF_FIXTURES module` };
      query.push(`${encodeURIComponent(q)}=${encodeURIComponent(String(v))}`);
    }
    let body: unknown;
    if (opts.withBody !== false && op.request) {
      const built = buildBody(op, bodyVersion, { fixture: (n) => this.fixture(n), createdId: (n) => this.createdIdByNoun(n) });
      if (built.missing.length > 0) {
        return { ok: false, reason: `the request body needs ${built.missing.map((m) => JSON.stringify(m)).join(', ')}: return ${built.missing.length === 1 ? 'it' : 'them'} from setup() in the APIREF_FIXTURES module` };
      }
      body = built.body;
      // `PUT …/metadata/{key}` carries the path's key in its body, also when a check replaced it.
      const key = op.request.keyParam !== undefined ? filled.get(op.request.keyParam) : undefined;
      if (key !== undefined) body = withMapKey(op.request, body, key);
    }
    const url = `${this.requireTarget().baseUrl}${path.text}${query.length > 0 ? `?${query.join('&')}` : ''}`;
    const request: SentRequest = { method: op.method, url, headers: this.headers(version, body !== undefined) };
    if (body !== undefined) request.body = JSON.stringify(body);
    return { ok: true, request, version, body };
  }

  private createdIdByNoun(n: string): string | undefined {
    for (const r of this.spec.resources) {
      if (r.idParam === undefined || noun(r.idParam) !== n) continue;
      const state = this.resources.get(r.collection);
      if (state && state.origin === 'created' && !state.deleted) return state.id;
    }
    return undefined;
  }

  private verdict(op: OperationSpec, check: string): Verdict {
    const target = this.requireTarget();
    return new Verdict(op, check, { collector: this.collector, known: this.known, strictErrorNames: target.strictErrorNames, errorNames: this.spec.api.errorNames ?? {} });
  }

  private findOp(id: string): OperationSpec | undefined {
    return this.spec.operations.find((o) => o.id === id);
  }

  private op(id: string): OperationSpec {
    const op = this.findOp(id);
    if (!op) throw new Error(`unknown operation ${JSON.stringify(id)}`);
    return op;
  }

  private resourceOf(op: OperationSpec): ResourceSpec | undefined {
    return this.spec.resources.find((r) => r.collection === op.resource);
  }

  /**
   * The id of a resource in a create's answer: `id` (or `uuid`) inside the
   * envelope; for a map resource, the first key the request added that the
   * answer holds (the first key sent, when the spec documents no answer).
   */
  private createdId(op: OperationSpec, x: Exchange): string | undefined {
    if (x.status < 200 || x.status >= 300) return undefined;
    if (this.resourceOf(op)?.map) return this.createdKey(op, x);
    if (!isPlainObject(x.json)) return undefined;
    let content: unknown = x.json;
    if (op.response?.envelope !== undefined) content = x.json[op.response.envelope];
    if (!isPlainObject(content)) return undefined;
    const resource = this.resourceOf(op);
    for (const key of ['id', 'uuid', ...(resource?.idParam !== undefined ? [resource.idParam] : [])]) {
      const v = content[key];
      if (typeof v === 'string' || typeof v === 'number') return String(v);
    }
    return undefined;
  }

  /** The keys a map create sent, in order. */
  private sentKeys(op: OperationSpec, x: Exchange): string[] {
    if (!op.request || x.request.body === undefined) return [];
    try {
      return Object.keys(mapContent(op.request, JSON.parse(x.request.body)) ?? {});
    } catch {
      return []; // a malformed-JSON check: nothing was added
    }
  }

  private createdKey(op: OperationSpec, x: Exchange): string | undefined {
    const sent = this.sentKeys(op, x);
    if (!op.response) return sent[0];
    const answered = this.mapOf(op, x.json);
    return sent.find((k) => answered !== undefined && hasOwn(answered, k));
  }

  /** A map answer's object: inside the response envelope, or the body itself. */
  private mapOf(op: OperationSpec, json: unknown): Record<string, unknown> | undefined {
    const content = op.response?.envelope !== undefined ? (isPlainObject(json) ? json[op.response.envelope] : undefined) : json;
    return isPlainObject(content) ? content : undefined;
  }

  /** Any successful create is remembered for cleanup, even one a negative check provoked. */
  private adopt(op: OperationSpec, x: Exchange): string | undefined {
    if (op.role !== 'create') return undefined;
    const id = this.createdId(op, x);
    const resource = this.resourceOf(op);
    if (id !== undefined && resource) this.cleanup.push({ resource, id });
    return id;
  }

  private async send(op: OperationSpec, request: SentRequest, verdict: Verdict): Promise<Exchange> {
    const x = await exchange(request);
    verdict.saw(x);
    this.adopt(op, x);
    return x;
  }

  /** Skips the test (with the reason) when the plan could not be built. */
  private ready(t: TestContext, plan: Plan): Extract<Plan, { ok: true }> {
    if (!plan.ok) t.skip(`skipped: ${plan.reason}`);
    return plan as Extract<Plan, { ok: true }>;
  }

  // ---- checks ---------------------------------------------------------------

  /**
   * The positive check: a request built from the spec succeeds with a
   * documented status, its body sits in the envelope and matches the schema,
   * and documented headers are present. By role, it also records the created
   * resource, finds it in listings, or marks it deleted.
   */
  async positive(t: TestContext, id: string): Promise<void> {
    const op = this.op(id);
    const plan = this.ready(t, this.plan(op));
    const v = this.verdict(op, 'positive');
    const x = await this.send(op, plan.request, v);
    v.successStatus(x, plan.version);
    if (x.status >= 200 && x.status < 300) {
      const content = v.responseBody(x, plan.version);
      v.responseHeaders(x, plan.version);
      this.afterSuccess(op, x, content, v);
    }
    v.finish();
  }

  private afterSuccess(op: OperationSpec, x: Exchange, content: unknown, v: Verdict): void {
    const resource = this.resourceOf(op);
    const state = resource ? this.resources.get(resource.collection) : undefined;
    switch (op.role) {
      case 'create': {
        const id = this.createdId(op, x);
        if (id === undefined) {
          if (resource?.map) {
            const sent = this.sentKeys(op, x);
            v.add('behaviour', 'error', '$', `the added key ${JSON.stringify(sent[0] ?? '')}`, 'absent', `the answer does not hold the key${sent.length === 1 ? '' : 's'} the request added (looked for ${sent.map((k) => JSON.stringify(k)).join(', ') || 'a key'} in the ${op.response?.envelope ?? 'body'})`);
          } else if (resource?.idParam !== undefined) v.add('behaviour', 'error', '$.id', 'the new resource\'s id', 'absent', `the answer does not carry the created resource's id (looked for "id" in the ${op.response?.envelope ?? 'body'})`);
        } else if (resource) this.resources.set(resource.collection, { id, origin: 'created', deleted: false });
        break;
      }
      case 'show': {
        if (resource?.map) {
          // A map member's answer is `{"<key>": value}`: it must hold the key asked for.
          if (state && op.response && isPlainObject(content) && !hasOwn(content, state.id)) {
            v.add('behaviour', 'error', '$', `the key ${JSON.stringify(state.id)}`, JSON.stringify(Object.keys(content)), `the answer does not hold the key asked for, ${JSON.stringify(state.id)} (got the keys ${JSON.stringify(Object.keys(content))})`);
          }
          break;
        }
        const got = isPlainObject(content) ? content['id'] ?? content['uuid'] : undefined;
        if (state && got !== undefined && String(got) !== state.id) {
          v.add('behaviour', 'error', '$.id', state.id, String(got), `the answer shows another resource: id ${JSON.stringify(got)} instead of ${JSON.stringify(state.id)}`);
        }
        break;
      }
      case 'list': {
        if (resource?.map) {
          this.checkMapListing(resource, state, content, v);
          break;
        }
        if (!Array.isArray(content)) break;
        const ids = content.map((item) => (isPlainObject(item) ? item['id'] ?? item['uuid'] : undefined)).filter((i) => i !== undefined).map(String);
        if (state && state.origin === 'created' && !state.deleted) {
          // A paged listing may hold the new resource on a later page: then it is only worth a note.
          const paged = (op.response?.linkKeys ?? []).some((k) => isPlainObject(x.json) && Array.isArray(x.json[k]) && x.json[k].length > 0);
          if (!ids.includes(state.id)) {
            v.add('behaviour', paged ? 'warning' : 'error', '$', `a listing that includes ${state.id}`, `${ids.length} other item(s)${paged ? ' on the first page' : ''}`, `the listing does not include the created resource ${JSON.stringify(state.id)}${paged ? ' on its first page' : ''}`);
          }
        } else if (!state && resource && ids[0] !== undefined) {
          this.resources.set(resource.collection, { id: ids[0], origin: 'discovered', deleted: false });
        }
        break;
      }
      case 'delete':
        if (state) state.deleted = true;
        break;
      default:
        break;
    }
  }

  /** A map resource's listing is the map itself: it holds the added key, or lends its first key to later reads. */
  private checkMapListing(resource: ResourceSpec, state: KnownResource | undefined, content: unknown, v: Verdict): void {
    if (!isPlainObject(content)) return;
    const keys = Object.keys(content);
    if (state && state.origin === 'created' && !state.deleted) {
      if (!keys.includes(state.id)) v.add('behaviour', 'error', '$', `a map that holds ${JSON.stringify(state.id)}`, `the keys ${JSON.stringify(keys)}`, `the map does not hold the added key ${JSON.stringify(state.id)}`);
    } else if (!state && keys[0] !== undefined) {
      this.resources.set(resource.collection, { id: keys[0], origin: 'discovered', deleted: false });
    }
  }

  /** A required body field left out: 400 in an error envelope. */
  async missingField(t: TestContext, id: string, field: string[]): Promise<void> {
    const op = this.op(id);
    const plan = this.ready(t, this.plan(op));
    const body = structuredClone(plan.body);
    removeField(body, field);
    const request = { ...plan.request, body: JSON.stringify(body ?? {}) };
    const v = this.verdict(op, 'missing-field');
    v.errorAnswer(await this.send(op, request, v), 400);
    v.finish();
  }

  /** A body that is not JSON: 400 in an error envelope. */
  async malformedJson(t: TestContext, id: string): Promise<void> {
    const op = this.op(id);
    const plan = this.ready(t, this.plan(op, { withBody: false }));
    const key = op.request?.envelope ?? op.action ?? 'body';
    const request: SentRequest = { ...plan.request, headers: this.headers(plan.version, true), body: `{${JSON.stringify(key)}: {` };
    const v = this.verdict(op, 'malformed-json');
    v.errorAnswer(await this.send(op, request, v), 400);
    v.finish();
  }

  /** An id nothing has: 404 in an error envelope. */
  async unknownId(t: TestContext, id: string, param: string): Promise<void> {
    const op = this.op(id);
    const plan = this.ready(t, this.plan(op, { overrides: { [param]: randomUUID() } }));
    const v = this.verdict(op, 'unknown-id');
    v.errorAnswer(await this.send(op, plan.request, v), 404);
    v.finish();
  }

  /** The request at the microversion just below the operation's minimum: 404 (the route does not exist there). */
  async belowMinVersion(t: TestContext, id: string): Promise<void> {
    const op = this.op(id);
    const below = op.minVersion !== undefined ? versionBelow(op.minVersion) : undefined;
    if (below === undefined) t.skip(`skipped: the operation has no minimum microversion above X.0`);
    const plan = this.ready(t, this.plan(op, { version: below }));
    const v = this.verdict(op, 'below-min-version');
    v.errorAnswer(await this.send(op, plan.request, v), 404);
    v.finish();
  }

  /** A microversion no server supports: 406. */
  async unsupportedVersion(t: TestContext, id: string): Promise<void> {
    const op = this.op(id);
    const base = this.requireTarget().microversion ?? this.spec.api.defaultMicroversion ?? op.minVersion;
    const version = base !== undefined ? unsupportedVersion(base) : undefined;
    if (version === undefined) t.skip('skipped: the API names no microversion');
    const plan = this.ready(t, this.plan(op, { version }));
    const v = this.verdict(op, 'unsupported-version');
    v.errorAnswer(await this.send(op, plan.request, v), 406);
    v.finish();
  }

  /** After the delete test: showing the resource answers 404 (waiting for a documented asynchronous delete). */
  async goneAfterDelete(t: TestContext, deleteId: string): Promise<void> {
    const del = this.op(deleteId);
    const resource = this.resourceOf(del);
    const state = resource ? this.resources.get(resource.collection) : undefined;
    if (!resource || !state || !state.deleted || state.origin !== 'created') t.skip('skipped: the delete check did not delete a resource this suite created');
    const show = resource!.show !== undefined ? this.op(resource!.show) : undefined;
    if (!show) t.skip('skipped: the spec documents no show operation for this resource');
    const plan = this.ready(t, this.plan(show!, { overrides: { [resource!.idParam ?? '']: state!.id } }));
    const v = this.verdict(show!, 'gone-after-delete');
    const deadline = Date.now() + (resource!.asyncDelete ? ASYNC_DELETE_TIMEOUT_MS : 0);
    let x = await this.send(show!, plan.request, v);
    while (x.status >= 200 && x.status < 300 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 1000));
      x = await exchange(plan.request);
    }
    v.errorAnswer(x, 404);
    v.finish();
  }
}
