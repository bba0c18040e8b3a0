/**
 * A server process for the HTTP benches: `apiref` (the generated server with
 * the in-memory Attachments service, development checks off) or `bare` (a
 * plain node:http handler doing the same work by hand: route match, JSON in
 * and out, envelope, microversion echo). Prints its URL on stdout.
 */
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { startAttachmentsServer } from '../../examples/attachments-service/main.ts';

const kind = process.argv[2] ?? 'bare';

if (kind === 'apiref') {
  const server = await startAttachmentsServer({ port: 0, host: '127.0.0.1', production: true });
  process.stdout.write(`${server.url}\n`);
} else {
  const store = new Map<string, Record<string, unknown>>();
  const ROUTE = /^\/v3\/([0-9a-f-]+)\/attachments(?:\/([^/]+))?$/;
  const server = createServer((req, res) => {
    const m = ROUTE.exec((req.url ?? '').split('?')[0]!);
    const send = (status: number, body: unknown): void => {
      const text = JSON.stringify(body);
      res.writeHead(status, { 'content-type': 'application/json', 'openstack-api-version': String(req.headers['openstack-api-version'] ?? 'volume 3.27'), vary: 'OpenStack-API-Version' });
      res.end(text);
    };
    if (!m) return send(404, { itemNotFound: { code: 404, message: 'not found' } });
    if (req.method === 'GET' && m[2]) {
      const a = store.get(m[2]);
      return a ? send(200, { attachment: a }) : send(404, { itemNotFound: { code: 404, message: 'not found' } });
    }
    if (req.method === 'POST' && !m[2]) {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        let body: { attachment?: { volume_uuid?: unknown; instance_uuid?: unknown } };
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
        } catch {
          return send(400, { badRequest: { code: 400, message: 'malformed JSON' } });
        }
        if (typeof body.attachment?.volume_uuid !== 'string') return send(400, { badRequest: { code: 400, message: 'volume_uuid' } });
        const id = randomUUID();
        const a = { id, status: 'reserved', instance: body.attachment.instance_uuid ?? null, volume_id: body.attachment.volume_uuid, attached_at: '', detached_at: '', attach_mode: 'null', connection_info: {} };
        store.set(id, a);
        send(200, { attachment: a });
      });
      return;
    }
    send(405, { badMethod: { code: 405, message: 'method not allowed' } });
  });
  server.listen(0, '127.0.0.1', () => {
    const addr = server.address();
    process.stdout.write(`http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}\n`);
  });
}
