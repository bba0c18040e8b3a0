/**
 * Serving a Fetch API router with `node:http`. The body is read here, within
 * the router's limit: past limit + 1 bytes the rest of an upload is discarded
 * rather than buffered, and the router answers 413.
 *
 * The node types used are declared structurally below, so this file
 * type-checks without `@types/node` (as the rest of the generated code does).
 */
// @ts-ignore -- resolved at run time by Node, Bun and Deno; typed by NodeHttp below.
import * as nodeHttp from 'node:http';
import type { Router } from './router.js';
import { knownBodyText } from './errors.js';

/** The parts of `http.IncomingMessage` used here. */
export interface NodeRequest {
  method?: string | undefined;
  url?: string | undefined;
  headers: Record<string, string | string[] | undefined>;
  rawHeaders: string[];
  on(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  on(event: 'error', listener: (err: unknown) => void): unknown;
  off(event: string, listener: (...args: never[]) => void): unknown;
  resume(): unknown;
}

/** The parts of `http.ServerResponse` used here. */
export interface NodeResponse {
  headersSent: boolean;
  writeHead(status: number, headers: Record<string, string>): unknown;
  end(body?: Uint8Array | string): unknown;
}

/** The parts of `http.Server` used here. */
export interface NodeServer {
  listen(port: number, host: string, callback: () => void): unknown;
  close(callback: (err?: Error) => void): unknown;
  closeIdleConnections?(): void;
  address(): { port: number } | string | null;
  once(event: 'error', listener: (err: Error) => void): unknown;
  off(event: 'error', listener: (err: Error) => void): unknown;
}

type NodeListener = (req: NodeRequest, res: NodeResponse) => void;
const http = nodeHttp as unknown as { createServer(listener: NodeListener): NodeServer };

/** A `node:http` request listener for a router. */
export function nodeListener(router: Router): NodeListener {
  return (req, res) => {
    void serveOne(router, req, res).catch((err: unknown) => {
      // Only reachable when the socket failed under us (the router itself never throws).
      // A client that went away mid-upload is routine, not worth a log line.
      const aborted = err instanceof Error && (err.message === 'aborted' || (err as { code?: unknown }).code === 'ECONNRESET');
      if (!aborted) console.error(`apiref server: ${String(err)}`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ computeFault: { code: 500, message: 'Internal server error.' } }));
    });
  };
}

/** A `node:http` server (not yet listening) for a router. */
export function createNodeServer(router: Router): NodeServer {
  return http.createServer(nodeListener(router));
}

export interface RunningServer {
  /** `http://127.0.0.1:PORT`, the address actually bound (port 0 picks a free one). */
  url: string;
  port: number;
  server: NodeServer;
  router: Router;
  /** Stops accepting connections, closes idle keep-alive ones, and resolves when done. */
  close(): Promise<void>;
}

/** Starts serving a router on `host:port` (default 127.0.0.1, and a free port). */
export async function listen(router: Router, options: { port?: number; host?: string } = {}): Promise<RunningServer> {
  const server = createNodeServer(router);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    server,
    router,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeIdleConnections?.();
      }),
  };
}

const encoder = new TextEncoder();

const SAFE_HOST = /^[A-Za-z0-9.\-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

async function serveOne(router: Router, req: NodeRequest, res: NodeResponse): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  // Only the path comes from the request line; `//host/x` must stay a path, never become an authority.
  const hostHeader = req.headers['host'];
  const host = typeof hostHeader === 'string' && SAFE_HOST.test(hostHeader) ? hostHeader : 'localhost';
  const target = req.url ?? '/';
  const url = target.startsWith('/') ? `http://${host}${target}` : /^https?:\/\//i.test(target) ? target : undefined;
  if (url === undefined || !URL.canParse(url)) {
    res.writeHead(400, { 'content-type': 'application/json', connection: 'close' });
    res.end(JSON.stringify({ badRequest: { code: 400, message: 'Malformed request target.' } }));
    return;
  }
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    try {
      headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
    } catch {
      // a header Headers refuses (invalid characters): node already accepted it, the router never needs it
    }
  }
  const body = method === 'GET' || method === 'HEAD' ? undefined : await readLimited(req, router.maxBodyBytes + 1);
  const request = new Request(url, { method, headers, ...(body && body.byteLength > 0 ? { body } : {}) });
  const response = await router.fetch(request);
  const out: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    out[key] = value;
  });
  const known = knownBodyText(response);
  const payload = known !== undefined ? encoder.encode(known) : response.body === null ? undefined : new Uint8Array(await response.arrayBuffer());
  if (payload !== undefined) out['content-length'] = String(payload.byteLength);
  res.writeHead(response.status, out);
  res.end(payload);
}

/** Reads up to `max` bytes of the request body, then stops reading. */
function readLimited(req: NodeRequest, max: number): Promise<Uint8Array<ArrayBuffer>> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let total = 0;
    const done = (): void => {
      req.off('data', onData);
      req.off('end', done);
      req.off('error', reject);
      const bytes = new Uint8Array(Math.min(total, max));
      let at = 0;
      for (const c of chunks) {
        if (at >= bytes.byteLength) break;
        bytes.set(c.subarray(0, bytes.byteLength - at), at);
        at += c.byteLength;
      }
      resolve(bytes);
    };
    const onData = (chunk: Uint8Array): void => {
      chunks.push(chunk);
      total += chunk.byteLength;
      if (total >= max) {
        done();
        // Over the limit: the rest of the upload is discarded as it arrives (not
        // buffered), so the client still reads the 413 on a healthy connection.
        req.resume();
      }
    };
    req.on('data', onData);
    req.on('end', done);
    req.on('error', reject);
    // A client that aborts after we stopped listening must not crash the process.
    req.on('error', () => undefined);
  });
}
