import { STATUS_CODES } from 'node:http';
import type { Operation } from '../../model/ir.ts';
import { operationTypeNames } from '../naming.ts';
import { addExamples, byMicroversion, examplesJson, JSON_MEDIA, unionOf, wireBody, withExtension } from './bodies.ts';
import { byText, fromEntries, setKey, type JsonObject } from './json.ts';
import type { OperationContext } from './operations.ts';
import { convertSchema, versionExtension } from './schema.ts';

/** The responses of an OpenAPI operation: success bodies and headers per status, shared error responses. */

interface StatusEntry {
  status: string;
  kind: 'success' | 'error';
  description: string;
  errorRef?: JsonObject;
  bodies: { ref: JsonObject; key: string | undefined }[];
  headers: Map<string, JsonObject>;
  examples: Map<string, JsonObject>;
}

function reason(status: number): string {
  return STATUS_CODES[status] ?? (status < 400 ? 'Success' : 'Error');
}

export function buildResponses(ops: Operation[], merged: boolean, ctx: OperationContext): JsonObject {
  const entries = new Map<string, StatusEntry>();
  const entry = (status: string, kind: StatusEntry['kind'], description: string): StatusEntry => {
    let e = entries.get(status);
    if (!e) {
      e = { status, kind, description, bodies: [], headers: new Map(), examples: new Map() };
      entries.set(status, e);
    }
    return e;
  };
  for (const op of ops) {
    const successes = op.responses.filter((r) => r.kind === 'success');
    const codes = successes.length > 0
      ? successes.map((r) => ({ status: String(r.status), description: r.description || reason(r.status), noBody: r.status === 204 || r.status === 304 }))
      : [{ status: '2XX', description: 'Success (the api-ref does not give the status code).', noBody: false }];
    let bodyRef: JsonObject | undefined;
    if (op.response && op.method !== 'HEAD') {
      let schema = wireBody(op.response, `${op.id} response`, ctx.notes);
      if (merged) schema = withExtension(schema, versionExtension(op.minVersion, op.maxVersion));
      bodyRef = ctx.schemas.ref(`${operationTypeNames(op).base}ResponseBody`, schema);
    }
    const withBody = codes.filter((c) => !c.noBody);
    if (op.response && bodyRef && withBody.length === 0) ctx.notes.add(`${op.id}: a response body is documented but every success code is 204/304; the body is left out`);
    for (const c of codes) {
      const e = entry(c.status, 'success', c.description);
      if (bodyRef && !c.noBody) {
        e.bodies.push({ ref: bodyRef, key: op.response?.envelope });
        addExamples(e.examples, op.response!.samples, op, 'response', ctx.notes);
      }
      for (const h of op.responseHeaders) {
        if (e.headers.has(h.name.toLowerCase())) continue;
        const header: JsonObject = {};
        if (h.description) header['description'] = h.description;
        if (h.required) header['required'] = true;
        if (h.deprecated) header['deprecated'] = true;
        header['schema'] = convertSchema(h.schema, `${op.id} response header ${h.name}`, ctx.notes);
        const ext = versionExtension(h.minVersion, h.maxVersion);
        if (ext) header['x-openstack'] = ext;
        e.headers.set(h.name.toLowerCase(), fromEntries([[h.name, header]]));
      }
    }
    for (const r of op.responses.filter((x) => x.kind === 'error')) {
      const e = entry(String(r.status), 'error', r.description || reason(r.status));
      e.errorRef ??= ctx.errors.response(r, r.description || reason(r.status));
    }
  }
  const out: JsonObject = {};
  for (const status of [...entries.keys()].sort(byText)) {
    const e = entries.get(status)!;
    if (e.kind === 'error' && e.errorRef) {
      setKey(out, status, e.errorRef);
      continue;
    }
    const resp: JsonObject = { description: e.description };
    if (e.headers.size > 0) resp['headers'] = fromEntries([...e.headers.values()].map((h) => Object.entries(h)[0]!));
    if (e.bodies.length > 0) {
      const media: JsonObject = { schema: unionOf(e.bodies, byMicroversion(ops) ? 'microversion' : undefined) };
      const ex = examplesJson(e.examples);
      if (ex) media['examples'] = ex;
      resp['content'] = { [JSON_MEDIA]: media };
    }
    setKey(out, status, resp);
  }
  return out;
}
