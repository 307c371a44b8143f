import { once } from 'node:events';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { Registry } from 'prom-client';

export interface MetricsEndpoint {
  url: string;
  close(): Promise<void>;
}

/**
 * The worker's app metrics at http://<address>/metrics, beside the SDK's endpoint, which Core
 * serves from Rust with only what goes through the SDK's own meter: a prom-client registry cannot
 * be added to it, and tests read this one apart. Prometheus scrapes both.
 */
export async function serveMetrics(registry: Registry, address: string): Promise<MetricsEndpoint> {
  const [host, port] = splitAddress(address);
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') return void res.writeHead(404).end();
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      (err: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(err.message),
    );
  });
  server.listen(port, host);
  await once(server, 'listening');
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${bound}/metrics`,
    close: () =>
      new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}

function splitAddress(address: string): [string, number] {
  const colon = address.lastIndexOf(':');
  return [address.slice(0, colon), Number(address.slice(colon + 1))];
}
