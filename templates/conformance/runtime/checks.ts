/**
 * The verdict of one test: findings from one or more exchanges, recorded as
 * drift, and a failure (naming every problem, its JSON path and rule) when any
 * error-severity finding is not listed in the known-drift file.
 */
import type { DriftCollector, DriftEntry, DriftKind, DriftSeverity, KnownDrift } from './drift.js';
import { matchesKnown } from './drift.js';
import { transcript, type Exchange } from './http.js';
import { genericJsonPath, jsonPath } from './json-path.js';
import { inRange } from './microversion.js';
import { shapeDrift, validateAgainst, jsonType, type Finding } from './schema-check.js';
import type { OperationSpec } from './spec.js';

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** Thrown when a check finds problems; its message lists them. */
export class ConformanceError extends Error {
  override name = 'ConformanceError';
}

export interface VerdictOptions {
  collector: DriftCollector;
  known: KnownDrift[];
  strictErrorNames: boolean;
  errorNames: Record<string, string>;
}

export class Verdict {
  private readonly entries: DriftEntry[] = [];
  private readonly exchanges: Exchange[] = [];

  constructor(
    readonly op: OperationSpec,
    /** The check's name in drift reports (`positive`, `unknown-id`, …). */
    readonly check: string,
    private readonly options: VerdictOptions,
  ) {}

  saw(x: Exchange): void {
    this.exchanges.push(x);
  }

  add(kind: DriftKind, severity: DriftSeverity, location: string, expected: string, actual: string, message: string): void {
    this.entries.push({ operation: this.op.id, endpoint: `${this.op.method} ${this.op.path}`, check: this.check, kind, location, expected, actual, severity, message });
  }

  addFinding(f: Finding): void {
    this.add(f.kind, f.severity, genericJsonPath(f.path), f.expected, f.actual, f.message);
  }

  /** Records the drift and throws when an error is not known drift. */
  finish(): void {
    this.options.collector.addAll(this.entries);
    const failing = this.entries.filter((e) => e.severity === 'error' && !this.options.known.some((k) => matchesKnown(e, k)));
    if (failing.length === 0) return;
    const lines = [`${this.op.method} ${this.op.path} (${this.op.id}), ${this.check} check: ${failing.length} problem${failing.length === 1 ? '' : 's'}`];
    for (const e of failing) lines.push(`  - ${e.message}`);
    for (const x of this.exchanges) lines.push(...transcript(x).split('\n').map((l) => `  ${l}`));
    throw new ConformanceError(lines.join('\n'));
  }

  /** The status must be one of the operation's documented success codes at `version`. */
  successStatus(x: Exchange, version: string | undefined): boolean {
    const allowed = this.op.success.filter((s) => inRange(version, s.minVersion, s.maxVersion)).map((s) => s.status);
    if (allowed.includes(x.status)) return true;
    const expected = allowed.join(' or ');
    const what = x.status >= 400 ? `an error answer` : `a status the spec does not document`;
    this.add('status', 'error', 'status', expected, String(x.status), `status ${x.status} is ${what}; documented success: ${expected}`);
    return false;
  }

  /** The body sits in its envelope and matches the response schema; drift beyond the schema is noted. */
  responseBody(x: Exchange, version: string | undefined): unknown {
    const spec = this.op.response;
    if (!spec) {
      if (x.text.trim() !== '') {
        const shape = isPlainObject(x.json) ? `top-level keys ${JSON.stringify(Object.keys(x.json))}` : x.notJson ? 'a non-JSON body' : jsonType(x.json);
        this.add('body', 'warning', '$', 'no body documented', shape, `the answer has a body the spec does not document (${shape})`);
      }
      return undefined;
    }
    if (x.status === 204 || x.text.trim() === '') {
      this.add('body', 'error', '$', 'a JSON body', 'empty', 'the documented response body is missing');
      return undefined;
    }
    if (x.notJson) {
      this.add('body', 'error', '$', 'JSON', 'not JSON', `the response body is not JSON`);
      return undefined;
    }
    let content: unknown = x.json;
    const prefix: string[] = [];
    if (spec.envelope !== undefined) {
      if (!isPlainObject(x.json) || !hasOwn(x.json, spec.envelope)) {
        const keys = isPlainObject(x.json) ? `top-level keys ${JSON.stringify(Object.keys(x.json))}` : `a JSON ${jsonType(x.json)}`;
        this.add('envelope', 'error', jsonPath([spec.envelope]), `{${JSON.stringify(spec.envelope)}: …}`, keys, `the body is not wrapped in the ${JSON.stringify(spec.envelope)} envelope (got ${keys}) [envelope]`);
        return undefined;
      }
      for (const key of Object.keys(x.json)) {
        if (key === spec.envelope || (spec.linkKeys ?? []).includes(key)) continue;
        this.add('undocumented-field', 'warning', jsonPath([key]), 'not documented', 'present', `${jsonPath([key])}: top-level field beside the envelope is not documented`);
      }
      content = x.json[spec.envelope];
      prefix.push(spec.envelope);
    }
    for (const f of validateAgainst(`${this.op.id}:response`, spec.schema, content, version, prefix)) this.addFinding(f);
    for (const f of shapeDrift(spec.schema, content, version, prefix)) this.addFinding(f);
    return content;
  }

  /** Documented response headers must be present. */
  responseHeaders(x: Exchange, version: string | undefined): void {
    for (const h of this.op.responseHeaders) {
      if (!inRange(version, h.minVersion, h.maxVersion)) continue;
      if (!x.headers.has(h.name)) this.add('header', 'error', h.name, 'present', 'absent', `documented response header ${h.name} is missing`);
    }
  }

  /** An error answer: the expected status, in `{"<name>": {"code": N, "message": "…"}}`. */
  errorAnswer(x: Exchange, expected: number): void {
    if (x.status !== expected) {
      const message = x.status < 400 ? `expected ${expected}, got ${x.status}: the server accepted a request it should refuse` : `expected ${expected}, got ${x.status}`;
      this.add('status', 'error', 'status', String(expected), String(x.status), message);
    }
    if (x.status >= 400) this.errorEnvelope(x);
  }

  private errorEnvelope(x: Exchange): void {
    const shape = '{"<name>": {"code": N, "message": "..."}}';
    if (x.text.trim() === '' || x.notJson) {
      this.add('error-envelope', 'error', '$', shape, x.notJson ? 'not JSON' : 'empty', `the error body is ${x.notJson ? 'not JSON' : 'empty'}; expected ${shape}`);
      return;
    }
    const body = x.json;
    const keys = isPlainObject(body) ? Object.keys(body) : [];
    if (!isPlainObject(body) || keys.length !== 1 || !isPlainObject(body[keys[0]!])) {
      const got = isPlainObject(body) ? `top-level keys ${JSON.stringify(keys)}` : `a JSON ${jsonType(body)}`;
      this.add('error-envelope', 'error', '$', shape, got, `the error is not in an error envelope ${shape} (got ${got})`);
      return;
    }
    const name = keys[0]!;
    const inner = body[name] as Record<string, unknown>;
    // The location is generic (`$.<name>`) so that a known-drift line covers whatever the name is.
    if (inner['code'] !== x.status) {
      const actual = hasOwn(inner, 'code') ? JSON.stringify(inner['code']) : 'absent';
      this.add('error-envelope', 'error', '$.<name>.code', String(x.status), actual, `${jsonPath([name, 'code'])}: must be the status ${x.status}, got ${actual}`);
    }
    if (typeof inner['message'] !== 'string') {
      const actual = hasOwn(inner, 'message') ? jsonType(inner['message']) : 'absent';
      this.add('error-envelope', 'error', '$.<name>.message', 'string', actual, `${jsonPath([name, 'message'])}: must be a string, got ${actual}`);
    }
    const conventional = this.op.errors.find((e) => e.status === x.status)?.name ?? this.options.errorNames[String(x.status)];
    if (conventional !== undefined && name !== conventional) {
      this.add('error-name', this.options.strictErrorNames ? 'error' : 'warning', '$', conventional, name, `error envelope ${JSON.stringify(name)} differs from the conventional ${JSON.stringify(conventional)} for ${x.status}`);
    }
  }
}
