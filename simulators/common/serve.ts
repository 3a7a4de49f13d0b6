/** Starting and stopping an express app on a port, shared by the platform simulators and the case system. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  /** Stops accepting, lets requests in flight finish (at most `graceMs`), then drops what is left. */
  close(): Promise<void>;
}

export const DEFAULT_HOST = '127.0.0.1';
const DEFAULT_GRACE_MS = 2000;

function urlHost(host: string): string {
  if (host === '0.0.0.0') return DEFAULT_HOST;
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

export function serve(app: Express, port = 0, host = DEFAULT_HOST, graceMs = DEFAULT_GRACE_MS): Promise<RunningServer> {
  const server = createServer(app);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const bound = (server.address() as AddressInfo).port;
      let closing: Promise<void> | null = null;
      resolve({
        url: `http://${urlHost(host)}:${bound}`,
        port: bound,
        close: () => {
          closing ??= new Promise<void>((done) => {
            const force = setTimeout(() => server.closeAllConnections(), graceMs);
            server.close(() => {
              clearTimeout(force);
              done();
            });
            server.closeIdleConnections();
          });
          return closing;
        },
      });
    });
  });
}
