import { once } from 'node:events';
import { AddressInfo } from 'node:net';
import { ActionLogAppender } from '../audit/actionLog/store';
import { createApp } from './app';
import { ApiDeps } from './deps';

export interface RunningApi {
  url: string;
  stop(): Promise<void>;
}

/**
 * Listens on the given port (0 in tests) and drains the action-log outbox meanwhile. Stops
 * cleanly: answers what is in flight, closes idle keep-alive sockets, then moves what it can of
 * the outbox into the log (what it cannot waits on disk for the next start).
 */
export async function startApi(deps: ApiDeps, host: string, port: number): Promise<RunningApi> {
  const server = createApp(deps).listen(port, host);
  // The client, not the API, closes an idle keep-alive socket: a server closing one at Node's 5 s
  // races a client reusing it (an ECONNRESET on a busy machine), and proxies in front keep theirs
  // for 60 s. Headers must still arrive within a second more than that.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await once(server, 'listening');
  const { port: bound } = server.address() as AddressInfo;
  const draining = new AbortController();
  const appender = new ActionLogAppender(deps.actionLog);
  const drained = deps.actionLogOutbox.drain(appender, draining.signal, (err) =>
    deps.log.warn({ err }, 'action log: outbox not drained; retrying'),
  );
  return {
    url: `http://${host}:${bound}`,
    async stop() {
      await new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeIdleConnections();
      });
      draining.abort();
      await drained;
      await deps.actionLogOutbox.drainOnce(appender).catch(() => undefined);
    },
  };
}
