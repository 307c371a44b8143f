import { DefaultLogger, Runtime } from '@temporalio/worker';

/**
 * For processes that replay but do not run a worker (the API, the CLI): replay workers log their
 * every state change at INFO, which is noise there; warnings and errors still show.
 */
export function installQuietRuntime(): void {
  Runtime.install({
    logger: new DefaultLogger('WARN'),
    telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' }, forward: {} } },
  });
}
