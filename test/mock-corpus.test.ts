/**
 * `apiref mock` for every API of the corpus: the mock starts (in process, on
 * port 0), and every GET operation that has a response sample answers with its
 * documented success status and exactly its sample.
 */
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../generator/model/build.ts';
import type { ApiModel, Operation } from '../generator/model/ir.ts';
import { startMock } from '../generator/mock/mock-server.ts';
import { defaultVersionRange } from '../generator/emitters/server/route-spec.ts';
import { OPERATION_HEADER } from '../generator/mock/handlers.ts';
import { responseSample, successStatus } from '../generator/mock/sample-values.ts';
import { corpus } from './helpers/corpus.ts';
import { exampleHeaders, exampleUrl } from './support/mock-requests.ts';

/** Operations that share a method and a path template with `op` (the router cannot tell them apart). */
function sameRoute(model: ApiModel, op: Operation): Operation[] {
  const shape = (o: Operation): string => `${o.method} ${o.path.replace(/\{[^{}]*\}/g, '{}').replace(/\/$/, '')}`;
  return model.operations.filter((o) => shape(o) === shape(op));
}

/** The sample as the mock should serve it: absolute URLs under link keys (`href`, `self`, `next`…) on the mock's origin. */
function pointLinksAt(value: unknown, origin: string): unknown {
  if (Array.isArray(value)) return value.map((v) => pointLinksAt(v, origin));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const link = ['href', 'self', 'next', 'previous', 'first', 'last'].includes(k) && typeof v === 'string' && /^https?:\/\//i.test(v);
    Object.defineProperty(out, k, { value: link ? origin + v.replace(/^https?:\/\/[^/?#]*/i, '') : pointLinksAt(v, origin), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

describe.skipIf(!corpus)('apiref mock answers every GET of the corpus from its samples', () => {
  for (const api of corpus ?? []) {
    it(`${api.name}`, async () => {
      const model = buildModel(api.entry, {
        ...(api.serviceType ? { serviceType: api.serviceType } : {}),
        ...(api.microversionHeader ? { microversionHeader: api.microversionHeader } : {}),
      });
      const mock = await startMock(model, {
        port: 0,
        ...(api.serviceType ? { serviceType: api.serviceType } : {}),
        ...(api.microversionHeader ? { microversionHeader: api.microversionHeader } : {}),
      });
      try {
        const versions = mock.router.microversions;
        // Negotiation needs a header (named by the manifest) and versions in the document.
        expect(versions !== undefined).toBe(api.microversionHeader !== undefined && defaultVersionRange(model) !== undefined);

        const gets = model.operations.filter((op) => op.method === 'GET' && responseSample(op) !== undefined);
        expect(gets.length).toBeGreaterThan(0);
        const failures: string[] = [];
        for (const op of gets) {
          const headers = exampleHeaders(op);
          // The operation's own microversion: its minimum, else its maximum, else the newest.
          if (versions) headers[versions.header] = `${api.serviceType ?? ''} ${op.minVersion ?? op.maxVersion ?? versions.max}`.trim();
          const url = exampleUrl(op, mock.url);
          const res = await fetch(url, { headers });
          const text = await res.text();
          // Documents that list one path twice leave the router a choice: it must be one of them, answering with its own sample.
          const answeredBy = model.operations.find((o) => o.id === res.headers.get(OPERATION_HEADER));
          const expected = answeredBy && sameRoute(model, op).includes(answeredBy) && responseSample(answeredBy) ? answeredBy : op;
          let body: unknown = text;
          try {
            body = text === '' ? undefined : JSON.parse(text);
          } catch {
            // not JSON: compared as text, and reported
          }
          // Links the sample writes to the documentation's host point at the mock itself.
          const sample = pointLinksAt(structuredClone(responseSample(expected)!.value), new URL(mock.url).origin);
          const status = successStatus(expected);
          const wantBody = status === 204 ? undefined : sample;
          if (res.status !== status || !isDeepStrictEqual(body, wantBody)) {
            failures.push(`${op.id} GET ${url}: got ${res.status} ${text.slice(0, 160)}, expected ${status} and the sample of ${expected.id}`);
          }
        }
        expect(failures).toEqual([]);
      } finally {
        await mock.close();
      }
    });
  }

  it('points the links of its samples at itself (the version document of nova)', async () => {
    const nova = corpus!.find((a) => a.name === 'nova');
    if (!nova) return;
    const mock = await startMock(buildModel(nova.entry, { serviceType: 'compute' }), { port: 0, serviceType: 'compute' });
    try {
      const doc = (await (await fetch(`${mock.url}/`)).json()) as { versions: { links: { href: string }[] }[] };
      const hrefs = doc.versions.flatMap((v) => v.links.map((l) => l.href));
      expect(hrefs.length).toBeGreaterThan(0);
      for (const href of hrefs) expect(href.startsWith(`${new URL(mock.url).origin}/`)).toBe(true);
    } finally {
      await mock.close();
    }
  });
});
