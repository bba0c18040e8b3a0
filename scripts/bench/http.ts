/**
 * Child process: the two HTTP benches.
 * - client: 10,000 sequential GETs of one attachment through the generated
 *   client against the same requests through a bare `fetch` (same headers,
 *   JSON parsed, envelope unwrapped), both against the bare server process;
 *   interleaved in blocks so that drift hits both alike.
 * - server: requests at a fixed concurrency from this process against the
 *   generated server and against the bare node:http handler, each in its own
 *   process; requests per second.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { VolumeClient } from '../../generated/client.ts';
import { report } from './measure.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const PROJECT = '7a3f0c2e9b1d4e5f8a6b4c3d2e1f0a9b';
const HEADERS = { 'x-auth-token': `admin:${PROJECT}`, 'openstack-api-version': 'volume 3.27', 'content-type': 'application/json' };
const CLIENT_REQUESTS = Number(process.env['APIREF_BENCH_CLIENT_REQUESTS'] ?? 10_000);
const SERVER_REQUESTS = Number(process.env['APIREF_BENCH_SERVER_REQUESTS'] ?? 10_000);
const CONCURRENCY = 32;

async function startTarget(kind: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [join(ROOT, 'bin/run-ts.js'), join(ROOT, 'scripts/bench/server-target.ts'), kind], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
  return { url: line.trim(), child };
}

async function createAttachment(url: string): Promise<string> {
  const res = await fetch(`${url}/v3/${PROJECT}/attachments`, {
    method: 'POST',
    headers: HEADERS,
    body: JSON.stringify({ attachment: { volume_uuid: '5aa119a8-d25b-45a7-8d1b-88e127885635', instance_uuid: 'b0d2a8a4-3e43-4a47-9d8e-3f2e6a8c1b11' } }),
  });
  const body = (await res.json()) as { attachment: { id: string } };
  return body.attachment.id;
}

async function clientBench(): Promise<{ bareMs: number; clientMs: number }> {
  const { url, child } = await startTarget('bare');
  try {
    const id = await createAttachment(url);
    const client = new VolumeClient({ endpoint: url, token: `admin:${PROJECT}`, microversion: '3.27' });
    const bare = async (): Promise<unknown> => {
      const res = await fetch(`${url}/v3/${PROJECT}/attachments/${id}`, { headers: HEADERS });
      if (res.status !== 200) throw new Error(`bare fetch: ${res.status}`);
      return ((await res.json()) as { attachment: unknown }).attachment;
    };
    const typed = (): Promise<unknown> => client.attachments.showDetails({ path: { project_id: PROJECT, attachment_id: id } });
    for (let i = 0; i < 500; i++) {
      await bare();
      await typed();
    }
    let bareMs = 0;
    let clientMs = 0;
    const block = 500;
    for (let done = 0; done < CLIENT_REQUESTS; done += block) {
      let t0 = performance.now();
      for (let i = 0; i < block; i++) await bare();
      bareMs += performance.now() - t0;
      t0 = performance.now();
      for (let i = 0; i < block; i++) await typed();
      clientMs += performance.now() - t0;
    }
    return { bareMs, clientMs };
  } finally {
    child.kill();
  }
}

async function load(url: string, id: string): Promise<number> {
  const target = `${url}/v3/${PROJECT}/attachments/${id}`;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < SERVER_REQUESTS) {
      next++;
      const res = await fetch(target, { headers: HEADERS });
      if (res.status !== 200) throw new Error(`load: ${res.status}`);
      await res.arrayBuffer();
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return (SERVER_REQUESTS / (performance.now() - t0)) * 1000;
}

async function serverBench(kind: string): Promise<number> {
  const { url, child } = await startTarget(kind);
  try {
    const id = await createAttachment(url);
    await load(url, id); // warm-up round
    return await load(url, id);
  } finally {
    child.kill();
  }
}

const { bareMs, clientMs } = await clientBench();
const apirefRps = await serverBench('apiref');
const bareRps = await serverBench('bare');
report({ ms: clientMs, requests: CLIENT_REQUESTS, bareMs, clientMs, apirefRps, bareRps, concurrency: CONCURRENCY, serverRequests: SERVER_REQUESTS });
