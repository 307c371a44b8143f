import pino, { DestinationStream, Logger, LoggerOptions } from 'pino';
import { maskAddress, maskName, maskPhone } from '../domain/privacy/masks';

export type { Logger } from 'pino';

/**
 * Where residents' names and numbers sit in what gets logged: a request's requester (its
 * submission, a request body, a state), a pairing's households. Redaction paths name their depth,
 * so each is also tried under up to three enclosing objects (`body.`, `state.submission.`,
 * `input.state.submission.`); free text (a title, a note) is the writer's to keep clean.
 */
const personal: { tail: string; mask: (value: string) => string }[] = [
  { tail: 'requester.name', mask: maskName },
  { tail: 'requester.phone', mask: maskPhone },
  { tail: 'requester.address', mask: maskAddress },
  { tail: 'households.*.name', mask: maskName },
];
const depths = ['', '*.', '*.*.', '*.*.*.'];

export const redactedPaths = personal.flatMap(({ tail }) => depths.map((prefix) => prefix + tail));

function censor(value: unknown, path: string[]): unknown {
  if (typeof value !== 'string') return value === undefined ? undefined : '[redacted]';
  const field = path[path.length - 1];
  return (personal.find(({ tail }) => tail.endsWith(`.${field}`))?.mask ?? maskName)(value);
}

export interface LogOptions {
  /** pino's levels; 'silent' for tests that do not read logs */
  level?: LoggerOptions['level'];
  /** stdout unless given (tests capture lines here) */
  destination?: DestinationStream;
}

/** One JSON object a line on stdout, for whatever collects the process's output; personal data masked. */
export function createLogger({ level = 'info', destination }: LogOptions = {}): Logger {
  const options: LoggerOptions = {
    level,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
    redact: { paths: redactedPaths, censor },
  };
  return destination ? pino(options, destination) : pino(options);
}
