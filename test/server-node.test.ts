/**
 * The node:http adapter of the server runtime, over real sockets on
 * 127.0.0.1: request targets, size limits on streamed uploads, aborted
 * uploads, and that the server keeps serving after each.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRouter } from '../templates/server/runtime/router.ts';
import { listen, type RunningServer } from '../templates/server/runtime/node.ts';
import type { ApiSpec } from '../templates/server/runtime/spec.ts';

const spec: ApiSpec = {
  title: 't',
  operations: [
    {
      id: 'echo',
      method: 'POST',
      path: '/echo',
      params: { path: [], query: [], header: [] },
      request: { schema: { type: 'object' }, required: true },
      response: { schema: { type: 'object' } },
      success: [200],
      errors: {},
    },
    { id: 'ping', method: 'GET', path: '/ping', params: { path: [], query: [], header: [] }, response: { schema: { type: 'object' } }, success: [200], errors: {} },
  ],
};

let server: RunningServer;
beforeAll(async () => {
  const router = createRouter(
    spec,
    {
      echo: (input: { body: unknown }) => ({ status: 200, body: { got: input.body } }),
      ping: (input: { request: Request }) => ({ status: 200, body: { url: input.request.url } }),
    },
    { maxBodyBytes: 1024 },
  );
  server = await listen(router, { port: 0 });
});
afterAll(() => server?.close());

/** Sends raw bytes on a fresh socket and returns everything the server wrote before closing or going idle. */
function raw(request: string | Buffer, options: { endAfterMs?: number } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1');
    let out = '';
    socket.on('data', (d) => {
      out += d.toString('latin1');
      if (/\r\n\r\n/.test(out) && (/content-length: 0\r\n/i.test(out) || /\}$/.test(out))) socket.end();
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(out));
    socket.write(request);
    if (options.endAfterMs !== undefined) setTimeout(() => socket.destroy(), options.endAfterMs);
  });
}

async function stillServing(): Promise<void> {
  const res = await fetch(`${server.url}/ping`);
  expect(res.status).toBe(200);
}

describe('node:http adapter', () => {
  it('prints a usable URL and serves JSON', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${server.url}/echo`, { method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json' } });
    expect(await res.json()).toEqual({ got: { a: 1 } });
    expect(res.headers.get('content-length')).toBe(String('{"got":{"a":1}}'.length));
  });

  it('answers 413 to an upload declared too large, and to one that streams past the limit without a length', async () => {
    const declared = await fetch(`${server.url}/echo`, { method: 'POST', body: `{"a":"${'x'.repeat(2000)}"}` });
    expect(declared.status).toBe(413);
    expect(await declared.json()).toEqual({ overLimit: { code: 413, message: expect.stringMatching(/1024 bytes/) } });
    const chunk = `{"a":"${'x'.repeat(600)}`;
    const chunked = await raw(`POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n${chunk.length.toString(16)}\r\n${chunk}\r\n${chunk.length.toString(16)}\r\n${chunk}\r\n0\r\n\r\n`);
    expect(chunked).toMatch(/^HTTP\/1\.1 413/);
    expect(chunked).toContain('"overLimit"');
    await stillServing();
  });

  it('keeps a request target that starts with // as a path, never as another host', async () => {
    const res = await raw('GET //evil.example/ping HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
    expect(res).toMatch(/^HTTP\/1\.1 404/);
    const hostile = await raw('GET /ping HTTP/1.1\r\nHost: evil.example/../x\r\nConnection: close\r\n\r\n');
    expect(hostile).toMatch(/^HTTP\/1\.1 200/);
    expect(hostile).toContain('"url":"http://localhost/ping"');
  });

  it('routes absolute-form targets by their path', async () => {
    const res = await raw('GET http://proxy.example/ping HTTP/1.1\r\nHost: proxy.example\r\nConnection: close\r\n\r\n');
    expect(res).toMatch(/^HTTP\/1\.1 200/);
  });

  it('survives a client that disappears in the middle of an upload', async () => {
    await raw(`POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 900\r\n\r\n{"a":"${'x'.repeat(100)}`, { endAfterMs: 50 });
    await stillServing();
  });
});
