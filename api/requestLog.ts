import { RequestHandler, Response } from 'express';
import { Logger } from '../common/log';
import { requestIdOf } from './requestId';
import { routeLabel } from './routeLabel';

/** The verified caller, when there is one. */
function actorOf(res: Response) {
  return res.locals.actor as { id: string; role: string; unit: string } | undefined;
}

/**
 * One access line per request once it is answered (or the caller went away), and a logger for
 * the request that names its id: what a handler logs can be joined to the line and to the
 * action log. Mounted right after the request id.
 */
export function logRequests(log: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const requestLog = log.child({ requestId: requestIdOf(res) });
    res.locals.log = requestLog;
    let logged = false;
    const done = () => {
      if (logged) return;
      logged = true;
      const line = {
        method: req.method,
        route: routeLabel(req, res),
        path: req.originalUrl,
        status: res.statusCode,
        durationMs: Number(process.hrtime.bigint() - started) / 1e6,
        actor: actorOf(res),
        ...(res.writableFinished ? {} : { aborted: true }),
      };
      if (res.statusCode >= 500) requestLog.error(line, 'request');
      else requestLog.info(line, 'request');
    };
    res.once('finish', done);
    res.once('close', done);
    next();
  };
}

/** The logger of the request being answered, carrying its id. */
export const requestLogOf = (res: Response): Logger => res.locals.log as Logger;
