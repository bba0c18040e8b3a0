import type { Body, JsonSchema, JsonType, Operation, Sample, Severity } from '../../model/ir.ts';
import type { ParameterDefinition } from '../../frontend/yaml/parameters.ts';
import type { Finding, LintContext } from '../context.ts';
import { SampleLocator } from '../sample-locator.ts';

/**
 * Samples against the documented body: every JSON request and response
 * sample of an operation is walked alongside the schema the stanzas built.
 *
 * - a key the stanzas do not document is APIREF-SAMPLE-KEY-UNDOCUMENTED. The
 *   model fills fields documented only as `object` (or `array`) with members
 *   inferred from the samples (`x-inferred`); those members were seen, not
 *   documented, so they count as undocumented too, but as APIREF-SAMPLE-KEY-OPEN
 *   at info level: the author declared the field free-form (a `metadata` map,
 *   a driver-specific `connector`), which is a choice, not an omission;
 * - a key documented as required that a sample object lacks is
 *   APIREF-SAMPLE-REQUIRED-MISSING (not for keys bounded by a microversion:
 *   a sample shows one version, and which one is not written down);
 * - a value of another type than documented is APIREF-SAMPLE-TYPE-MISMATCH
 *   (an integer passes for a number), and a null where the type does not allow
 *   null is APIREF-SAMPLE-NULL;
 * - a sample with a body for an operation that documents no body parameters
 *   on that side is one APIREF-SAMPLE-BODY-UNDOCUMENTED, not a finding per key.
 *
 * An undocumented or mistyped value is not walked further: its members would
 * only repeat the same finding.
 */
export function sampleChecks(ctx: LintContext): Finding[] {
  const findings: Finding[] = [];
  const locator = new SampleLocator(ctx.pathBase);
  const defs = definitionsByKey(ctx);
  for (const op of ctx.model.operations) {
    for (const role of ['request', 'response'] as const) {
      const body = role === 'request' ? op.request : op.response;
      if (!body) continue;
      for (const sample of body.samples) {
        if (sample.value === undefined) continue;
        if (body.fields.length === 0) {
          if (!isEmpty(sample.value)) {
            findings.push({
              severity: 'warning',
              code: 'APIREF-SAMPLE-BODY-UNDOCUMENTED',
              message: `${role} sample ${sample.file ?? '(inline)'} of ${op.id} shows a body, but no ${role} body parameters are documented`,
              file: sample.source.file,
              line: sample.source.line,
            });
          }
          continue;
        }
        const walker = new SampleWalker(op, role, sample, locator, defs, findings);
        walker.walk(sample.value, bodyRoot(body), []);
        walker.finish();
      }
    }
  }
  return findings;
}

/** A path into a sample: object keys and array indexes. */
type Segment = string | number;

/** A path with array indexes folded: `links[0].href` and `links[1].href` are one place. */
function normalize(path: Segment[]): string {
  return path.map((s) => (typeof s === 'number' ? '[]' : s)).join('\u0000');
}

/** A documented field whose content the model filled from the samples. */
interface Owner {
  lookup: string;
  path: Segment[];
}

class SampleWalker {
  private readonly reported = new Set<string>();
  private readonly open = new Map<string, { owner: Owner; keys: Set<string>; first: Segment[] }>();

  constructor(
    private readonly op: Operation,
    private readonly role: 'request' | 'response',
    private readonly sample: Sample,
    private readonly locator: SampleLocator,
    private readonly defs: Map<string, ParameterDefinition>,
    private readonly findings: Finding[],
  ) {}

  /**
   * `owner` is the documented field whose content the model left open and
   * filled from the samples (`connector: object`, `links: array`): keys below
   * it are reported against it.
   */
  walk(value: unknown, schema: JsonSchema, path: Segment[], owner?: Owner): void {
    if (path.length > 64) return;
    const branch = pickBranch(schema, value);
    if (!schema['x-inferred'] && !this.typeMatches(value, branch, path)) return;
    const lookup = branch['x-lookup-key'];
    if (Array.isArray(value)) {
      const items = branch.items;
      const itemOwner = items?.['x-inferred'] && lookup && !branch['x-inferred'] ? { lookup, path } : owner;
      if (items) value.forEach((v, i) => this.walk(v, items, [...path, i], itemOwner));
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    const props = branch.properties ?? {};
    const extra = typeof branch.additionalProperties === 'object' ? branch.additionalProperties : undefined;
    const openOwner = lookup && !branch['x-inferred'] ? { lookup, path } : owner;
    for (const [key, child] of Object.entries(record)) {
      const documented = Object.hasOwn(props, key) ? props[key] : undefined;
      if (documented && !documented['x-inferred']) this.walk(child, documented, [...path, key]);
      else if (extra) this.walk(child, extra, [...path, key]);
      else if (documented || branch['x-inferred']) this.undocumented([...path, key], openOwner);
      else this.undocumented([...path, key], undefined);
    }
    for (const key of branch.required ?? []) {
      if (Object.hasOwn(record, key)) continue;
      const member = props[key];
      if (member?.['x-min-version'] || member?.['x-max-version'] || member?.['x-inferred']) continue;
      const memberKey = member?.['x-lookup-key'];
      const message = `${this.role} sample ${this.where(path)} of ${this.op.id} lacks "${key}", documented as required${memberKey ? ` (${this.defAt(memberKey)})` : ''}`;
      this.report('APIREF-SAMPLE-REQUIRED-MISSING', message, path, 'warning', key);
    }
  }

  /** False (and a finding) when the value is not of a type the schema allows. */
  private typeMatches(value: unknown, schema: JsonSchema, path: Segment[]): boolean {
    const allowed = allowedTypes(schema);
    if (!allowed) return true;
    const actual = typeOf(value);
    if (typeAllows(allowed, actual)) return true;
    const lookup = schema['x-lookup-key'];
    const documented = (lookup ? this.defs.get(lookup)?.type : undefined) ?? [...allowed].join(' or ');
    const subject = lookup ? `"${lookup}" is documented as ${documented}` : `the documented type is ${documented}`;
    // A null where the type has no null is the commonest mismatch by far (parameters.yaml
    // rarely says `string or null`); its own code lets it be counted and fixed apart.
    const code = actual === 'null' ? 'APIREF-SAMPLE-NULL' : 'APIREF-SAMPLE-TYPE-MISMATCH';
    this.report(code, `${this.role} sample value ${this.where(path)} of ${this.op.id} is ${actual}, but ${subject}${lookup ? ` (${this.defAt(lookup)})` : ''}`, path);
    return false;
  }

  /**
   * A key the schema has no documented place for. Inside a field documented
   * only as `object` or `array` (its members inferred from the samples) the
   * author has declared the content free-form, so the key is noted at info
   * level (APIREF-SAMPLE-KEY-OPEN); elsewhere it is a warning.
   */
  private undocumented(path: Segment[], owner: Owner | undefined): void {
    if (owner) {
      const place = normalize(owner.path);
      const group = this.open.get(place) ?? { owner, keys: new Set<string>(), first: path };
      group.keys.add(String(path[path.length - 1]));
      this.open.set(place, group);
      return;
    }
    this.report('APIREF-SAMPLE-KEY-UNDOCUMENTED', `${this.role} sample key ${this.where(path)} of ${this.op.id} is not documented in its ${this.role} parameters`, path);
  }

  /** The open fields' keys, one finding per field and sample (at its first key), not one per key. */
  finish(): void {
    for (const { owner, keys, first } of this.open.values()) {
      const type = this.defs.get(owner.lookup)?.type ?? 'a container';
      const list = [...keys];
      const shown = list.slice(0, 8).map((k) => `"${k}"`).join(', ') + (list.length > 8 ? ` and ${list.length - 8} more` : '');
      this.report(
        'APIREF-SAMPLE-KEY-OPEN',
        `${this.role} sample of ${this.op.id} shows ${shown} in ${this.where(owner.path)}, which "${owner.lookup}" documents as ${type}, without its members`,
        first,
        'info',
      );
    }
    this.open.clear();
  }

  /**
   * Each place of the schema is reported once per sample: `links[0].href` and
   * `links[1].href` are one finding. `detail` tells apart findings at one
   * place (two required keys missing from one object).
   */
  private report(code: string, message: string, path: Segment[], severity: Severity = 'warning', detail = ''): void {
    const place = `${code}|${normalize(path)}|${detail}`;
    if (this.reported.has(place)) return;
    this.reported.add(place);
    const at = this.locator.locate(this.sample, path);
    this.findings.push({ severity, code, message, file: at.file, line: at.line });
  }

  /** `attachment.connector.ip`, `attachments[0].id`; the body itself is `(body)`. */
  private where(path: Segment[]): string {
    if (path.length === 0) return '(body)';
    let out = '';
    for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : `${out ? '.' : ''}${seg}`;
    return `"${out}"`;
  }

  private defAt(lookup: string): string {
    const def = this.defs.get(lookup);
    return def ? `${def.source.file}:${def.source.line}` : `lookup key ${lookup}`;
  }
}

/**
 * The schema of the whole wire body. The model keeps the envelope's content
 * (`body.schema`) apart from the envelope key; keys documented beside the
 * envelope (`attachments_links`) are body fields one segment deep.
 */
function bodyRoot(body: Body): JsonSchema {
  if (!body.envelope) return body.schema;
  const properties: Record<string, JsonSchema> = { [body.envelope]: body.schema };
  const required: string[] = [];
  for (const f of body.fields) {
    if (f.path.length !== 1) continue;
    const name = f.path[0]!;
    if (name === body.envelope) {
      if (f.required) required.push(name);
      continue;
    }
    properties[name] = { ...f.schema, 'x-lookup-key': f.key };
    if (f.required && !f.minVersion && !f.maxVersion) required.push(name);
  }
  return { type: 'object', properties, required };
}

/** For `anyOf` (`string or object`), the branch the value's type selects, to walk into. */
function pickBranch(schema: JsonSchema, value: unknown): JsonSchema {
  if (!schema.anyOf) return schema;
  const actual = typeOf(value);
  const branch = schema.anyOf.find((b) => {
    const t = allowedTypes(b);
    return !t || typeAllows(t, actual);
  });
  if (!branch) return schema;
  // The lookup key sits on the parent; keep it so a mismatch below can name it.
  const lookup = schema['x-lookup-key'] ?? branch['x-lookup-key'];
  return lookup === undefined ? branch : { ...branch, 'x-lookup-key': lookup };
}

/** The types a schema allows; undefined when it does not say (open: anything goes). */
function allowedTypes(schema: JsonSchema): Set<JsonType> | undefined {
  if (schema.anyOf) {
    const all = new Set<JsonType>();
    for (const b of schema.anyOf) {
      const t = allowedTypes(b);
      if (!t) return undefined;
      for (const x of t) all.add(x);
    }
    return all;
  }
  if (schema.type === undefined) return undefined;
  return new Set(Array.isArray(schema.type) ? schema.type : [schema.type]);
}

function typeAllows(allowed: Set<JsonType>, actual: JsonType): boolean {
  return allowed.has(actual) || (actual === 'integer' && allowed.has('number'));
}

function typeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  return 'object';
}

function isEmpty(value: unknown): boolean {
  if (value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value as object).length === 0;
}

/** Every lookup key of the spec's parameter files; the first file that defines a key wins. */
function definitionsByKey(ctx: LintContext): Map<string, ParameterDefinition> {
  const out = new Map<string, ParameterDefinition>();
  for (const file of ctx.trace.parameterFiles) for (const [key, def] of file.defs) if (!out.has(key)) out.set(key, def);
  return out;
}
