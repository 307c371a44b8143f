import { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { Actor } from '../domain/actors';
import { tooManyRequests } from './errors';

export interface RateLimits {
  /** Requests a minute from one address, counted before authentication (RATE_LIMIT_PER_IP_PER_MINUTE) */
  perIpPerMinute: number;
  /** Requests a minute from one user, or from one address for anonymous calls (RATE_LIMIT_PER_USER_PER_MINUTE) */
  perUserPerMinute: number;
}

/** Load balancers' probes are never limited: a 429 would take a healthy API out of service. */
const probes = new Set(['/healthz', '/readyz']);

/**
 * Counts in this process's memory: behind several API processes each counts its own share, so
 * the limits hold per process (a shared store, e.g. rate-limit-redis, makes them global). Mount
 * under /api/v1. A caller over the limit gets a 429 problem with Retry-After (seconds to the
 * window's end) and the draft-8 RateLimit headers.
 */
function limiter(
  name: string,
  limit: number,
  key: (
    req: Parameters<RequestHandler>[0],
    res: Parameters<RequestHandler>[1],
  ) => { key: string; who: string },
): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit,
    identifier: name,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skip: (req) => probes.has(req.path),
    keyGenerator: (req, res) => key(req, res).key,
    handler: (req, res, next) => next(tooManyRequests(key(req, res).who, limit)),
  });
}

const address = (req: Parameters<RequestHandler>[0]) => ipKeyGenerator(req.ip ?? 'unknown');

/** Before authentication: what one address may send, whoever it claims to be. */
export const perIpLimit = (limits: RateLimits) =>
  limiter('per-ip', limits.perIpPerMinute, (req) => ({
    key: address(req),
    who: `address ${req.ip}`,
  }));

/** After authentication (res.locals.actor): what one user may send; an anonymous call counts against its address. */
export const perUserLimit = (limits: RateLimits) =>
  limiter('per-user', limits.perUserPerMinute, (req, res) => {
    const actor = res.locals.actor as Actor | undefined;
    return actor
      ? { key: `user:${actor.id}`, who: `user ${actor.id}` }
      : { key: `address:${address(req)}`, who: `anonymous caller at ${req.ip}` };
  });
