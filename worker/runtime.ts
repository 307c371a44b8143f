import { Runtime } from '@temporalio/worker';
import { Logger } from '../common/log';
import { temporalLogger } from './temporalLogger';

export interface WorkerTelemetry {
  log: Logger;
  /** host:port where the SDK serves its own Prometheus metrics (task slots, pollers, schedule-to-start latencies) at /metrics */
  sdkMetricsAddress: string;
}

/**
 * Once per process, before the first connection to Temporal. Core's own lines are forwarded to
 * the same JSON logger instead of being printed by Rust in its own format; durations are in
 * seconds, as Prometheus expects (the SDK's default is milliseconds).
 */
export function installWorkerRuntime({ log, sdkMetricsAddress }: WorkerTelemetry): void {
  Runtime.install({
    logger: temporalLogger(log),
    telemetryOptions: {
      logging: { filter: { core: 'WARN', other: 'ERROR' }, forward: {} },
      metrics: { prometheus: { bindAddress: sdkMetricsAddress, useSecondsForDurations: true } },
    },
  });
}
