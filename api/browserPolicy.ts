import cors from 'cors';
import helmet from 'helmet';
import { RequestHandler } from 'express';
import { ConsoleSignIn } from '../identity/consoleSignIn';

/**
 * What browsers are told. Security headers (helmet's defaults: a same-origin content security
 * policy, no sniffing, no framing, HSTS, no referrer) on every answer; cross-origin reads only
 * for the console's origins, none by default (the console is served by the API, same origin).
 * A console signing in through the office's OIDC provider reads its discovery document, keys and
 * token endpoint from the page: the provider's origin, and only it, is added to `connect-src`.
 */
export function browserPolicy(consoleOrigins: readonly string[], signIn: ConsoleSignIn): RequestHandler[] {
  const provider = signIn.mode === 'oidc' ? [new URL(signIn.issuer).origin] : [];
  return [
    helmet({ contentSecurityPolicy: { directives: { connectSrc: ["'self'", ...provider] } } }),
    cors({
      origin: (origin, grant) => grant(null, origin !== undefined && consoleOrigins.includes(origin)),
      credentials: true,
      maxAge: 600,
    }),
  ];
}
