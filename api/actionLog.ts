import { Request, RequestHandler, Response } from 'express';
import { ActionActor, ActionBody } from '../audit/actionLog/chain';
import { ActionLogOutbox } from '../audit/actionLog/outbox';
import { caseKindAt, caseWorkflowId } from '../common/caseKinds';
import { Actor } from '../domain/actors';
import { ApiError } from './errors';
import { requestIdOf } from './requestId';

const reads = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every write under /api/v1 (and /open311/v2), accepted or refused (a refusal is an attempt an auditor wants to
 * see), is recorded under its request id (api/requestId.ts) before its answer goes out: the entry
 * lands in the outbox on disk, which moves it into the hash-chained log (audit/actionLog/outbox.ts).
 * An API that dies after answering, or a MongoDB that is down, loses no entry. Mounted before the
 * body parser, so malformed bodies are recorded too. A caller who hangs up before the answer is
 * recorded when the connection closes.
 */
export function recordWrites(
  outbox: ActionLogOutbox,
  onUnrecorded: (requestId: string, err: Error) => void,
): RequestHandler {
  return (req, res, next) => {
    if (reads.has(req.method)) return next();
    const requestId = requestIdOf(res);
    let recorded: Promise<unknown> | undefined;
    const record = (answered: boolean) => {
      recorded ??= outbox
        .put(actionOf(req, res, requestId, answered))
        .catch((err: Error) => onUnrecorded(requestId, err));
      return recorded;
    };
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    res.end = ((...args: unknown[]) => {
      void record(true).then(() => end(...args));
      return res;
    }) as Response['end'];
    res.once('close', () => void record(false));
    next();
  };
}

function actionOf(req: Request, res: Response, requestId: string, answered: boolean): ActionBody {
  const problem = res.locals.problem as string | undefined;
  const path = req.originalUrl.split('?')[0].replace(/(.)\/+$/, '$1');
  const location = res.getHeader('location');
  // 499 (as nginx logs it): the caller hung up before the answer, so its outcome is unknown here.
  const outcome = answered
    ? { status: res.statusCode, ...(problem ? { problem } : {}) }
    : { status: 499, problem: 'client_closed' };
  const target = caseOf(typeof location === 'string' ? location : path);
  return {
    at: new Date().toISOString(),
    actor: actorOf(res),
    action: `${req.method} ${routePattern(path, req.route?.path)}`,
    path,
    ...(target ? { target } : {}),
    requestId,
    outcome,
  };
}

/** The verified subject (api/actor.ts `authenticate`), or `anonymous` and why nobody was verified. */
function actorOf(res: Response): ActionActor {
  const actor = res.locals.actor as Actor | undefined;
  if (actor) return { id: actor.id, role: actor.role, unit: actor.unit };
  const refusal = res.locals.unauthenticated as ApiError | undefined;
  return { id: 'anonymous', reason: refusal?.message ?? 'not authenticated' };
}

/**
 * `/api/v1/requests/:id/dispatch` from `/api/v1/requests/r1/dispatch` and the matched route's own
 * path (`/requests/:id/dispatch`): the route's segments replace the path's last ones, whatever
 * prefix its router is mounted under.
 */
function routePattern(path: string, route: unknown): string {
  if (typeof route !== 'string') return path;
  const segments = path.split('/');
  const own = route.split('/').filter(Boolean);
  return [...segments.slice(0, segments.length - own.length), ...own].join('/');
}

/** The case (workflow ID) a path names, e.g. `request-<id>` for /api/v1/requests/<id>/dispatch or /open311/v2/requests/<id>.xml. */
function caseOf(path: string): string | undefined {
  const [, collection, id] = /^\/(?:api\/v1|open311\/v2)\/([^/]+)\/([^/.]+)/.exec(path) ?? [];
  const kind = collection && caseKindAt(collection);
  return kind ? caseWorkflowId(kind.kind, id) : undefined;
}
