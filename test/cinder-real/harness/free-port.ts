import { createServer } from 'node:net';

/**
 * A TCP port on 127.0.0.1 that nothing listens on right now: the kernel picks
 * it (listen on port 0), we close the socket and hand the number on. Another
 * process can still take it before cinder binds it; the caller retries on
 * that (see startCinder).
 */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error('could not read the port the kernel picked'));
        return;
      }
      server.close(() => resolvePort(address.port));
    });
  });
}
