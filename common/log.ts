import pino, { DestinationStream, Logger, LoggerOptions } from 'pino';

export type { Logger } from 'pino';

/** 张三 → 张*, 欧阳娜娜 → 欧***, a one-character name → *: enough for a colleague to recognise a case, not to identify a resident. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  return chars.length > 1 ? chars[0] + '*'.repeat(chars.length - 1) : '*';
}

/** 13812345678 → 138****5678, as Chinese services print numbers; a short number keeps nothing but its last two digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length >= 8) return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
  return `${'*'.repeat(Math.max(0, digits.length - 2))}${digits.slice(-2)}`;
}

/**
 * Where residents' names and numbers sit in what gets logged: a request's requester (its
 * submission, a request body, a state), a pairing's households. Redaction paths name their depth,
 * so each is also tried under up to three enclosing objects (`body.`, `state.submission.`,
 * `input.state.submission.`); free text (a title, a note) is the writer's to keep clean.
 */
const personal: { tail: string; mask: (value: string) => string }[] = [
  { tail: 'requester.name', mask: maskName },
  { tail: 'requester.phone', mask: maskPhone },
  { tail: 'households.*.name', mask: maskName },
];
const depths = ['', '*.', '*.*.', '*.*.*.'];

export const redactedPaths = personal.flatMap(({ tail }) => depths.map((prefix) => prefix + tail));

function censor(value: unknown, path: string[]): unknown {
  if (typeof value !== 'string') return value === undefined ? undefined : '[redacted]';
  const field = path[path.length - 1];
  return field === 'phone' ? maskPhone(value) : maskName(value);
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
