import { Logger as TemporalLogger, LogLevel, LogMetadata } from '@temporalio/common';
import { Logger } from '../common/log';

const pinoLevel = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const;

/**
 * The SDK's logger interface over pino, so the SDK's own lines, forwarded Core lines and the
 * workflow and activity context loggers come out as JSON like the app's. The metadata the SDK
 * composes (workflowId, runId, activityType, taskQueue…) become fields of the line.
 */
export function temporalLogger(log: Logger): TemporalLogger {
  const write = (level: LogLevel, message: string, meta: LogMetadata = {}) =>
    log[pinoLevel[level]](meta, message);
  return {
    log: write,
    trace: (message, meta) => write('TRACE', message, meta),
    debug: (message, meta) => write('DEBUG', message, meta),
    info: (message, meta) => write('INFO', message, meta),
    warn: (message, meta) => write('WARN', message, meta),
    error: (message, meta) => write('ERROR', message, meta),
  };
}
