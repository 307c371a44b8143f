import { Request, RequestHandler, Response } from 'express';

/**
 * Routers mounted under a path leave `req.baseUrl` only while they run; an error passed on from a
 * route resets it before the answer is written. So each mounted router notes its base first.
 */
export const markRouteBase: RequestHandler = (req, res, next) => {
  res.locals.routeBase = req.baseUrl;
  next();
};

/** The route pattern that answered (`/api/v1/requests/:id/dispatch`), never the path itself: a few dozen values at most. */
export function routeLabel(req: Request, res: Response): string {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string'
    ? `${(res.locals.routeBase as string | undefined) ?? ''}${path}`
    : 'unmatched';
}
