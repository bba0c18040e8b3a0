/**
 * Runs the in-memory Attachments service on the generated server:
 *
 *   npx tsx examples/attachments-service/main.ts [--port 8776] [--host 127.0.0.1] [--production]
 *
 * `--production` turns off the development check of handler results (as
 * NODE_ENV=production does), which is what a throughput comparison should
 * measure. `startAttachmentsServer` does the same in process.
 */
import { parseArgs } from 'node:util';
import { startServer, type RunningServer } from '../../generated/server.ts';
import { InMemoryAttachments } from './service.ts';

export interface AttachmentsServerOptions {
  port?: number;
  host?: string;
  /** Skip checking handler results against the spec (default: check unless NODE_ENV=production). */
  production?: boolean;
  /** The supported microversion range (default: the spec's, 3.0 to 3.54). */
  minVersion?: string;
  maxVersion?: string;
}

export function startAttachmentsServer(options: AttachmentsServerOptions = {}): Promise<RunningServer> {
  const { production, ...rest } = options;
  return startServer(new InMemoryAttachments(), { ...rest, ...(production ? { validateResponses: false } : {}) });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8776' },
      host: { type: 'string', default: '127.0.0.1' },
      production: { type: 'boolean', default: false },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`attachments-service: --port must be an integer from 0 to 65535\n`);
    process.exitCode = 2;
    return;
  }
  let server: RunningServer;
  try {
    server = await startAttachmentsServer({ port, host: values.host, production: values.production });
  } catch (err) {
    process.stderr.write(`attachments-service: cannot listen on ${values.host}:${port}: ${(err as Error).message}\n`);
    process.exitCode = 2;
    return;
  }
  process.stdout.write(`attachments-service: Block Storage attachments at ${server.url} (microversions ${server.router.microversions?.min ?? '-'} to ${server.router.microversions?.max ?? '-'})\n`);
  const stop = (): void => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
