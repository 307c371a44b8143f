import { once } from 'node:events';
import { AddressInfo } from 'node:net';
import { createApp } from './app';
import { ApiDeps } from './deps';

export interface RunningApi {
  url: string;
  stop(): Promise<void>;
}

/** Listens on the given port (0 in tests) and stops cleanly, closing idle keep-alive sockets. */
export async function startApi(deps: ApiDeps, host: string, port: number): Promise<RunningApi> {
  const server = createApp(deps).listen(port, host);
  await once(server, 'listening');
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${bound}`,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeIdleConnections();
      }),
  };
}
