import cors from 'cors';
import helmet from 'helmet';
import { RequestHandler } from 'express';

/**
 * What browsers are told. Security headers (helmet's defaults: a same-origin content security
 * policy, no sniffing, no framing, HSTS, no referrer) on every answer; cross-origin reads only
 * for the console's origins, none by default (the console is served by the API, same origin).
 */
export function browserPolicy(consoleOrigins: readonly string[]): RequestHandler[] {
  return [
    helmet(),
    cors({
      origin: (origin, grant) => grant(null, origin !== undefined && consoleOrigins.includes(origin)),
      credentials: true,
      maxAge: 600,
    }),
  ];
}
